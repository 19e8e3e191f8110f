import { UserRole } from '../user/user-role.enum';

/** Who is reading the history. */
export interface HistoryViewer {
  userId: string;
  role: UserRole;
  /** The organisations of which the reader is ORG_ADMIN. */
  administeredOrganizationIds: string[];
}

/** A piece of WHERE clause on the alias `e` (the history_event table) with its `?` parameters. */
export interface HistoryCondition {
  sql: string;
  params: string[];
}

/**
 * The one rule of who sees which events, as a condition on `e`, or null for everything. A
 * platform administrator sees all; anyone else sees what they did and what happened to their own
 * seals and documents, whoever did it; an organisation's ORG_ADMINs also see everything about its
 * seals and its membership.
 */
export function visibleEvents(viewer: HistoryViewer): HistoryCondition | null {
  if (viewer.role === UserRole.ADMIN) return null;
  const own = [
    'e.actor_id = ?',
    'e.seal_id in (select s.id from seal s where s.owner_id = ?)',
    'e.document_id in (select d.id from document d where d.owner_id = ?)',
  ];
  const organizations = viewer.administeredOrganizationIds;
  if (organizations.length === 0) {
    return { sql: `(${own.join(' or ')})`, params: own.map(() => viewer.userId) };
  }
  const marks = organizations.map(() => '?').join(', ');
  const administered = [
    `e.seal_id in (select s.id from seal s where s.organization_id in (${marks}))`,
    `e.payload->>'organizationId' in (${marks})`,
  ];

  return {
    sql: `(${[...own, ...administered].join(' or ')})`,
    params: [...own.map(() => viewer.userId), ...organizations, ...organizations],
  };
}

import { UserRole } from '../user/user-role.enum';

/** Who is reading the history. */
export interface HistoryViewer {
  userId: string;
  role: UserRole;
}

/** A piece of WHERE clause on the alias `e` (the history_event table) with its `?` parameters. */
export interface HistoryCondition {
  sql: string;
  params: string[];
}

/**
 * The one rule of who sees which events, as a condition on `e`, or null for everything. A
 * platform administrator sees all; anyone else sees what they did and what happened to their own
 * seals and documents, whoever did it. A new kind of reader (an organisation's administrator)
 * adds a branch here.
 */
export function visibleEvents(viewer: HistoryViewer): HistoryCondition | null {
  if (viewer.role === UserRole.ADMIN) return null;
  const branches = [
    'e.actor_id = ?',
    'e.seal_id in (select s.id from seal s where s.owner_id = ?)',
    'e.document_id in (select d.id from document d where d.owner_id = ?)',
  ];

  return { sql: `(${branches.join(' or ')})`, params: branches.map(() => viewer.userId) };
}

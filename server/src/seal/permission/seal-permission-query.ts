import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/ids';
import { isPlatformAdmin, organizationsOf } from '../../organization/organization-access';
import { OrganizationRole } from '../../organization/organization-role.enum';
import type { SqlCondition } from '../seal-query';
import type { SealPermissionFilter } from './seal-permission-filter.input';
import { SealPermissionStatus } from './seal-permission-status.enum';
import { SealPermission } from './seal-permission.entity';

/**
 * The SQL twin of `SealPermission.statusAt` on the alias `p`: one branch per status, each
 * excluding the statuses that take precedence over it, so that every grant matches exactly one.
 */
export function permissionStatusCondition(status: SealPermissionStatus, now: Date): SqlCondition {
  const standing = 'p.revoked_at is null and p.valid_to >= ?';
  const started = `${standing} and p.valid_from <= ?`;
  switch (status) {
    case SealPermissionStatus.REVOKED:
      return { sql: 'p.revoked_at is not null', params: [] };
    case SealPermissionStatus.EXPIRED:
      return { sql: 'p.revoked_at is null and p.valid_to < ?', params: [now] };
    case SealPermissionStatus.PENDING:
      return { sql: `${standing} and p.valid_from > ?`, params: [now, now] };
    case SealPermissionStatus.EXHAUSTED:
      return {
        sql: `${started} and p.max_uses is not null and p.used_count >= p.max_uses`,
        params: [now, now],
      };
    case SealPermissionStatus.ACTIVE:
      return {
        sql: `${started} and (p.max_uses is null or p.used_count < p.max_uses)`,
        params: [now, now],
      };
  }
}

/** The twin of `SealPermission.standsAt`: not revoked, not ended. */
export function permissionStandsCondition(now: Date): SqlCondition {
  return { sql: 'p.revoked_at is null and p.valid_to >= ?', params: [now] };
}

/** `column in (…)` for a list that may be empty, which SQL's `in ()` refuses. */
export function inList(column: string, ids: readonly string[]): SqlCondition {
  if (ids.length === 0) return { sql: 'false', params: [] };

  return { sql: `${column} in (${ids.map(() => '?').join(', ')})`, params: [...ids] };
}

/** The grants a user asked for, joined with their seal (`s`), as a builder the caller pages. */
export class SealPermissionQuery {
  private constructor(private readonly conditions: SqlCondition[]) {}

  static async of(
    ctx: RequestContext,
    filter: SealPermissionFilter,
    now = new Date(),
  ): Promise<SealPermissionQuery> {
    const visibility = (await isPlatformAdmin(ctx))
      ? []
      : [grantsVisibleTo(ctx.actor.userId!, await organizationsOf(ctx, GRANTING_ROLES))];

    return new SealPermissionQuery([...visibility, ...filterConditions(filter, now)]);
  }

  matching(em: EntityManager): QueryBuilder<SealPermission> {
    const qb = em.createQueryBuilder(SealPermission, 'p').join('p.seal', 's');
    for (const { sql, params } of this.conditions) qb.andWhere(sql, params);

    return qb;
  }
}

/** Who grants an organisation's seals, as `mayActOn(…, GRANT)` says. */
const GRANTING_ROLES = [OrganizationRole.ORG_ADMIN];

/**
 * The SQL twin of who may see a grant: its holder, and whoever may grant the seal (a personal
 * seal's owner, a company seal's ORG_ADMINs, as `mayActOn(…, GRANT)` decides one seal at a time).
 */
function grantsVisibleTo(userId: string, grantingOrganizationIds: string[]): SqlCondition {
  const organizations = inList('s.organization_id', grantingOrganizationIds);

  return {
    sql: `(p.grantee_id = ? or (s.organization_id is null and s.owner_id = ?) or ${organizations.sql})`,
    params: [userId, userId, ...organizations.params],
  };
}

function filterConditions(filter: SealPermissionFilter, now: Date): SqlCondition[] {
  const conditions: SqlCondition[] = [];
  if (filter.sealId !== null && filter.sealId !== undefined) {
    conditions.push({ sql: 'p.seal_id = ?', params: [uuid('filter.sealId', filter.sealId)] });
  }
  if (filter.userId !== null && filter.userId !== undefined) {
    conditions.push({ sql: 'p.grantee_id = ?', params: [uuid('filter.userId', filter.userId)] });
  }
  if (filter.status) conditions.push(permissionStatusCondition(filter.status, now));
  if (filter.active === true || filter.active === false) {
    const active = permissionStatusCondition(SealPermissionStatus.ACTIVE, now);
    conditions.push(filter.active ? active : { ...active, sql: `not (${active.sql})` });
  }

  return conditions;
}

function uuid(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `expected a UUID, got "${value.slice(0, 40)}"`);

  return value;
}

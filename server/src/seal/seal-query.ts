import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { badInput, forbidden } from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { isPlatformAdmin, KEEPS_SEALS, organizationsOf } from '../organization/organization-access';
import {
  inList,
  permissionStandsCondition,
  permissionStatusCondition,
} from './permission/seal-permission-query';
import { SealPermissionStatus } from './permission/seal-permission-status.enum';
import type { SealFilter } from './seal-filter.input';
import type { SealStatusCount } from './seal-page.type';
import { SealStatus } from './seal-status.enum';
import { Seal } from './seal.entity';

/** A piece of WHERE clause on the alias `s` (the seal table) with its `?` parameters. */
export interface SqlCondition {
  sql: string;
  params: (string | number | Date)[];
}

const DAY_MS = 86_400_000;

/**
 * The SQL twin of `Seal.statusAt`: one branch per status, each excluding the statuses that take
 * precedence over it, so that every seal matches exactly one.
 */
export function statusCondition(
  status: SealStatus,
  now: Date,
  expiryWarningDays: number,
): SqlCondition {
  const valid = 's.revoked_at is null and s.valid_from <= ? and s.valid_to >= ?';
  const unlocked = '(s.locked_until is null or s.locked_until <= ?)';
  const warnFrom = new Date(now.getTime() + expiryWarningDays * DAY_MS);
  switch (status) {
    case SealStatus.REVOKED:
      return { sql: 's.revoked_at is not null', params: [] };
    case SealStatus.EXPIRED:
      return {
        sql: 's.revoked_at is null and (s.valid_from > ? or s.valid_to < ?)',
        params: [now, now],
      };
    case SealStatus.LOCKED:
      return { sql: `${valid} and s.locked_until > ?`, params: [now, now, now] };
    case SealStatus.EXPIRING:
      return {
        sql: `${valid} and ${unlocked} and s.valid_to <= ?`,
        params: [now, now, now, warnFrom],
      };
    case SealStatus.ACTIVE:
      return {
        sql: `${valid} and ${unlocked} and s.valid_to > ?`,
        params: [now, now, now, warnFrom],
      };
  }
}

/** Whose view of the seals a query takes: what they keep and the organisations they are in. */
export interface SealViewer {
  userId: string;
  organizationIds: string[];
  /** The organisations where they look after seals (ORG_ADMIN, SEAL_KEEPER). */
  keeperOrganizationIds: string[];
  platformAdmin: boolean;
}

/** The seals a user asked for, as a query builder the caller pages, counts or exports. */
export class SealQuery {
  private readonly conditions: SqlCondition[];

  constructor(
    readonly filter: SealFilter,
    viewer: SealViewer,
    readonly now: Date,
    readonly expiryWarningDays: number,
  ) {
    this.conditions = filterConditions(filter, viewer, now, expiryWarningDays);
  }

  /** The query as the signed-in user sees it. */
  static async of(
    ctx: RequestContext,
    filter: SealFilter,
    expiryWarningDays: number,
  ): Promise<SealQuery> {
    const viewer = {
      userId: ctx.actor.userId!,
      organizationIds: await organizationsOf(ctx),
      keeperOrganizationIds: await organizationsOf(ctx, KEEPS_SEALS),
      platformAdmin: await isPlatformAdmin(ctx),
    };

    return new SealQuery(filter, viewer, new Date(), expiryWarningDays);
  }

  /** Every condition; `status` replaces the filter's own, as counting per status needs. */
  matching(em: EntityManager, status = this.filter.status): QueryBuilder<Seal> {
    const qb = em.createQueryBuilder(Seal, 's');
    const conditions = status
      ? [...this.conditions, statusCondition(status, this.now, this.expiryWarningDays)]
      : this.conditions;
    for (const { sql, params } of conditions) qb.andWhere(sql, params);

    return qb;
  }

  /**
   * How many of the seals matching every condition but the status filter stand in each status,
   * counted in one pass: one `count(*) filter (where …)` column per status.
   */
  async countByStatus(em: EntityManager): Promise<SealStatusCount[]> {
    const knex = em.getKnex();
    const statuses = Object.values(SealStatus);
    const query = knex('seal as s');
    for (const { sql, params } of this.conditions) void query.whereRaw(sql, params);
    const columns = statuses.map((status) => {
      const { sql, params } = statusCondition(status, this.now, this.expiryWarningDays);

      return knex.raw(`count(*) filter (where ${sql})::int as ??`, [...params, status]);
    });
    const [row] = await query.select<Record<SealStatus, number>[]>(columns);

    return statuses.map((status) => ({ status, count: row[status] }));
  }
}

/** Validates the filter where it enters and turns it into conditions, visibility first. */
function filterConditions(
  filter: SealFilter,
  viewer: SealViewer,
  now: Date,
  expiryWarningDays: number,
): SqlCondition[] {
  const conditions = [visibleTo(viewer, filter, now)];
  if (filter.ownerId !== null && filter.ownerId !== undefined) {
    conditions.push({ sql: 's.owner_id = ?', params: [uuid('filter.ownerId', filter.ownerId)] });
  }
  if (filter.type) conditions.push({ sql: 's.type = ?', params: [filter.type] });
  if (filter.usable === true || filter.usable === false) {
    const usable = usableBy(viewer, now, expiryWarningDays);
    conditions.push(filter.usable ? usable : { ...usable, sql: `not (${usable.sql})` });
  }
  if (filter.expired === true) conditions.push({ sql: 's.valid_to < ?', params: [now] });
  if (filter.expired === false) conditions.push({ sql: 's.valid_to >= ?', params: [now] });
  if (filter.expiringWithinDays !== null && filter.expiringWithinDays !== undefined) {
    conditions.push(expiringWithin(filter.expiringWithinDays, now));
  }
  if (filter.search !== null && filter.search !== undefined) {
    conditions.push(searchCondition(requireText('filter.search', filter.search, 1, 64)));
  }

  return conditions;
}

/**
 * The seals a user may list: those they keep, their organisations' (one organisation's when the
 * filter names it, which platform admins may do for any), and the personal seals they hold a
 * standing grant on (a company seal's grantee is its organisation's member, and sees it as such).
 */
function visibleTo(viewer: SealViewer, filter: SealFilter, now: Date): SqlCondition {
  if (filter.organizationId !== null && filter.organizationId !== undefined) {
    const id = uuid('filter.organizationId', filter.organizationId);
    if (!viewer.organizationIds.includes(id) && !viewer.platformAdmin) {
      throw forbidden(`the seals of organisation ${id}`);
    }

    return { sql: 's.organization_id = ?', params: [id] };
  }
  const organizations = inList('s.organization_id', viewer.organizationIds);
  const stands = permissionStandsCondition(now);

  return {
    sql: `(s.owner_id = ? or ${organizations.sql} or (s.organization_id is null and exists (select 1 from seal_permission p where p.seal_id = s.id and p.grantee_id = ? and ${stands.sql})))`,
    params: [viewer.userId, ...organizations.params, viewer.userId, ...stands.params],
  };
}

/**
 * The SQL twin of "may sign with it now": the user keeps it (as `mayActOn(…, USE)` says of
 * keepers) or holds an ACTIVE grant on it that counts (a company seal's, while they are a member),
 * and the seal itself can sign (ACTIVE or EXPIRING).
 */
function usableBy(viewer: SealViewer, now: Date, expiryWarningDays: number): SqlCondition {
  const keeps = inList('s.organization_id', viewer.keeperOrganizationIds);
  const member = inList('s.organization_id', viewer.organizationIds);
  const active = permissionStatusCondition(SealPermissionStatus.ACTIVE, now);
  const signs = [SealStatus.ACTIVE, SealStatus.EXPIRING].map((status) =>
    statusCondition(status, now, expiryWarningDays),
  );
  const keeper = `(s.owner_id = ? and (s.organization_id is null or ${keeps.sql}))`;
  const grantee = `exists (select 1 from seal_permission p where p.seal_id = s.id and p.grantee_id = ? and ${active.sql} and (s.organization_id is null or ${member.sql}))`;

  return {
    sql: `(${keeper} or ${grantee}) and ((${signs[0].sql}) or (${signs[1].sql}))`,
    params: [
      ...[viewer.userId, ...keeps.params],
      ...[viewer.userId, ...active.params, ...member.params],
      ...signs.flatMap((sign) => sign.params),
    ],
  };
}

function uuid(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `expected a UUID, got "${value.slice(0, 40)}"`);

  return value;
}

function expiringWithin(days: number, now: Date): SqlCondition {
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw badInput('filter.expiringWithinDays', `expected an integer from 1 to 3650, got ${days}`);
  }

  return {
    sql: 's.revoked_at is null and s.valid_to >= ? and s.valid_to <= ?',
    params: [now, new Date(now.getTime() + days * DAY_MS)],
  };
}

/** Case-insensitive substring match; the user's `%`, `_` and `\` match only themselves. */
function searchCondition(text: string): SqlCondition {
  const pattern = `%${escapeLike(text)}%`;

  return { sql: '(s.name ilike ? or s.owner_name ilike ?)', params: [pattern, pattern] };
}

/** Escapes LIKE wildcards with PostgreSQL's default escape character, the backslash. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

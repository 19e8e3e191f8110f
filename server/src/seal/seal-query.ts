import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { badInput, forbidden } from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { isPlatformAdmin, organizationsOf } from '../organization/organization-access';
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
    this.conditions = filterConditions(filter, viewer, now);
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
function filterConditions(filter: SealFilter, viewer: SealViewer, now: Date): SqlCondition[] {
  const conditions = [visibleTo(viewer, filter)];
  if (filter.ownerId !== null && filter.ownerId !== undefined) {
    conditions.push({ sql: 's.owner_id = ?', params: [uuid('filter.ownerId', filter.ownerId)] });
  }
  if (filter.type) conditions.push({ sql: 's.type = ?', params: [filter.type] });
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
 * The seals a user may list: those they keep and their organisations' (one organisation's when
 * the filter names it, which platform admins may do for any).
 */
function visibleTo(viewer: SealViewer, filter: SealFilter): SqlCondition {
  if (filter.organizationId !== null && filter.organizationId !== undefined) {
    const id = uuid('filter.organizationId', filter.organizationId);
    if (!viewer.organizationIds.includes(id) && !viewer.platformAdmin) {
      throw forbidden(`the seals of organisation ${id}`);
    }

    return { sql: 's.organization_id = ?', params: [id] };
  }
  if (viewer.organizationIds.length === 0) {
    return { sql: 's.owner_id = ?', params: [viewer.userId] };
  }
  const marks = viewer.organizationIds.map(() => '?').join(', ');

  return {
    sql: `(s.owner_id = ? or s.organization_id in (${marks}))`,
    params: [viewer.userId, ...viewer.organizationIds],
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

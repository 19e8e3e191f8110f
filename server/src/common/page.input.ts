import type { QueryBuilder } from '@mikro-orm/postgresql';
import { Field, InputType, Int } from 'type-graphql';
import { badInput } from './errors';
import { isUuid } from './ids';

export const MAX_PAGE_LIMIT = 200;

@InputType({
  description:
    'A window on a list: at most `limit` items, either after skipping `offset` of them (numbered pages) or after the item whose cursor is `after` (a previous page’s `pageInfo.endCursor`), which stays right while items are added.',
})
export class PageInput {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip, from 0; not with `after`.' })
  offset = 0;

  @Field(() => Int, { defaultValue: 20, description: `Items to return, 1–${MAX_PAGE_LIMIT}.` })
  limit = 20;

  @Field(() => String, {
    nullable: true,
    description: 'Continue after this cursor (`pageInfo.endCursor` of the page before).',
  })
  after?: string | null;
}

/** Where a list is ordered: its sort key and, to break ties, the id. */
export interface ListPosition {
  key: string;
  id: string;
}

/** A checked page: an offset, or a position in the list to continue after. */
export interface CheckedPage {
  offset: number;
  limit: number;
  after: ListPosition | null;
}

/**
 * The page asked for, or the first 20 items; out-of-range numbers and cursors that this list did
 * not hand out are the client's error. `list` names the list, so that a cursor of one list is
 * not taken for a position in another.
 */
export function checkPage(page: PageInput | null | undefined, list = 'list'): CheckedPage {
  const { offset = 0, limit = 20, after = null } = page ?? {};
  if (!Number.isInteger(offset) || offset < 0) {
    throw badInput('page.offset', `expected an integer from 0, got ${offset}`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badInput('page.limit', `expected an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`);
  }
  if (after !== null && offset > 0) {
    throw badInput('page.after', 'expected either offset or after, got both');
  }

  return { offset, limit, after: after === null ? null : decodeCursor(list, after) };
}

/** An opaque cursor for the item at `position` of the list. */
export function encodeCursor(list: string, position: ListPosition): string {
  return Buffer.from(JSON.stringify([list, position.key, position.id])).toString('base64url');
}

function decodeCursor(list: string, cursor: string): ListPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    decoded[0] !== list ||
    !decoded.slice(1).every((part) => typeof part === 'string')
  ) {
    throw badInput(
      'page.after',
      `expected an endCursor of this list, got "${cursor.slice(0, 64)}"`,
    );
  }

  return { key: decoded[1] as string, id: decoded[2] as string };
}

/**
 * The items of a page fetched with one row more than asked for, so that the extra row says
 * whether another page follows; with the cursor of its last item.
 */
export function pageOf<T>(
  rows: T[],
  page: CheckedPage,
  list: string,
  positionOf: (row: T) => ListPosition,
) {
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);

  return {
    items,
    pageInfo: {
      endCursor: last ? encodeCursor(list, positionOf(last)) : null,
      hasNextPage: rows.length > page.limit,
    },
  };
}

/**
 * The condition "after `position`" on a list ordered by `field` then id, both `order`: a filter
 * for MikroORM's find or query builder. `parse` turns the cursor's key back into a value of the
 * field (a Date for timestamps), refusing what this list would not have handed out.
 */
export function afterCondition(
  position: ListPosition,
  field: string,
  order: 'asc' | 'desc',
  parse: (key: string) => unknown = (key) => key,
): Record<string, unknown> {
  const key = parse(position.key);
  if (key === undefined || !isUuid(position.id)) {
    throw badInput('page.after', 'expected an endCursor of this list, got a damaged one');
  }
  const beyond = order === 'asc' ? '$gt' : '$lt';

  return { $or: [{ [field]: { [beyond]: key } }, { [field]: key, id: { [beyond]: position.id } }] };
}

/** Parses a cursor's timestamp key; undefined when it is none. */
export function timestampKey(key: string): Date | undefined {
  const date = new Date(key);

  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * One page of a query over rows with `createdAt` and `id`, newest first, with the total of the
 * whole query: the shape of most of the API's lists.
 */
export async function newestFirstPage<T extends { id: string; createdAt: Date }>(
  query: QueryBuilder<T>,
  page: CheckedPage,
  list: string,
) {
  const totalCount = await query.clone().getCount();
  if (page.after) query.andWhere(afterCondition(page.after, 'createdAt', 'desc', timestampKey));
  const rows = await query
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .offset(page.offset)
    .limit(page.limit + 1)
    .getResultList();
  const positionOf = (row: T) => ({ key: row.createdAt.toISOString(), id: row.id });

  return { ...pageOf(rows, page, list, positionOf), totalCount };
}

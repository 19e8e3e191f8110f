import { Field, InputType, Int } from 'type-graphql';
import { badInput } from './errors';

export const MAX_PAGE_LIMIT = 100;

@InputType({ description: 'A window on a list: skip `offset` items, then return at most `limit`.' })
export class PageInput {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip, from 0.' })
  offset = 0;

  @Field(() => Int, { defaultValue: 20, description: `Items to return, 1–${MAX_PAGE_LIMIT}.` })
  limit = 20;
}

/** The page asked for, or the first 20 items; out-of-range numbers are the client's error. */
export function checkPage(page: PageInput | null | undefined): PageInput {
  const { offset = 0, limit = 20 } = page ?? {};
  if (!Number.isInteger(offset) || offset < 0) {
    throw badInput('page.offset', `expected an integer from 0, got ${offset}`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badInput('page.limit', `expected an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`);
  }

  return { offset, limit };
}

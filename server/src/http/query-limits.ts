import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ValidationRule } from 'graphql';

/**
 * Limits that refuse abusive operations before they run: relations nest (a document's signatures'
 * documents' signatures…), so an unbounded query grows exponentially. The limits leave room for
 * every real query of the API and the console.
 */
export const QUERY_LIMITS = { depth: 10, aliases: 15, cost: 5000 };

/** Messages the rules below produce, recognised by the error formatter. */
export const QUERY_LIMIT_MESSAGE = /^(Query depth limit|Aliases limit|Query Cost limit) of /;

export function queryLimitRules(): ValidationRule[] {
  return [
    maxDepthRule({ n: QUERY_LIMITS.depth, exposeLimits: true, propagateOnRejection: true }),
    maxAliasesRule({ n: QUERY_LIMITS.aliases, exposeLimits: true, propagateOnRejection: true }),
    costLimitRule({ maxCost: QUERY_LIMITS.cost, exposeLimits: true, propagateOnRejection: true }),
  ];
}

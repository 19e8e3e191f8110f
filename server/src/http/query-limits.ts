import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

/**
 * Limits that refuse abusive operations before they run: relations nest (a document's signatures'
 * documents' signatures…), so an unbounded query grows exponentially. The limits leave room for
 * every real query of the API and the console.
 */
// The cost multiplies by a list's `first`, so that a page of 100 history events with their
// actors' organisations (about 28 000) passes and a request of two of them does not.
export const QUERY_LIMITS = { depth: 10, aliases: 15, cost: 50_000 };

/**
 * Messages the rules below produce, recognised by the error formatter (which drops the
 * misleading "Syntax Error: " the rules put in front).
 */
export const QUERY_LIMIT_MESSAGE =
  /^(?:Syntax Error: )?((?:Query depth limit|Aliases limit|Query Cost limit) of .*)$/;

/**
 * The rules report a refusal as a validation error of the operation. Thrown instead (the
 * library's default), it escapes validation and Apollo answers 500.
 */
const refusal = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
  ],
};

export function queryLimitRules(): ValidationRule[] {
  return [
    maxDepthRule({ n: QUERY_LIMITS.depth, ...refusal }),
    maxAliasesRule({ n: QUERY_LIMITS.aliases, ...refusal }),
    costLimitRule({ maxCost: QUERY_LIMITS.cost, ...refusal }),
  ];
}

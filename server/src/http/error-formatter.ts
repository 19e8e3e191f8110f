import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import { AppError, ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import { QUERY_LIMIT_MESSAGE } from './query-limits';

/** Apollo's codes that already say what the client did wrong. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one edge where anything thrown becomes what a client sees: our AppErrors as they are,
 * GraphQL's own client errors with their codes, and everything else as INTERNAL_SERVER_ERROR,
 * logged in full here and returned without internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return { ...formatted, message: original.message };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return asClientError(formatted, code);
    logger.error(
      { err: loggable(original), path: formatted.path },
      'unexpected error in a GraphQL operation',
    );

    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Database errors quote the failed SQL with its values (a password hash, an e-mail address):
 * only their kind and the database's own reason are logged.
 */
function loggable(error: unknown): unknown {
  if (!(error instanceof DriverException)) return error;
  const reason = error.message.split(' - ').pop();

  return { type: error.name, code: error.code, sqlState: error.sqlState, reason };
}

/** A value the schema cannot accept (a bad enum, a wrong type) is bad user input. */
function asClientError(formatted: GraphQLFormattedError, code: string): GraphQLFormattedError {
  const limit = QUERY_LIMIT_MESSAGE.exec(formatted.message);
  if (limit) {
    return { message: limit[1], extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  const badValue = /Enum|cannot represent|Expected value of type|got invalid value/i;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && badValue.test(formatted.message)) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT },
    };
  }

  return formatted;
}

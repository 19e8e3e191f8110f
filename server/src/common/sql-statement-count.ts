import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements one GraphQL request sends, for the tests that keep list queries from
 * growing with the number of rows (N+1). The count follows the request through every await, so
 * concurrent requests are counted apart; outside a counted request nothing is kept.
 */
const requestCounts = new AsyncLocalStorage<{ statements: number }>();

/** Runs `work` with a fresh count; read it with `sqlStatementCount` from inside. */
export function countSqlStatements<T>(work: () => T): T {
  return requestCounts.run({ statements: 0 }, work);
}

/** The ORM's query hook: notes the statement and passes it through unchanged. */
export function noteSqlStatement(sql: string): string {
  const count = requestCounts.getStore();
  if (count) count.statements++;

  return sql;
}

/** Statements sent so far by the current counted request, or undefined outside one. */
export function sqlStatementCount(): number | undefined {
  return requestCounts.getStore()?.statements;
}

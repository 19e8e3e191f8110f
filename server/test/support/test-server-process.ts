import 'reflect-metadata';
import { startTestServer } from './test-server';

/**
 * Runs one test server as a process of its own, for tests that need a server configured unlike
 * the run's shared one. Reads its settings from ESEAL_CHILD_ENV (JSON) and the database server
 * from ESEAL_CHILD_DATABASE_SERVER, prints "READY <url> <databaseUrl>" and stops on SIGTERM.
 */
async function main(): Promise<void> {
  const env = JSON.parse(process.env.ESEAL_CHILD_ENV ?? '{}') as Record<string, string>;
  const server = await startTestServer(env, process.env.ESEAL_CHILD_DATABASE_SERVER || undefined);
  process.stdout.write(`READY ${server.app.url} ${server.app.databaseUrl}\n`);
  process.once('SIGTERM', () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

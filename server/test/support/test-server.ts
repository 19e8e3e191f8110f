import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/common/config';
import { createLogger } from '../../src/common/logger';
import { TEST_ADMIN } from './api';

/** A real server on a real PostgreSQL, made for one test run and removed after it. */
export interface TestServer {
  app: RunningApp;
  stop(): Promise<void>;
}

/**
 * With a database server (TEST_DATABASE_URL by default), creates a database of its own in it (never touching the
 * others) and drops it afterwards; otherwise runs an embedded PostgreSQL in a temporary folder.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  databaseServer = process.env.TEST_DATABASE_URL,
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eseal-test-'));
  const database = databaseServer ? await createScratchDatabase(databaseServer) : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    // With TEST_REDIS_URL, events travel through Redis as they do between server processes.
    REDIS_URL: process.env.TEST_REDIS_URL,
    MASTER_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // The tests that keep lists free of N+1 queries read the count from each response.
    EXPOSE_SQL_COUNTS: 'true',
    // Tests register without codes; those about verification start servers that require it.
    VERIFICATION_REQUIRED: 'false',
    ...env,
  });
  const app = await startApp(config, createLogger(config.logLevel));

  return {
    app,
    stop: async () => {
      await app.stop();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createScratchDatabase(serverUrl: string) {
  const name = `eseal_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ),
  };
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

import { spawn } from 'node:child_process';
import path from 'node:path';

/** A test server in a child process: what the run's own server cannot be configured as. */
export interface ChildServer {
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `test-server-process.ts` with extra environment for the app. Jest's sandbox cannot
 * host a second application (the ORM trips over its separate globals), so it gets a process,
 * and a database of its own in the run's PostgreSQL.
 */
export function spawnTestServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'test-server-process.ts')],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        ESEAL_CHILD_ENV: JSON.stringify(env),
        ESEAL_CHILD_DATABASE_SERVER: process.env.ESEAL_TEST_DATABASE_URL ?? '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^READY (\S+) (\S+)$/m.exec(output);
      if (ready) resolve({ url: ready[1], databaseUrl: ready[2], stop });
    });
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}: ${output}`)));
  });
}

/**
 * For the calling describe block: a child server started with `env`, at which the API helpers
 * point (through ESEAL_TEST_URL and ESEAL_TEST_DATABASE_URL) until the block ends.
 */
export function useChildServer(
  env: () => Record<string, string> | Promise<Record<string, string>>,
): void {
  let server: ChildServer | undefined;
  const saved = { url: process.env.ESEAL_TEST_URL, db: process.env.ESEAL_TEST_DATABASE_URL };

  beforeAll(async () => {
    server = await spawnTestServer(await env());
    process.env.ESEAL_TEST_URL = server.url;
    process.env.ESEAL_TEST_DATABASE_URL = server.databaseUrl;
  }, 120_000);

  afterAll(async () => {
    process.env.ESEAL_TEST_URL = saved.url;
    process.env.ESEAL_TEST_DATABASE_URL = saved.db;
    await server?.stop();
  });
}

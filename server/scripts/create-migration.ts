import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedDatabase } from '../src/common/embedded-database';
import { createLogger } from '../src/common/logger';
import { ormConfig } from '../src/common/mikro-orm.config';

/**
 * `npm run migration:create -w server`: writes a migration for the difference between the
 * entities and the committed migrations. It replays the migrations on a throwaway embedded
 * database, so it never needs (or touches) a real one.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eseal-migration-'));
  const database = await startEmbeddedDatabase(dataDir, createLogger('warn'));
  try {
    const orm = await MikroORM.init(ormConfig(database.url));
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(
      undefined,
      false,
      (await migrator.getExecutedMigrations()).length === 0,
    );
    console.log(result.fileName ? `wrote ${result.fileName}` : 'the schema is up to date');
    await orm.close();
  } finally {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

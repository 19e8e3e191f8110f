import path from 'node:path';
import { defineConfig, UnderscoreNamingStrategy } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { noteSqlStatement } from './sql-statement-count';

/** Running from TypeScript sources (tests, CLI) or from the compiled dist/. */
const fromSources = __filename.endsWith('.ts');

/**
 * ORM settings shared by the server and the migration CLI. The schema is changed only by the
 * committed migrations in src/migrations, never synchronised automatically.
 */
export function ormConfig(clientUrl: string) {
  return defineConfig({
    clientUrl,
    entities,
    namingStrategy: UnderscoreNamingStrategy,
    extensions: [Migrator],
    preferTs: fromSources,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      path: path.join(__dirname, '../../dist/migrations'),
      pathTs: path.join(__dirname, '../../src/migrations'),
      transactional: true,
      // The server logs the migrations it applied, once, through its own logger.
      silent: true,
      allOrNothing: true,
      // No snapshot: `npm run migration:create` replays the migrations on a throwaway database
      // and diffs the entities against it, so the migrations alone are the schema's record, and
      // a running server (which would rewrite a snapshot after migrating) leaves the tree alone.
      snapshot: false,
      emit: 'ts',
    },
    forceUtcTimezone: true,
    onQuery: noteSqlStatement,
    allowGlobalContext: false,
  });
}

// The migration CLI reads the default export; it needs DATABASE_URL.
export default ormConfig(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/eseal');

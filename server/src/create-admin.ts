import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from './common/config';
import { startEmbeddedDatabase } from './common/embedded-database';
import { createLogger } from './common/logger';
import { ormConfig } from './common/mikro-orm.config';
import { HistoryService } from './history/history.service';
import { createAdminAccount } from './user/admin-account';

const USAGE =
  'Usage: npm run create-admin -- --username NAME [--password PASSWORD]\n' +
  '  (or ADMIN_USERNAME and ADMIN_PASSWORD in the environment; the password is safer there)';

/**
 * `npm run create-admin`: creates an ADMIN account in the configured database (DATABASE_URL, or
 * the embedded one under DATA_DIR while no server runs on it), whether or not one exists.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, password: { type: 'string' } },
  });
  // Through the configuration, so names and passwords pass the checks the first start applies.
  const config = loadConfig({
    ...process.env,
    ADMIN_USERNAME: values.username ?? process.env.ADMIN_USERNAME,
    ADMIN_PASSWORD: values.password ?? process.env.ADMIN_PASSWORD,
  });
  if (!config.initialAdmin) throw new Error(USAGE);
  const logger = createLogger(config.logLevel);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedDatabase(config.dataDir, logger);
  const orm = await MikroORM.init(ormConfig(config.databaseUrl ?? embedded!.url));
  try {
    await orm.getMigrator().up();
    const { username } = config.initialAdmin;
    const created = await createAdminAccount(
      orm.em.fork(),
      new HistoryService(orm),
      config.initialAdmin,
      'create-admin',
    );
    console.log(
      created ? `created administrator "${username}"` : `"${username}" is already an administrator`,
    );

    return 0;
  } finally {
    await orm.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const plain = /^(Invalid configuration|Usage|an ordinary account)/.test(message);
    console.error(plain ? message : error);
    process.exit(1);
  },
);

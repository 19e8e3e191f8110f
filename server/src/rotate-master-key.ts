import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from './common/config';
import { startEmbeddedDatabase } from './common/embedded-database';
import { createLogger } from './common/logger';
import { ormConfig } from './common/mikro-orm.config';
import { KeyVault, masterKeyIdOf } from './pki/key-vault';
import { rotateMasterKey, type RotationCounts } from './pki/master-key-rotation';

/**
 * `npm run rotate-master-key`: rewraps every private key's data key from the keys in
 * MASTER_KEY_PREVIOUS to MASTER_KEY. Servers keep running meanwhile if they were restarted with
 * both settings first. Prints counts and master key ids, never a key.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const masterKey = requireRotationKeys(config);
  const logger = createLogger(config.logLevel);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedDatabase(config.dataDir, logger);
  const orm = await MikroORM.init(ormConfig(config.databaseUrl ?? embedded!.url));
  try {
    const vault = new KeyVault(masterKey, config.previousMasterKeys);
    const previous = config.previousMasterKeys.map(masterKeyIdOf).join(', ') || 'none';
    console.log(`rotating to master key ${vault.masterKeyId} from ${previous}`);
    const counts = await rotateMasterKey(orm.em.fork(), vault, (progress) =>
      console.log(`  ${describe(progress)}`),
    );
    console.log(`done: ${describe(counts)}`);

    return counts.unknownMasterKey > 0 ? 1 : 0;
  } finally {
    await orm.close();
    await embedded?.stop();
  }
}

function requireRotationKeys(config: Config): Buffer {
  if (!config.masterKey) {
    throw new Error(
      'Set MASTER_KEY to the new master key (`openssl rand -hex 32`) and MASTER_KEY_PREVIOUS to ' +
        'the old one (in embedded mode, the contents of DATA_DIR/master.key)',
    );
  }

  return config.masterKey;
}

function describe(counts: RotationCounts): string {
  return (
    `rewrapped ${counts.rewrapped}, already current ${counts.alreadyCurrent}, ` +
    `under an unknown master key ${counts.unknownMasterKey}`
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      message.startsWith('Invalid configuration') || message.startsWith('Set ') ? message : error,
    );
    process.exit(1);
  },
);

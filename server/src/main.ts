import { startApp } from './app';
import { loadConfig } from './common/config';
import { createLogger } from './common/logger';

/** `npm start`: configure, start, print where to go, stop cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  logger.info(
    { graphql: app.graphqlUrl, subscriptions: app.subscriptionsUrl, ca: `${app.url}/pki/ca.pem` },
    `eSeal server ready at ${app.graphqlUrl}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Configuration problems are plain messages; anything else is shown whole, since a bare
  // message (or none: some libraries reject with non-errors) would leave the person guessing.
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('Invalid configuration') ? message : error);
  process.exit(1);
});

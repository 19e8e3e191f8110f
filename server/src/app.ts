import 'reflect-metadata';
import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { AccessTokens } from './common/access-token';
import type { Config, SealPolicy } from './common/config';
import { createDeliveries } from './delivery/deliveries';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './common/embedded-database';
import type { Logger } from './common/logger';
import { ormConfig } from './common/mikro-orm.config';
import { createEventBus, type EventBus, type EventBusHandle } from './common/pubsub';
import { createSchema } from './common/schema';
import type { Services } from './common/services';
import { AgreementService } from './agreement/agreement.service';
import { ApplicationForms } from './application/application-forms';
import { ApplicationReviewService } from './application/application-review.service';
import { ApplicationService } from './application/application.service';
import { DocumentService } from './document/document.service';
import { PadesSigner } from './document/pades-signer';
import { SigningService } from './document/signing.service';
import { ExportService } from './export/export.service';
import { HistoryExportService } from './history/history-export.service';
import { HistoryService } from './history/history.service';
import { createHttpServer, MAX_UPLOAD_BYTES, type HttpServer } from './http/http-server';
import { OrganizationService } from './organization/organization.service';
import { CertificateAuthorityService } from './pki/certificate-authority.service';
import { KeyVault } from './pki/key-vault';
import { resolveMasterKey } from './pki/master-key';
import { TimestampingService, type TimestampSource } from './pki/timestamping.service';
import { SealEventScheduler } from './seal/events/seal-event-scheduler';
import { SealPermissionService } from './seal/permission/seal-permission.service';
import { SealExportService } from './seal/seal-export.service';
import { SealImportService } from './seal/seal-import.service';
import { SealLifecycleService } from './seal/seal-lifecycle.service';
import { SealUsageService } from './seal/seal-usage.service';
import { SealPinService } from './seal/seal-pin.service';
import { SealService } from './seal/seal.service';
import { SessionService } from './session/session.service';
import { LoginService } from './user/login.service';
import { PasswordResetService } from './user/password-reset.service';
import { UserService } from './user/user.service';
import { VerificationCodeService } from './verification-code/verification-code.service';
import { TrustAnchorService } from './trust/trust-anchor.service';
import { VerificationService } from './verification/verification.service';

/** Where a started application can be reached. */
export interface RunningApp {
  url: string;
  graphqlUrl: string;
  subscriptionsUrl: string;
  databaseUrl: string;
  services: Services;
  orm: MikroORM;
  stop(): Promise<void>;
}

/**
 * Starts the whole platform in order: database (embedded when no DATABASE_URL), migrations,
 * master key and CA, services, then HTTP. Stops in reverse order.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const embedded = config.databaseUrl ? undefined : await startEmbedded(config, logger);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const orm = await MikroORM.init(ormConfig(databaseUrl));
  let http: HttpServer | undefined;
  let events: EventBusHandle | undefined;
  let scheduler: SealEventScheduler | undefined;
  try {
    await migrate(orm, logger);
    events = createEventBus(config.redisUrl);
    const services = await createServices(orm, config, logger, events.bus);
    scheduler = startSealEvents(orm, events.bus, config, logger);
    // Known once listening, when the port is (PORT=0 takes any free one).
    let url = config.publicUrl;
    http = await createHttpServer({
      orm,
      services,
      logger,
      baseUrl: () => url,
      schema: await createSchema(),
      exposeSqlCounts: config.exposeSqlCounts,
    });
    const server = await listen(http.server, config);
    url ||= `http://localhost:${addressPort(server)}`;

    return {
      url,
      graphqlUrl: `${url}/graphql`,
      subscriptionsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
      databaseUrl,
      services,
      orm,
      stop: async () => {
        await scheduler?.stop();
        await http?.stop();
        await events?.close();
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await http?.stop();
    await events?.close();
    await orm.close();
    await embedded?.stop();
    throw error;
  }
}

async function startEmbedded(config: Config, logger: Logger): Promise<EmbeddedDatabase> {
  logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting embedded PostgreSQL');

  return startEmbeddedDatabase(config.dataDir, logger);
}

function startSealEvents(orm: MikroORM, bus: EventBus, config: Config, logger: Logger) {
  const scheduler = new SealEventScheduler(
    orm,
    bus,
    {
      intervalSeconds: config.seals.eventsIntervalSeconds,
      expiryWarningDays: config.seals.expiryWarningDays,
    },
    logger,
  );
  scheduler.start();

  return scheduler;
}

async function migrate(orm: MikroORM, logger: Logger): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrated');
}

async function createServices(
  orm: MikroORM,
  config: Config,
  logger: Logger,
  events: EventBus,
): Promise<Services> {
  const masterKey = await resolveMasterKey(config, logger);
  const vault = new KeyVault(masterKey, config.previousMasterKeys);
  const ca = new CertificateAuthorityService(vault, logger, {
    publicBaseUrl: config.publicUrl || undefined,
  });
  await ca.start(orm.em.fork());
  const timestamps = new TimestampingService(timestampSource(config), ca, logger);
  await timestamps.start(orm.em.fork());
  const tokens = new AccessTokens(
    [masterKey, ...config.previousMasterKeys],
    config.accessTokenTtlSeconds,
  );
  const history = new HistoryService(orm);
  const agreements = new AgreementService(history);
  const organizations = new OrganizationService(history, events);
  const seals = new SealService(ca, history, agreements, config.seals);
  const sealPins = new SealPinService(seals, history, config.seals, events);
  const sealPermissions = new SealPermissionService(seals, history, events);
  const documents = new DocumentService(history, MAX_UPLOAD_BYTES);
  const pades = new PadesSigner(ca, timestamps);
  const signing = new SigningService(
    seals,
    documents,
    ca,
    pades,
    history,
    events,
    sealPins,
    sealPermissions,
  );
  const accounts = accountServices(masterKey, tokens, history, config, logger);
  const { users } = accounts;
  if (await users.ensureAdmin(orm.em.fork(), config.initialAdmin)) {
    logger.info({ username: config.initialAdmin!.username }, 'created the platform administrator');
  }

  const trustAnchors = new TrustAnchorService(history);
  const verification = new VerificationService(documents, seals, ca, trustAnchors);
  const sealLifecycle = new SealLifecycleService(seals, ca, history, events);

  return {
    ...{ tokens, history, ca, timestamps, agreements, organizations },
    ...{ seals, sealPins, sealPermissions, documents, sealLifecycle },
    ...accounts,
    sealImport: new SealImportService(ca, history, agreements),
    sealUsage: new SealUsageService(seals),
    ...exportServices(history, config.seals),
    ...{ signing, trustAnchors, verification, events },
    ...applicationServices(seals, sealLifecycle, history, events),
  };
}

function applicationServices(
  seals: SealService,
  lifecycle: SealLifecycleService,
  history: HistoryService,
  events: EventBus,
) {
  const forms = new ApplicationForms(seals, lifecycle);

  return {
    applications: new ApplicationService(forms, history, events),
    applicationReviews: new ApplicationReviewService(seals, lifecycle, history, events),
  };
}

/** Registration, sign-in, sessions and verification codes. */
function accountServices(
  masterKey: Buffer,
  tokens: AccessTokens,
  history: HistoryService,
  config: Config,
  logger: Logger,
) {
  const policy = config.accounts;
  const deliveries = createDeliveries(config.delivery, logger);
  const verificationCodes = new VerificationCodeService(
    masterKey,
    deliveries,
    history,
    policy,
    logger,
  );
  const sessions = new SessionService(tokens, history, policy);

  return {
    verificationCodes,
    sessions,
    users: new UserService(sessions, verificationCodes, history, policy),
    logins: new LoginService(sessions, history, policy),
    passwordResets: new PasswordResetService(verificationCodes, sessions, history),
  };
}

function exportServices(history: HistoryService, policy: SealPolicy) {
  const exports = new ExportService(history);

  return {
    exports,
    sealExport: new SealExportService(exports, history, policy),
    historyExport: new HistoryExportService(exports, history),
  };
}

function timestampSource(config: Config): TimestampSource {
  const tsa = config.timestamping;
  if (tsa.kind !== 'external') return tsa;
  const credentials =
    tsa.username && tsa.password ? { username: tsa.username, password: tsa.password } : undefined;

  return { kind: 'external', client: { url: tsa.url, credentials } };
}

function listen(server: Server, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve(server));
  });
}

function addressPort(server: Server): number {
  const address = server.address();

  return typeof address === 'object' && address ? address.port : 0;
}

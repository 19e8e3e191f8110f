import path from 'node:path';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  masterKey: Buffer | undefined;
  /** Earlier master keys, only to open keys not yet rewrapped (MASTER_KEY_PREVIOUS). */
  previousMasterKeys: Buffer[];
  dataDir: string;
  logLevel: LogLevel;
  accessTokenTtlSeconds: number;
  timestamping: TimestampingConfig;
  /** The platform administrator created at start when none exists (ADMIN_USERNAME/PASSWORD). */
  initialAdmin: { username: string; password: string } | undefined;
  seals: SealPolicy;
  accounts: AccountPolicy;
  delivery: DeliveryConfig;
  /** Report each GraphQL response's SQL statement count in `extensions` (EXPOSE_SQL_COUNTS). */
  exposeSqlCounts: boolean;
}

/** How long a seal's PIN lock lasts, how early its expiry is announced, and how often. */
export interface SealPolicy {
  expiryWarningDays: number;
  lockMinutes: number;
  /** How often the server looks for grants and seals whose time has come (sealEvents). */
  eventsIntervalSeconds: number;
}

/** How accounts are opened, signed in and protected against guessing. */
export interface AccountPolicy {
  /** Registration needs a verified e-mail address or phone (VERIFICATION_REQUIRED). */
  verificationRequired: boolean;
  /** Verification codes one e-mail address or phone may be sent per hour. */
  codesPerTargetHour: number;
  /** Verification codes one IP address may ask for per hour. */
  codesPerIpHour: number;
  refreshTokenTtlSeconds: number;
  /** How long 5 wrong passwords in a row lock an account. */
  loginLockMinutes: number;
}

/** Where verification codes go: SMTP for e-mail, an HTTP webhook for SMS, else the log. */
export interface DeliveryConfig {
  smtp: { url: string; from: string } | undefined;
  smsWebhook: { url: string; token: string | undefined } | undefined;
}

/** Where signature time-stamps come from (TSA_URL): the platform's own TSA, another, or none. */
export type TimestampingConfig =
  | { kind: 'platform' }
  | { kind: 'external'; url: string; username?: string; password?: string }
  | { kind: 'none' };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

/**
 * Reads the configuration, collecting every problem before failing so that a person fixing their
 * environment sees all of them at once.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = readInteger(env, 'PORT', 4000, 0, 65535, problems);
  const host = env.HOST ?? '0.0.0.0';
  const config: Config = {
    port,
    host,
    publicUrl: (env.PUBLIC_URL ?? '').replace(/\/+$/, ''),
    databaseUrl: readDatabaseUrl(env, problems),
    redisUrl: readRedisUrl(env, problems),
    masterKey: readMasterKey(env, problems),
    previousMasterKeys: readPreviousMasterKeys(env, problems),
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    logLevel: readLogLevel(env, problems),
    accessTokenTtlSeconds: readInteger(env, 'ACCESS_TOKEN_TTL', 900, 60, 86400 * 30, problems),
    timestamping: readTimestamping(env, problems),
    initialAdmin: readInitialAdmin(env, problems),
    seals: {
      expiryWarningDays: readInteger(env, 'SEAL_EXPIRY_WARNING_DAYS', 30, 0, 3650, problems),
      lockMinutes: readInteger(env, 'SEAL_LOCK_MINUTES', 15, 1, 1440, problems),
      eventsIntervalSeconds: readInteger(
        env,
        'SEAL_EVENTS_INTERVAL_SECONDS',
        30,
        1,
        3600,
        problems,
      ),
    },
    accounts: readAccountPolicy(env, problems),
    delivery: readDelivery(env, problems),
    exposeSqlCounts: readBoolean(env, 'EXPOSE_SQL_COUNTS', false, problems),
  };
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }

  return config;
}

function readInteger(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }

  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name}: expected true or false, got "${env[name]}"`);

  return fallback;
}

function readAccountPolicy(env: Env, problems: string[]): AccountPolicy {
  const day = 86400;

  return {
    verificationRequired: readBoolean(env, 'VERIFICATION_REQUIRED', true, problems),
    codesPerTargetHour: readInteger(env, 'VERIFICATION_CODES_PER_TARGET_HOUR', 5, 1, 60, problems),
    codesPerIpHour: readInteger(env, 'VERIFICATION_CODES_PER_IP_HOUR', 20, 1, 100000, problems),
    refreshTokenTtlSeconds: readInteger(
      env,
      'REFRESH_TOKEN_TTL',
      30 * day,
      60,
      365 * day,
      problems,
    ),
    loginLockMinutes: readInteger(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
  };
}

/** SMTP_URL needs MAIL_FROM: a mail server rejects, or a spam filter buries, mail from nobody. */
function readDelivery(env: Env, problems: string[]): DeliveryConfig {
  const smtpUrl = env.SMTP_URL ?? '';
  const from = env.MAIL_FROM ?? '';
  const smsUrl = env.SMS_WEBHOOK_URL ?? '';
  let smtp: DeliveryConfig['smtp'];
  if (smtpUrl !== '' && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push('SMTP_URL: expected an smtp:// or smtps:// URL');
  } else if (smtpUrl !== '' && !/@/.test(from)) {
    problems.push(`MAIL_FROM: expected a sender address with SMTP_URL, got "${from}"`);
  } else if (smtpUrl !== '') {
    smtp = { url: smtpUrl, from };
  }
  if (smsUrl !== '' && !/^https?:\/\//.test(smsUrl)) {
    problems.push(`SMS_WEBHOOK_URL: expected an http(s) URL, got "${smsUrl}"`);
  }
  const smsWebhook = /^https?:\/\//.test(smsUrl)
    ? { url: smsUrl, token: env.SMS_WEBHOOK_TOKEN || undefined }
    : undefined;

  return { smtp, smsWebhook };
}

function readDatabaseUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    return undefined;
  }

  return raw;
}

function readTimestamping(env: Env, problems: string[]): TimestampingConfig {
  const url = env.TSA_URL ?? '';
  if (url === '' || url === 'platform') return { kind: 'platform' };
  if (url === 'none') return { kind: 'none' };
  if (!/^https?:\/\//.test(url)) {
    problems.push(`TSA_URL: expected an http(s) URL, "platform" or "none", got "${url}"`);
    return { kind: 'none' };
  }
  const username = env.TSA_USERNAME || undefined;
  const password = env.TSA_PASSWORD || undefined;

  return { kind: 'external', url, username, password };
}

/** Both or neither: a username without a password would create nothing and say nothing. */
function readInitialAdmin(env: Env, problems: string[]): Config['initialAdmin'] {
  const username = env.ADMIN_USERNAME ?? '';
  const password = env.ADMIN_PASSWORD ?? '';
  if (username === '' && password === '') return undefined;
  if (username === '' || password === '') {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: expected both or neither');
    return undefined;
  }
  if (!/^[A-Za-z0-9._-]{3,32}$/.test(username)) {
    problems.push(
      `ADMIN_USERNAME: expected 3–32 letters, digits, ".", "-" or "_", got "${username}"`,
    );
    return undefined;
  }
  if (password.length < 8) {
    problems.push(`ADMIN_PASSWORD: expected at least 8 characters, got ${password.length}`);
    return undefined;
  }

  return { username: username.toLowerCase(), password };
}

function readRedisUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return undefined;
  if (!/^rediss?:\/\//.test(raw)) {
    problems.push('REDIS_URL: expected a redis:// or rediss:// URL');
    return undefined;
  }

  return raw;
}

/** The master key wraps every private key at rest: 32 bytes, given as 64 hex or 44 base64 chars. */
function readMasterKey(env: Env, problems: string[]): Buffer | undefined {
  const raw = env.MASTER_KEY;
  if (raw === undefined || raw === '') return undefined;

  return parseMasterKey('MASTER_KEY', raw, problems);
}

/** Comma-separated, while `npm run rotate-master-key` moves keys from them to MASTER_KEY. */
function readPreviousMasterKeys(env: Env, problems: string[]): Buffer[] {
  const raws = (env.MASTER_KEY_PREVIOUS ?? '').split(',').map((raw) => raw.trim());

  return raws
    .filter((raw) => raw !== '')
    .flatMap((raw, index) => parseMasterKey(`MASTER_KEY_PREVIOUS[${index}]`, raw, problems) ?? []);
}

function parseMasterKey(name: string, raw: string, problems: string[]): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    problems.push(`${name}: expected 32 bytes as 64 hex digits or base64, got ${key.length} bytes`);
    return undefined;
  }

  return key;
}

function readLogLevel(env: Env, problems: string[]): LogLevel {
  const raw = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    return 'info';
  }

  return raw as LogLevel;
}

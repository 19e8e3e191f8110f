import { encodeTimeStampRequest } from './time-stamp-request';
import { isGranted, parseTimeStampResponse } from './time-stamp-response';
import { verifyTimeStampToken, type VerifiedTimeStamp } from './time-stamp-verifier';
import type { TimestampHash } from './time-stamp-protocol';

/** Where and how to ask a time-stamping authority. */
export interface TsaClientOptions {
  url: string;
  /** HTTP basic authentication, as some commercial TSAs require. */
  credentials?: { username: string; password: string };
  bearerToken?: string;
  /** Default 10 seconds. */
  timeoutMs?: number;
  /** Certificates the TSA's certificate must be or be issued by; any TSA when absent. */
  trust?: Buffer[];
  reqPolicy?: string;
}

export type TimestampFailure = 'UNREACHABLE' | 'HTTP_ERROR' | 'REJECTED' | 'INVALID_RESPONSE';

/** The TSA could not give a usable token; the service maps it to TIMESTAMP_UNAVAILABLE. */
export class TimestampError extends Error {
  readonly code = 'TIMESTAMP_UNAVAILABLE';

  constructor(
    readonly failure: TimestampFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TimestampError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Asks a TSA for a token over `digest` (RFC 3161 §3.4, HTTP) and checks it before returning it:
 * status granted, the imprint and nonce we sent, and a signature that verifies under a
 * time-stamping certificate. Returns the token (DER ContentInfo) as the TSA encoded it.
 */
export async function requestTimestamp(
  digest: Buffer,
  options: TsaClientOptions,
  hash: TimestampHash = 'sha256',
): Promise<Buffer> {
  const imprint = { hash, hashedMessage: digest };
  const request = encodeTimeStampRequest(imprint, { reqPolicy: options.reqPolicy });
  const body = await post(request.der, options);
  const token = grantedToken(body, options.url);
  const stated = verified(token, options);
  if (stated.imprint.hash !== hash || !stated.imprint.hashedMessage.equals(digest)) {
    throw new TimestampError('INVALID_RESPONSE', `${options.url} stamped another imprint`);
  }
  if (!stated.nonce?.equals(request.nonce)) {
    throw new TimestampError('INVALID_RESPONSE', `${options.url} answered with another nonce`);
  }

  return token;
}

async function post(der: Buffer, options: TsaClientOptions): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', ...authorization(options) },
      body: new Uint8Array(der),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TimestampError('UNREACHABLE', `${options.url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new TimestampError('HTTP_ERROR', `${options.url} answered HTTP ${response.status}`);
  }

  return Buffer.from(await response.arrayBuffer());
}

function authorization(options: TsaClientOptions): Record<string, string> {
  if (options.bearerToken) return { Authorization: `Bearer ${options.bearerToken}` };
  if (!options.credentials) return {};
  const { username, password } = options.credentials;

  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

function grantedToken(body: Buffer, url: string): Buffer {
  let response;
  try {
    response = parseTimeStampResponse(body);
  } catch (error) {
    throw new TimestampError('INVALID_RESPONSE', `${url}: ${(error as Error).message}`);
  }
  if (!isGranted(response) || !response.token) {
    const reason = response.statusText ?? `status ${response.status}`;
    throw new TimestampError('REJECTED', `${url} refused the time-stamp request: ${reason}`);
  }

  return response.token;
}

function verified(token: Buffer, options: TsaClientOptions): VerifiedTimeStamp {
  try {
    return verifyTimeStampToken(token, { trust: options.trust });
  } catch (error) {
    throw new TimestampError('INVALID_RESPONSE', `${options.url}: ${(error as Error).message}`);
  }
}

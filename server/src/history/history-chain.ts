import { createHash } from 'node:crypto';

/** JSON as stored in a payload: what survives `JSON.parse(JSON.stringify(…))`. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Every stored field of an event but its own hash: what the hash is taken over. */
export interface ChainedContent {
  id: string;
  sequence: number;
  action: string;
  actorId: string | null;
  sealId: string | null;
  documentId: string | null;
  payload: Record<string, JsonValue>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: Date;
  previousHash: string | null;
}

/**
 * The event's hash: SHA-256, hex, of its content as canonical JSON, the fields named one by one
 * so that nothing else an object carries slips in. Changing this breaks every chain already
 * stored, so it never changes: a new format would be a new function, chosen by sequence.
 */
export function eventHash(event: ChainedContent): string {
  const canonical = canonicalJson({
    id: event.id,
    sequence: event.sequence,
    action: event.action,
    actorId: event.actorId,
    sealId: event.sealId,
    documentId: event.documentId,
    payload: event.payload,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    at: event.at.toISOString(),
    previousHash: event.previousHash,
  });

  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * The JSON Canonicalization Scheme (RFC 8785): object keys sorted by UTF-16 code units, no
 * whitespace, and ECMAScript's own serialisation of strings and numbers (§3.2.2), which
 * `JSON.stringify` is.
 */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);

    return `{${members.join(',')}}`;
  }

  return JSON.stringify(value);
}

/**
 * The payload as PostgreSQL's jsonb will give it back: undefined members dropped, dates as text.
 * Hashing this rather than what the caller passed keeps the stored event verifiable.
 */
export function storedJson(payload: object): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(payload)) as Record<string, JsonValue>;
}

/** Text as PostgreSQL stores it: lone UTF-16 surrogates, which UTF-8 cannot hold, replaced. */
export function storedText(text: string | undefined, maxLength: number): string | null {
  if (text === undefined) return null;

  return Buffer.from(text.slice(0, maxLength), 'utf8').toString('utf8');
}

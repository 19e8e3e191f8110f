import forge from 'node-forge';

/**
 * Small DER builders and readers over node-forge's ASN.1 layer, for the structures the PKI writes
 * by hand (time-stamp tokens, CRLs). Values go in and come out as Buffers; forge's binary strings
 * stay inside this file.
 */
const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;
const T = asn1.Type;

/** forge's typings omit the options object that `fromDer` accepts. */
const parse = asn1.fromDer as unknown as (
  der: string,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => Asn1;

export const TAG = {
  BOOLEAN: T.BOOLEAN,
  INTEGER: T.INTEGER,
  BIT_STRING: T.BITSTRING,
  OCTET_STRING: T.OCTETSTRING,
  OID: T.OID,
  SEQUENCE: T.SEQUENCE,
  SET: T.SET,
  GENERALIZED_TIME: T.GENERALIZEDTIME,
};

export const seq = (items: Asn1[]): Asn1 => asn1.create(UNIVERSAL, T.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(UNIVERSAL, T.SET, true, items);
export const oid = (id: string): Asn1 => primitive(T.OID, encodeOid(id));
export const octets = (bytes: Buffer): Asn1 => primitive(T.OCTETSTRING, bytes);
export const utf8 = (text: string): Asn1 => primitive(T.UTF8, Buffer.from(text, 'utf8'));
export const ia5 = (text: string): Asn1 => primitive(T.IA5STRING, Buffer.from(text, 'latin1'));
export const bool = (value: boolean): Asn1 => primitive(T.BOOLEAN, Buffer.from([value ? 0xff : 0]));
export const nullValue = (): Asn1 => asn1.create(UNIVERSAL, T.NULL, false, '');
export const bitString = (bytes: Buffer, unusedBits = 0): Asn1 =>
  primitive(T.BITSTRING, Buffer.concat([Buffer.from([unusedBits]), bytes]));

/** A context-specific tag around one element ([n] EXPLICIT). */
export const explicit = (tag: number, inner: Asn1): Asn1 =>
  asn1.create(CONTEXT_SPECIFIC, tag, true, [inner]);

/** A context-specific tag replacing a constructed element's own ([n] IMPLICIT SEQUENCE/SET). */
export const implicitConstructed = (tag: number, items: Asn1[]): Asn1 =>
  asn1.create(CONTEXT_SPECIFIC, tag, true, items);

/** A context-specific tag replacing a primitive element's own, e.g. a GeneralName URI [6]. */
export const implicitPrimitive = (tag: number, bytes: Buffer): Asn1 =>
  asn1.create(CONTEXT_SPECIFIC, tag, false, bytes.toString('binary'));

/** A non-negative INTEGER from its big-endian magnitude (leading zeros trimmed, sign octet added). */
export function unsignedInteger(magnitude: Buffer): Asn1 {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const bytes = trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;

  return primitive(T.INTEGER, bytes.length === 0 ? Buffer.from([0]) : bytes);
}

/** An INTEGER with exactly the given content octets, e.g. a nonce echoed back as received. */
export const rawInteger = (content: Buffer): Asn1 => primitive(T.INTEGER, content);

export const smallInteger = (value: number): Asn1 =>
  asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(value).getBytes());

export const enumerated = (value: number): Asn1 =>
  asn1.create(UNIVERSAL, T.ENUMERATED, false, asn1.integerToDer(value).getBytes());

/**
 * GeneralizedTime in UTC with the milliseconds as a fraction, trailing zeros and an empty fraction
 * dropped, as RFC 3161 §2.4.2 and X.690 11.7 require ("20250301102030.12Z").
 */
export function generalizedTime(date: Date): Asn1 {
  const iso = date.toISOString();
  const whole = iso.slice(0, 19).replace(/[-T:]/g, '');
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}Z` : `${whole}Z`;

  return primitive(T.GENERALIZEDTIME, Buffer.from(text, 'latin1'));
}

/** UTCTime through 2049, GeneralizedTime after, whole seconds (RFC 5280 §4.1.2.5, §5.1.2.4). */
export function pkixTime(date: Date): Asn1 {
  if (date.getUTCFullYear() < 2050) {
    return asn1.create(UNIVERSAL, T.UTCTIME, false, asn1.dateToUtcTime(date));
  }

  return asn1.create(UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** Parses one complete DER element; bit strings stay opaque so re-encoding is exact. */
export function fromDer(der: Buffer): Asn1 {
  return parse(der.toString('binary'), {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
  });
}

/** The content octets of a primitive element. */
export function valueBytes(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new Error('expected a primitive ASN.1 element');

  return Buffer.from(node.value, 'binary');
}

export function childrenOf(node: Asn1): Asn1[] {
  if (!Array.isArray(node.value)) throw new Error('expected a constructed ASN.1 element');

  return node.value;
}

/** Decodes an OBJECT IDENTIFIER; arcs may exceed 2^53, as in 2.25.<UUID> (X.667). */
export function oidOf(node: Asn1): string {
  if (!isUniversal(node, T.OID)) throw new Error('expected an OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of valueBytes(node)) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (byte & 0x80) continue;
    arcs.push(value);
    value = 0n;
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;

  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

/** X.690 8.19: the first two arcs share one subidentifier; each is base 128, high bit = more. */
function encodeOid(id: string): Buffer {
  const arcs = id.split('.').map(BigInt);
  const subidentifiers = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const subidentifier of subidentifiers) {
    const group = [Number(subidentifier & 0x7fn)];
    for (let rest = subidentifier >> 7n; rest > 0n; rest >>= 7n) {
      group.unshift(Number(rest & 0x7fn) | 0x80);
    }
    bytes.push(...group);
  }

  return Buffer.from(bytes);
}

/** True when the element is the universal type `type`. */
export function isUniversal(node: Asn1 | undefined, type: number): node is Asn1 {
  return node !== undefined && node.tagClass === UNIVERSAL && (node.type as number) === type;
}

/** True when the element carries the context-specific tag [tag]. */
export function isContext(node: Asn1 | undefined, tag: number): node is Asn1 {
  return node !== undefined && node.tagClass === CONTEXT_SPECIFIC && (node.type as number) === tag;
}

function primitive(type: number, bytes: Buffer): Asn1 {
  return asn1.create(UNIVERSAL, type, false, bytes.toString('binary'));
}

import forge from 'node-forge';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;
export const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;
export const T = asn1.Type;

/** forge's typings omit the options object that `fromDer` accepts. */
const fromDerWithOptions = asn1.fromDer as unknown as (
  der: string,
  options: { decodeBitStrings: boolean; strict?: boolean; parseAllBytes?: boolean },
) => Asn1;

/**
 * Parses DER with bit strings left opaque, so that signed structures re-encode to the bytes that
 * were signed. Trailing bytes (the zero padding of a /Contents hole) are tolerated.
 */
export function parseDer(der: Buffer): Asn1 {
  return fromDerWithOptions(der.toString('binary'), {
    decodeBitStrings: false,
    strict: false,
    parseAllBytes: false,
  });
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** The children of a constructed node; throws when the node is primitive. */
export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value))
    throw new Asn1Error(`${what}: expected a constructed value`);

  return node.value;
}

/** The content octets of a primitive node. */
export function bytesOf(node: Asn1 | undefined, what: string): Buffer {
  if (!node || typeof node.value !== 'string')
    throw new Asn1Error(`${what}: expected a primitive value`);

  return Buffer.from(node.value, 'binary');
}

export function oidOf(node: Asn1 | undefined, what: string): string {
  if (!node || node.type !== T.OID) throw new Asn1Error(`${what}: expected an object identifier`);

  return asn1.derToOid(node.value as string);
}

/** A BIT STRING's bits without the leading unused-bits octet. */
export function bitStringBytes(node: Asn1 | undefined, what: string): Buffer {
  return bytesOf(node, what).subarray(1);
}

/** UTCTime or GeneralizedTime (RFC 5280 4.1.2.5). */
export function timeOf(node: Asn1 | undefined, what: string): Date {
  if (node?.type === T.UTCTIME) return asn1.utcTimeToDate(node.value as string);
  if (node?.type === T.GENERALIZEDTIME) return asn1.generalizedTimeToDate(node.value as string);
  throw new Asn1Error(`${what}: expected a time`);
}

export function isContext(node: Asn1 | undefined, tag: number): boolean {
  return node?.tagClass === CONTEXT_SPECIFIC && tagOf(node) === tag;
}

export const BOOLEAN_TAG = 1;
export const SEQUENCE_TAG = 16;

/** The tag number of a node, whatever its class. */
export function tagOf(node: Asn1): number {
  return node.type;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
};

/** A distinguished name as RFC 4514 text, most significant RDN last as X.509 writes it. */
export function nameToString(name: Asn1): string {
  return children(name, 'name')
    .flatMap((rdn) => children(rdn, 'RDN'))
    .map((pair) => {
      const [type, value] = children(pair, 'attribute');
      const id = oidOf(type, 'attribute type');
      const key = ATTRIBUTE_NAMES[id] ?? id;

      return `${key}=${stringValue(value)}`;
    })
    .reverse()
    .join(', ');
}

function stringValue(node: Asn1): string {
  const raw = typeof node.value === 'string' ? node.value : '';
  if (node.type === T.BMPSTRING) return Buffer.from(raw, 'binary').swap16().toString('utf16le');

  return node.type === T.UTF8 ? forge.util.decodeUtf8(raw) : raw;
}

/** A malformed or unexpected ASN.1 structure in a signature, certificate or CRL. */
export class Asn1Error extends Error {
  override name = 'Asn1Error';
}

import { childrenOf, fromDer, isContext, isUniversal, oidOf, TAG, valueBytes } from '../asn1';
import type { Asn1 } from '../asn1';

const KEY_USAGE = '2.5.29.15';
const EXTENDED_KEY_USAGE = '2.5.29.37';

/** The keyUsage bits a signer may use (RFC 5280 §4.2.1.3), when the extension is present. */
export interface KeyUsageBits {
  digitalSignature: boolean;
  nonRepudiation: boolean;
}

/** Reads keyUsage; undefined when the certificate has none (any use is then allowed). */
export function keyUsageOf(certificate: Buffer): KeyUsageBits | undefined {
  const value = extensionValue(certificate, KEY_USAGE);
  if (!value) return undefined;
  // BIT STRING: one octet of unused-bit count, then bit 0 is the first octet's high bit.
  const first = valueBytes(fromDer(value))[1] ?? 0;

  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
}

/** Reads extKeyUsage as purpose OIDs (RFC 5280 §4.2.1.12); undefined when absent. */
export function extendedKeyUsageOf(certificate: Buffer): string[] | undefined {
  const value = extensionValue(certificate, EXTENDED_KEY_USAGE);

  return value ? childrenOf(fromDer(value)).map(oidOf) : undefined;
}

/** The DER inside an extension's extnValue OCTET STRING, or undefined when absent. */
function extensionValue(certificate: Buffer, id: string): Buffer | undefined {
  const tbs = childrenOf(childrenOf(fromDer(certificate))[0]);
  const wrapper = tbs.find((node) => isContext(node, 3));
  if (!wrapper) return undefined;
  const extension = childrenOf(childrenOf(wrapper)[0]).find(
    (ext) => oidOf(childrenOf(ext)[0]) === id,
  );

  return extension ? valueBytes(lastOctetString(childrenOf(extension))) : undefined;
}

function lastOctetString(fields: Asn1[]): Asn1 {
  const value = fields[fields.length - 1];
  if (!isUniversal(value, TAG.OCTET_STRING)) throw new Error('expected an extnValue OCTET STRING');

  return value;
}

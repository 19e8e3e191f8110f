import { constants, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { bytesOf, children, oidOf, tagOf } from './asn1';
import type { Asn1 } from './asn1';

/** Digest algorithms by OID (RFC 5754, RFC 3370) as node:crypto names them. */
export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms that fix their own digest (RFC 4055, RFC 5758). */
const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/** Names a digest algorithm identifier, or throws for one node:crypto cannot compute. */
export function digestName(algorithm: Asn1): string {
  const id = oidOf(children(algorithm, 'digestAlgorithm')[0], 'digest algorithm');
  const name = DIGESTS[id];
  if (!name) throw new Error(`unsupported digest algorithm ${id}`);

  return name;
}

/**
 * Verifies a signature over `data`. CMS may name the bare key algorithm (rsaEncryption,
 * ecPublicKey) and leave the digest to the SignerInfo's digestAlgorithm (RFC 5652 5.4), which
 * `digest` supplies; RSA-PSS takes its digest and salt length from its parameters (RFC 4055 3.1).
 */
export function verifySignature(
  algorithm: Asn1,
  data: Buffer,
  signature: Buffer,
  key: KeyObject,
  digest?: string,
): boolean {
  const [idNode, parameters] = children(algorithm, 'signatureAlgorithm');
  const id = oidOf(idNode, 'signature algorithm');
  if (id === RSA_PSS) return verifyPss(parameters, data, signature, key);
  const hash = SIGNATURES[id] ?? (isKeyAlgorithm(id) ? digest : undefined);
  if (!hash) throw new Error(`unsupported signature algorithm ${id}`);

  return verify(hash, data, key, signature);
}

function isKeyAlgorithm(id: string): boolean {
  return id === RSA_ENCRYPTION || id === EC_PUBLIC_KEY;
}

/** RSASSA-PSS-params: [0] hashAlgorithm (default SHA-1), [2] saltLength (default 20). */
function verifyPss(parameters: Asn1 | undefined, data: Buffer, signature: Buffer, key: KeyObject) {
  let hash = 'sha1';
  let saltLength = 20;
  for (const field of parameters && Array.isArray(parameters.value) ? parameters.value : []) {
    const inner = children(field, 'PSS parameter')[0];
    if (tagOf(field) === 0) hash = digestName(inner);
    if (tagOf(field) === 2) saltLength = smallInteger(bytesOf(inner, 'saltLength'));
  }

  return verify(
    hash,
    data,
    { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
    signature,
  );
}

function smallInteger(bytes: Buffer): number {
  return bytes.length > 0 && bytes.length <= 6 ? bytes.readUIntBE(0, bytes.length) : 0;
}

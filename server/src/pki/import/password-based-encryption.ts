import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';
import { childrenOf, oidOf, valueBytes, type Asn1 } from '../asn1';
import { passwordEncodings, pkcs12Kdf, Purpose } from './pkcs12-kdf';

/** A PKCS#12 PBE scheme (RFC 7292 Appendix C): cipher and key size, SHA-1 for the KDF. */
interface Pkcs12Scheme {
  cipher: 'des-ede3-cbc' | 'rc2';
  keyBytes: number;
}

const PKCS12_SCHEMES: Record<string, Pkcs12Scheme> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyBytes: 24 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyBytes: 16 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyBytes: 5 },
};

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

const PBKDF2_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Record<string, { name: string; keyBytes: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyBytes: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyBytes: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyBytes: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyBytes: 24 },
};

/** Thrown when the scheme is known but the password yields garbage (bad padding). */
export class WrongPasswordError extends Error {}

/**
 * Decrypts data protected by a password-based AlgorithmIdentifier: the PKCS#12 schemes that
 * legacy tools write (3DES, RC2) or PBES2 with PBKDF2 (RFC 8018 §6.2), which OpenSSL 3 writes
 * by default with HMAC-SHA256 and AES-256-CBC.
 */
export function decryptWithPassword(algorithm: Asn1, ciphertext: Buffer, password: string): Buffer {
  const [idNode, params] = childrenOf(algorithm);
  const id = oidOf(idNode);
  if (id === PBES2) return decryptPbes2(params, ciphertext, password);
  const scheme = PKCS12_SCHEMES[id];
  if (!scheme) throw new Error(`encryption scheme ${id} is not supported`);

  return decryptPkcs12Pbe(scheme, params, ciphertext, password);
}

function decryptPkcs12Pbe(
  scheme: Pkcs12Scheme,
  params: Asn1,
  ciphertext: Buffer,
  password: string,
): Buffer {
  const [saltNode, iterationsNode] = childrenOf(params);
  const salt = valueBytes(saltNode);
  const iterations = integerOf(iterationsNode);
  for (const encoded of passwordEncodings(password)) {
    const key = pkcs12Kdf('sha1', encoded, salt, Purpose.key, iterations, scheme.keyBytes);
    const iv = pkcs12Kdf('sha1', encoded, salt, Purpose.iv, iterations, 8);
    const plain =
      scheme.cipher === 'rc2'
        ? rc2Decrypt(key, iv, ciphertext)
        : tryDecipher(scheme.cipher, key, iv, ciphertext);
    if (plain) return plain;
  }
  throw new WrongPasswordError();
}

function decryptPbes2(params: Asn1, ciphertext: Buffer, password: string): Buffer {
  const [kdf, encryption] = childrenOf(params);
  const [kdfId, kdfParams] = childrenOf(kdf);
  if (oidOf(kdfId) !== PBKDF2) throw new Error('PBES2 without PBKDF2');
  const [cipherId, ivNode] = childrenOf(encryption);
  const cipher = PBES2_CIPHERS[oidOf(cipherId)];
  if (!cipher) throw new Error(`PBES2 cipher ${oidOf(cipherId)}`);
  const { salt, iterations, hash } = pbkdf2Parameters(kdfParams);
  // RFC 8018 leaves the password's encoding open; OpenSSL and Windows pass its UTF-8 bytes.
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyBytes, hash);
  const plain = tryDecipher(cipher.name, key, valueBytes(ivNode), ciphertext);
  if (!plain) throw new WrongPasswordError();

  return plain;
}

/** PBKDF2-params: salt, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1. */
function pbkdf2Parameters(params: Asn1): { salt: Buffer; iterations: number; hash: string } {
  const [saltNode, iterationsNode, ...rest] = childrenOf(params);
  const prf = rest.find((node) => Array.isArray(node.value));
  const prfId = prf ? oidOf(childrenOf(prf)[0]) : '1.2.840.113549.2.7';
  const hash = PBKDF2_PRFS[prfId];
  if (!hash) throw new Error(`PBKDF2 pseudo-random function ${prfId}`);

  return { salt: valueBytes(saltNode), iterations: integerOf(iterationsNode), hash };
}

function tryDecipher(name: string, key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv(name, key, iv);

    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** RC2 through node-forge: OpenSSL 3 keeps RC2 in its legacy provider, which Node does not load. */
function rc2Decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer | null {
  const decipher = forge.rc2.createDecryptionCipher(key.toString('binary'), key.length * 8);
  decipher.start(forge.util.createBuffer(iv.toString('binary')));
  decipher.update(forge.util.createBuffer(ciphertext.toString('binary')));
  if (!decipher.finish()) return null;

  return Buffer.from(decipher.output.getBytes(), 'binary');
}

/** A small non-negative INTEGER such as an iteration count. */
export function integerOf(node: Asn1): number {
  return valueBytes(node).reduce((value, byte) => value * 256 + byte, 0);
}

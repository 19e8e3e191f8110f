import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export type KeyPairAlgorithm = 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_P256' | 'EC_P384';

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** Generates a key pair natively, off the event loop (RSA 4096 can take a second). */
export function generateKeys(algorithm: KeyPairAlgorithm): Promise<KeyPair> {
  if (algorithm === 'EC_P256') return generate('ec', { namedCurve: 'prime256v1' });
  if (algorithm === 'EC_P384') return generate('ec', { namedCurve: 'secp384r1' });
  const modulusLength = Number(algorithm.slice('RSA_'.length));

  return generate('rsa', { modulusLength, publicExponent: 0x10001 });
}

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { findLeaf, issuersOf } from './chain-order';
import { ImportError, badPassword, invalidPem } from './import-error';
import type { ImportedCredentials } from './imported-credentials';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Reads PEM certificates in any order and a private key in PKCS#8, encrypted PKCS#8, PKCS#1 or
 * SEC1 form. The key may also sit in the certificates' text when `keyPem` is empty.
 */
export function readPem(
  chainPem: string,
  keyPem: string,
  keyPassword?: string,
): ImportedCredentials {
  const certificates = blocks(chainPem, 'CERTIFICATE').map(certificate);
  if (certificates.length === 0) throw invalidPem('no CERTIFICATE block was found');
  const privateKey = readKey(keyPem.trim() ? keyPem : chainPem, keyPassword);
  const leaf = findLeaf(certificates, privateKey);

  return {
    privateKey,
    certificate: leaf.raw,
    chain: issuersOf(leaf, certificates).map((c) => c.raw),
  };
}

function readKey(text: string, password: string | undefined): KeyObject {
  // `openssl ecparam -genkey` writes an EC PARAMETERS block first; only the key block matters.
  const block = blocks(text, 'PRIVATE KEY')[0];
  if (!block) throw invalidPem('no PRIVATE KEY block was found');
  const encrypted = block.includes('ENCRYPTED');
  try {
    return createPrivateKey({ key: block, format: 'pem', passphrase: password ?? '' });
  } catch (error) {
    if (encrypted) throw badPassword();
    throw invalidPem(`the private key is unreadable (${(error as Error).message})`);
  }
}

/** PEM blocks whose label ends with `suffix` (so PRIVATE KEY matches RSA/EC/ENCRYPTED too). */
function blocks(text: string, suffix: string): string[] {
  return [...text.matchAll(BLOCK)].filter((m) => m[1].endsWith(suffix)).map((m) => m[0]);
}

function certificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw invalidPem(`a certificate is unreadable (${(error as Error).message})`);
  }
}

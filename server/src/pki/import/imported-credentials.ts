import type { KeyObject } from 'node:crypto';

/** A seal's signing key with its certificate and the issuers that vouch for it. */
export interface ImportedCredentials {
  privateKey: KeyObject;
  /** The leaf certificate, DER. */
  certificate: Buffer;
  /** Issuer certificates, DER, nearest issuer first; the leaf is not repeated. */
  chain: Buffer[];
}

/** Why imported seal material was refused; the lead maps each code onto the API's catalogue. */
export type ImportErrorCode =
  | 'BAD_PASSWORD'
  | 'INVALID_PKCS12'
  | 'INVALID_PEM'
  | 'KEY_MISMATCH'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'KEY_USAGE_FORBIDS_SIGNING'
  | 'UNSUPPORTED_KEY';

/** A refusal the uploader caused and can fix: safe to show, carries its code. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Every message an uploader can read is written once, here.

export const badPassword = () =>
  new ImportError('BAD_PASSWORD', 'The password does not open this PKCS#12 file');

export const invalidPkcs12 = (detail: string) =>
  new ImportError('INVALID_PKCS12', `Expected a PKCS#12 (.p12/.pfx) file: ${detail}`);

export const invalidPem = (detail: string) =>
  new ImportError('INVALID_PEM', `Expected PEM certificates and a PEM private key: ${detail}`);

export const keyMismatch = () =>
  new ImportError('KEY_MISMATCH', "The private key does not match the certificate's public key");

export const certificateExpired = (notAfter: Date) =>
  new ImportError('CERTIFICATE_EXPIRED', `The certificate expired on ${notAfter.toISOString()}`);

export const certificateNotYetValid = (notBefore: Date) =>
  new ImportError(
    'CERTIFICATE_NOT_YET_VALID',
    `The certificate is not valid before ${notBefore.toISOString()}`,
  );

export const keyUsageForbidsSigning = (detail: string) =>
  new ImportError('KEY_USAGE_FORBIDS_SIGNING', `The certificate may not sign documents: ${detail}`);

export const unsupportedKey = (got: string) =>
  new ImportError(
    'UNSUPPORTED_KEY',
    `Expected an RSA key of at least 2048 bits or an EC key on P-256 or P-384, got ${got}`,
  );

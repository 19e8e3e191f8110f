import type { RevocationReason } from '../crl';

/** Object identifiers of RFC 6960 and the hashes a CertID may use. */
export const OCSP_OID = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
};

/** CertID hash algorithms we recognise (RFC 6960 §4.1.1; SHA-1 is what most clients still send). */
export const CERT_ID_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** OCSPResponseStatus (RFC 6960 §4.2.1); 4 is unused and 5 (sigRequired) we never ask for. */
export const RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  unauthorized: 6,
} as const;

export type ResponseStatus = keyof typeof RESPONSE_STATUS;

/** What the certificate database says about one serial number. */
export type CertificateStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason?: RevocationReason }
  | { status: 'unknown' };

/**
 * Looks a certificate of the issuing CA up by serial number, given as lower-case hex without a
 * sign octet, as `describeCertificate` stores it. "unknown" means we never issued it.
 */
export type StatusLookup = (serialHex: string) => CertificateStatus | Promise<CertificateStatus>;

/** A request the responder refuses; it becomes an OCSPResponse without responseBytes. */
export class OcspRejection extends Error {
  constructor(
    readonly status: Exclude<ResponseStatus, 'successful'>,
    message: string,
  ) {
    super(message);
    this.name = 'OcspRejection';
  }
}

/** Object identifiers and vocabulary of RFC 3161 and the CMS structures around it. */
export const TSP_OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
};

/**
 * The platform's time-stamp policy: a UUID-derived OID (ITU-T X.667 arc 2.25), unique without
 * registration. Its statement is: time from the server's synchronised clock, accuracy one second.
 */
export const PLATFORM_TSA_POLICY = '2.25.140584226490869799661212225788292990767';

export type TimestampHash = 'sha256' | 'sha384' | 'sha512';

/** The imprint hashes accepted, with their OIDs and digest lengths. */
export const TIMESTAMP_HASHES: Record<TimestampHash, { oid: string; length: number }> = {
  sha256: { oid: '2.16.840.1.101.3.4.2.1', length: 32 },
  sha384: { oid: '2.16.840.1.101.3.4.2.2', length: 48 },
  sha512: { oid: '2.16.840.1.101.3.4.2.3', length: 64 },
};

export function hashByOid(oid: string): TimestampHash | undefined {
  const entries = Object.entries(TIMESTAMP_HASHES) as [TimestampHash, { oid: string }][];

  return entries.find(([, hash]) => hash.oid === oid)?.[0];
}

/** The hash of a message and the algorithm that made it (RFC 3161 §2.4.1 MessageImprint). */
export interface MessageImprint {
  hash: TimestampHash;
  hashedMessage: Buffer;
}

/** PKIFailureInfo bits (RFC 3161 §2.4.2) that this TSA reports. */
export const FAILURE_BITS = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  systemFailure: 25,
} as const;

export type FailureInfo = keyof typeof FAILURE_BITS;

/** A request the TSA refuses; it becomes a TimeStampResp with status rejection. */
export class TimeStampRejection extends Error {
  constructor(
    readonly failInfo: FailureInfo,
    message: string,
  ) {
    super(message);
    this.name = 'TimeStampRejection';
  }
}

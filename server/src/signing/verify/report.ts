import type { ByteRange } from '../byte-range';
import type { CertificateFacts } from './certificate';
import type { TrustReport } from './chain';
import type { ChangePermission, Modification } from './modifications';
import type { RevocationReport } from './revocation';
import type { Check } from './signer-check';

export type Verdict = 'VALID' | 'INVALID' | 'INDETERMINATE';

/** PAdES baseline level reached (ETSI EN 319 142-1 6), NONE for signatures outside PAdES. */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'NONE';

export type SignatureKind = 'approval' | 'certification' | 'documentTimestamp';

/** Whether the signed bytes are the ones signed, and the signed ranges are well formed. */
export interface IntegrityReport {
  ok: boolean;
  /** The recomputed digest of the ranges equals the signed message-digest (or the TST imprint). */
  digest: Check;
  /** The CMS signature verifies with the signer's public key. */
  signature: Check;
  byteRangeStartsAtZero: Check;
  holeIsContents: Check;
  rangesContiguous: Check;
  revisionEndsAtEof: Check;
  /** The ranges reach the end of the file: no revision was appended after this signature. */
  coversWholeDocument: boolean;
}

/** A signature timestamp (RFC 3161 token in the unsigned attributes) or a document timestamp. */
export interface TimestampFacts {
  genTime?: Date;
  tsaName?: string;
  imprintMatches: Check;
  signatureValid: Check;
  /** The TSA certificate chains to one of the trust anchors. */
  trusted: boolean;
}

/** Everything found about one signature field. */
export interface SignatureVerification {
  fieldName: string;
  subFilter?: string;
  kind: SignatureKind;
  page?: number;
  signerName?: string;
  reason?: string;
  location?: string;
  /** /M of the signature dictionary: claimed, not proven. */
  claimedSigningTime?: Date;
  byteRange?: ByteRange;
  /** The signer certificate (the TSA's for a document timestamp). */
  signer?: CertificateFacts;
  /** Signer first, then each issuer up to the trust anchor or as far as it could be built. */
  chain: CertificateFacts[];
  integrity: IntegrityReport;
  timestamp?: TimestampFacts;
  trust?: TrustReport;
  revocation?: RevocationReport;
  level: PadesLevel;
  /** DocMDP permission that judged the later changes ('none' when the document is not certified). */
  changePermission: ChangePermission;
  modifications: Modification[];
  verdict: Verdict;
  reasons: string[];
}

/** The report of `verifyPdf` over a whole document. */
export interface VerificationReport {
  encrypted: boolean;
  /** Number of %%EOF-terminated revisions. */
  revisions: number;
  signatures: SignatureVerification[];
  /** INVALID if any signature is, else INDETERMINATE if any is or there is none, else VALID. */
  verdict: Verdict;
  reasons: string[];
}

/** What the caller trusts and knows. */
export interface VerifyPdfOptions {
  /** DER root certificates a chain must end at. */
  trustAnchors: Buffer[];
  /** DER certificates that may complete chains. */
  intermediates?: Buffer[];
  /** DER CRLs known to the caller, used with those in the document's /DSS. */
  crls?: Buffer[];
  /** The time of validation when there is no better one (default: the current time). */
  now?: Date;
  /** Password of an encrypted document; decryption is not supported yet. */
  password?: string;
}

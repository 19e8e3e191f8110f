/** Verification of PDF signatures and document timestamps: bytes and anchors in, a report out. */
export { verifyPdf } from './verify-pdf';
export type {
  IntegrityReport,
  PadesLevel,
  SignatureKind,
  SignatureVerification,
  TimestampFacts,
  Verdict,
  VerificationReport,
  VerifyPdfOptions,
} from './report';
export type { CertificateFacts } from './certificate';
export type { TrustReport } from './chain';
export type { RevocationReport, RevocationStatus } from './revocation';
export type { ChangeCategory, ChangePermission, Modification } from './modifications';
export type { Check } from './signer-check';

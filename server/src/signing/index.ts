/**
 * The PDF signing engine: bytes and keys in, bytes and reports out. It imports nothing from the
 * rest of the server so that it can be tested and benchmarked alone.
 */
export { signPdf } from './sign-pdf';
export type {
  SealAppearance,
  SealPlacement,
  SignPdfInput,
  SignPdfResult,
  SignatureReport,
  WidgetReport,
} from './sign-pdf';
export { findText } from './text/find-text';
export type { FindTextOptions, TextHit } from './text/find-text';
export { keywordPlacements } from './keyword-placement';
export type { KeywordOccurrence, KeywordPlacementRequest } from './keyword-placement';
export { crossPagePlacements } from './cross-page-seal';
export type { CrossPageRequest } from './cross-page-seal';
export { pageGeometries } from './page-sizes';
export type { DisplayedPageSize } from './page-sizes';
export type { SealClip } from './seal-layout';
export { inspectPdf, listSignatureFields } from './inspect-pdf';
export type { PdfInfo, SignatureFieldInfo } from './inspect-pdf';
export type { EncryptionInfo, Permissions } from './document-security';
export type { CertificationLevel } from './modification-rights';
export { buildCadesDetached } from './cms';
export type { SignerIdentity, CadesInput } from './cms';
export { DEFAULT_TIMESTAMP_BYTES } from './signature-timestamp';
export type { PadesLevel, SignatureTimestamper } from './signature-timestamp';
export { addValidationData } from './validation-data';
export type { ValidationData } from './validation-data';
export { timestampDocument } from './document-timestamp';
export type {
  DocumentTimestamper,
  DocumentTimestampOptions,
  DocumentTimestampReport,
} from './document-timestamp';
export { PdfError } from './pdf-error';
export type { PdfErrorCode } from './pdf-error';
export { verifyPdf } from './verify';
export type {
  SignatureVerification,
  Verdict,
  VerificationReport,
  VerifyPdfOptions,
} from './verify';

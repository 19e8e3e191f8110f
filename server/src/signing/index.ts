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
} from './sign-pdf';
export { inspectPdf } from './inspect-pdf';
export type { PdfInfo } from './inspect-pdf';
export { buildCadesDetached } from './cms';
export type { SignerIdentity, CadesInput } from './cms';
export { PdfError } from './pdf-error';
export type { PdfErrorCode } from './pdf-error';

import { readForm } from './acro-form';
import type { EncryptionInfo } from './document-security';
import { terminalFields } from './form-fields';
import { checkMaySign } from './modification-rights';
import { PdfError, pdfErrors } from './pdf-error';
import { PdfReader } from './pdf-reader';
import { rebuildPdf } from './rebuild-pdf';

/** How the caller opens the document and what kind of signature it asks for. */
export interface OpenForSigningOptions {
  password?: string;
  /** A certification signature is requested: it must be the document's first signature. */
  certifying?: boolean;
}

/**
 * Opens a document for signing and refuses, before anything is written, what may not be
 * signed: an encrypted file the password does not open, permissions that forbid signing,
 * a certification that forbids any change. A file whose cross-reference cannot be read is
 * rebuilt from its objects when it holds no signature that a rewrite would break.
 */
export function openForSigning(pdf: Buffer, options: OpenForSigningOptions = {}): PdfReader {
  let reader = openOrRebuild(pdf, options.password);
  checkEncryption(reader, options.password);
  const fields = terminalFields(reader, readForm(reader).acroForm);
  checkMaySign(reader, fields);
  const signatures = fields.filter((field) => field.signed).length;
  if (options.certifying && signatures > 0) throw pdfErrors.alreadySigned(signatures);
  if (reader.headerOffset > 0) reader = withoutLeadingBytes(reader, signatures, options.password);

  return reader;
}

/**
 * Bytes before %PDF- (ISO 32000-2 §7.5.2 allows readers to tolerate them) make validators
 * disagree on where a /ByteRange counts from: poppler counts from the file's first byte, MuPDF
 * from the header. Cutting them off leaves a file whose offsets, already relative to the header,
 * are all right — unless a signature covers those bytes, when the file is refused instead.
 */
function withoutLeadingBytes(reader: PdfReader, signatures: number, password?: string) {
  if (signatures > 0) throw pdfErrors.signedWithLeadingBytes(reader.headerOffset);

  return PdfReader.open(reader.bytes.subarray(reader.headerOffset), { password });
}

/** Opens the file, or a clean rebuild of it when its cross-reference cannot be followed. */
export function openOrRebuild(pdf: Buffer, password: string | undefined): PdfReader {
  try {
    const reader = PdfReader.open(pdf, { password });
    reader.catalogRef();

    return reader;
  } catch (error) {
    if (!(error instanceof PdfError) || error.code !== 'INVALID_PDF') throw error;
    const rebuilt = rebuildPdf(pdf, error);

    return PdfReader.open(rebuilt, { password });
  }
}

/**
 * An encrypted file is signed only when opened; without the owner's password its permissions
 * must allow filling in signature fields (ISO 32000-2 Table 22, bits 6 and 9).
 */
function checkEncryption(reader: PdfReader, password: string | undefined): void {
  const encryption = reader.encryption;
  if (!encryption) return;
  if (!reader.securityHandler) {
    if (!isSupported(encryption)) {
      throw pdfErrors.unsupportedEncryption(encryption.handler, encryption.version);
    }
    throw password === undefined ? pdfErrors.passwordRequired() : pdfErrors.wrongPassword();
  }
  if (encryption.openedAs !== 'owner' && !encryption.permissions.fillFormsAndSign) {
    throw pdfErrors.signingNotPermitted();
  }
}

/** The standard security handler in versions 1, 2, 4 and 5 (ISO 32000-2 Table 20). */
export function isSupported(encryption: EncryptionInfo): boolean {
  return encryption.handler === 'Standard' && [1, 2, 4, 5].includes(encryption.version);
}

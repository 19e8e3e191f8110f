import { pdfErrors } from './pdf-error';
import { PdfReader } from './pdf-reader';

/**
 * Opens a PDF to read its pages, decrypting with the password when it is encrypted; a file that
 * the password (or the empty user password) does not open is refused as ENCRYPTED_PDF.
 */
export function openForReading(pdf: Buffer, password?: string): PdfReader {
  const reader = PdfReader.open(pdf, { password });
  if (!reader.canRead)
    throw password === undefined ? pdfErrors.passwordRequired() : pdfErrors.wrongPassword();

  return reader;
}

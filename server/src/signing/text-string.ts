import { PDFHexString, PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

/**
 * Encodes a text string (ISO 32000-1 7.9.2.2): printable ASCII as a literal string, anything else
 * as UTF-16BE with a byte order mark, which every PDF version reads.
 */
export function textString(text: string): PDFString | PDFHexString {
  if (/^[\x20-\x7e]*$/.test(text)) return PDFString.of(text.replace(/([\\()])/g, '\\$1'));

  return PDFHexString.fromText(text);
}

/** Decodes a text string read from the file, or `undefined` when the value is not one. */
export function decodeText(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();

  return undefined;
}

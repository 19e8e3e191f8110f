/** Codes for PDF problems a client can cause by what it uploads or asks for. */
export type PdfErrorCode =
  | 'INVALID_PDF'
  | 'ENCRYPTED_PDF'
  | 'PAGE_OUT_OF_RANGE'
  | 'UNSUPPORTED_PDF'
  | 'BAD_PLACEMENT'
  | 'DUPLICATE_FIELD';

/** A PDF the engine refuses, with a code the API layer maps onto its error catalogue. */
export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

/** Every message the engine gives about a refused PDF, written once. */
export const pdfErrors = {
  noHeader: () => new PdfError('INVALID_PDF', 'expected a %PDF- header in the first 1024 bytes'),
  noStartxref: () =>
    new PdfError('INVALID_PDF', 'expected "startxref" in the last 1024 bytes, found none'),
  badXref: (offset: number, detail: string) =>
    new PdfError('INVALID_PDF', `cross-reference section at offset ${offset}: ${detail}`),
  xrefLoop: (offset: number) =>
    new PdfError('INVALID_PDF', `the /Prev chain of cross-reference sections loops at ${offset}`),
  missingObject: (ref: string) =>
    new PdfError('INVALID_PDF', `object ${ref} is referenced but not in the cross-reference`),
  badObject: (ref: string, detail: string) =>
    new PdfError('INVALID_PDF', `object ${ref} cannot be read: ${detail}`),
  wrongType: (what: string, expected: string, got: string) =>
    new PdfError('INVALID_PDF', `${what}: expected ${expected}, got ${got}`),
  pageTreeLoop: (ref: string) =>
    new PdfError('INVALID_PDF', `the page tree loops back to object ${ref}`),
  encrypted: () =>
    new PdfError('ENCRYPTED_PDF', 'the PDF is encrypted; signing encrypted files is not supported'),
  pageOutOfRange: (page: number, count: number) =>
    new PdfError('PAGE_OUT_OF_RANGE', `expected a page from 1 to ${count}, got ${page}`),
  unsupportedFilter: (filter: string) =>
    new PdfError(
      'UNSUPPORTED_PDF',
      `stream filter ${filter} is not supported in structural streams`,
    ),
  noMediaBox: (page: number) =>
    new PdfError('UNSUPPORTED_PDF', `page ${page} has no /MediaBox, so a seal has no place on it`),
  sealOffPage: (x: number, y: number, width: number, height: number) =>
    new PdfError(
      'BAD_PLACEMENT',
      `expected the seal centre within the displayed page of ${width} x ${height} pt, got (${x}, ${y})`,
    ),
  sealTooLarge: (w: number, h: number, width: number, height: number) =>
    new PdfError(
      'BAD_PLACEMENT',
      `a seal of ${w} x ${h} pt does not fit on the displayed page of ${width} x ${height} pt`,
    ),
  duplicateField: (name: string) =>
    new PdfError('DUPLICATE_FIELD', `the document already has a form field named "${name}"`),
};

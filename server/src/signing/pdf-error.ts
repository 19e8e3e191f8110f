/** Codes for PDF problems a client can cause by what it uploads or asks for. */
export type PdfErrorCode =
  | 'INVALID_PDF'
  | 'ENCRYPTED_PDF'
  | 'PAGE_OUT_OF_RANGE'
  | 'UNSUPPORTED_PDF'
  | 'BAD_PLACEMENT'
  | 'DUPLICATE_FIELD'
  | 'KEYWORD_NOT_FOUND'
  | 'FIELD_NOT_EMPTY'
  | 'SIGNING_NOT_PERMITTED'
  | 'DOCUMENT_LOCKED'
  | 'BAD_CERTIFICATION'
  | 'SIGNATURE_TOO_LARGE';

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
  signedWithLeadingBytes: (count: number) =>
    new PdfError(
      'UNSUPPORTED_PDF',
      `${count} bytes precede the %PDF- header of a signed file: validators would disagree on its byte ranges`,
    ),
  onePlacementPerField: (name: string) =>
    new PdfError(
      'BAD_PLACEMENT',
      `the existing field "${name}" has one widget: expected at most one placement`,
    ),
  duplicateField: (name: string) =>
    new PdfError('DUPLICATE_FIELD', `the document already has a form field named "${name}"`),
  notSignatureField: (name: string, type: string) =>
    new PdfError(
      'DUPLICATE_FIELD',
      `form field "${name}" is a ${type} field, not a signature field, so it cannot be signed`,
    ),
  placementRequired: () =>
    new PdfError('BAD_PLACEMENT', 'a new signature field needs a placement for its seal'),
  fieldWithoutArea: () =>
    new PdfError(
      'BAD_PLACEMENT',
      'the signature field has no area on its page; give a placement for the seal',
    ),
  fieldNotEmpty: (name: string) =>
    new PdfError('FIELD_NOT_EMPTY', `signature field "${name}" is already signed`),
  badEncryption: (detail: string) =>
    new PdfError('INVALID_PDF', `the encryption dictionary cannot be used: ${detail}`),
  passwordRequired: () =>
    new PdfError('ENCRYPTED_PDF', 'the PDF is encrypted with a user password; supply it to sign'),
  wrongPassword: () =>
    new PdfError('ENCRYPTED_PDF', 'the password given opens the PDF neither as user nor as owner'),
  unsupportedEncryption: (handler: string, version: number) =>
    new PdfError(
      'ENCRYPTED_PDF',
      `the PDF is encrypted by the ${handler} security handler (V ${version}), which the engine cannot open`,
    ),
  signingNotPermitted: () =>
    new PdfError(
      'SIGNING_NOT_PERMITTED',
      'the document permissions forbid filling in and signing form fields; the owner password lifts them',
    ),
  documentLocked: (detail: string) =>
    new PdfError('DOCUMENT_LOCKED', `the document cannot take another signature: ${detail}`),
  alreadySigned: (count: number) =>
    new PdfError(
      'BAD_CERTIFICATION',
      `a certification signature must be the first signature, and the document already has ${count}`,
    ),
  repairImpossible: (detail: string) =>
    new PdfError(
      'INVALID_PDF',
      `the cross-reference is damaged and the file cannot be rebuilt: ${detail}`,
    ),
  signatureTooLarge: (size: number, room: number) =>
    new PdfError(
      'SIGNATURE_TOO_LARGE',
      `the signature with its time-stamp is ${size} bytes, but only ${room} were reserved; raise estimatedTimestampBytes`,
    ),
  noPlacement: () =>
    new PdfError('BAD_PLACEMENT', 'expected one placement or a non-empty list of placements'),
  twoPlacementKinds: () =>
    new PdfError('BAD_PLACEMENT', 'expected either placement or placements, got both'),
  badClip: (left: number, right: number) =>
    new PdfError(
      'BAD_PLACEMENT',
      `expected a clip with 0 <= left < right <= 1 of the seal's width, got [${left}, ${right}]`,
    ),
  keywordNotFound: (keyword: string) =>
    new PdfError('KEYWORD_NOT_FOUND', `the text "${keyword}" is not shown on any page`),
};

/**
 * What the conformance suite expects of each corpus file beyond the manifest's own column: the
 * decision for every `sign-or-reject` row, the passwords the manifest notes give, and the empty
 * signature field a `sign` row is to be signed into. A decision names the outcome and says why.
 */

/** `sign`, or the error code with which the API refuses the file, and at which step. */
export type Outcome = { kind: 'sign' } | { kind: 'refuse'; code: string; at: 'upload' | 'sign' };

export interface Decision {
  outcome: Outcome;
  reason: string;
  /** Password for upload and signing; the owner's where the user's lacks the right to sign. */
  password?: string;
  /** The damaged file is rebuilt before signing: its output does not begin with its bytes. */
  rewritten?: boolean;
  /** Bytes before %PDF- are cut off: the output begins with the input from its header on. */
  fromHeader?: boolean;
}

const sign: Outcome = { kind: 'sign' };
const refuse = (code: string, at: 'upload' | 'sign'): Outcome => ({ kind: 'refuse', code, at });

/** One entry per `sign-or-reject` row of MANIFEST.tsv. */
export const SIGN_OR_REJECT: Record<string, Decision> = {
  'pyhanko-certified-with-indirect-refs-in-dir.pdf': {
    outcome: refuse('DOCUMENT_LOCKED', 'sign'),
    reason: 'certified with DocMDP /P 1: any new revision breaks the certification',
  },
  'pyhanko-minimal-startxref-obo1.pdf': {
    outcome: sign,
    reason: 'startxref one byte early: the section is found next to it and /Prev names it',
  },
  'pyhanko-minimal-startxref-obo2.pdf': {
    outcome: sign,
    reason: 'startxref one byte late: the "xref" keyword is found just before it',
  },
  'pyhanko-minimal-startxref-hopeless.pdf': {
    outcome: sign,
    rewritten: true,
    reason: 'unsigned, intact objects, startxref in the body: rebuilt cleanly, then signed',
  },
  'pyhanko-malformed-xref-space-padded.pdf': {
    outcome: sign,
    reason: 'space-padded xref entries are read token by token, as qpdf does',
  },
  'pyhanko-no-mediabox.pdf': {
    outcome: refuse('INVALID_PDF', 'sign'),
    reason:
      'no /MediaBox: a visible seal has no defined page box (viewers guess Letter); the engine ' +
      'says UNSUPPORTED_PDF, which the API reports as INVALID_PDF',
  },
  'pyhanko-circular-page-tree.pdf': {
    outcome: refuse('INVALID_PDF', 'upload'),
    reason: 'the page tree loops; the whole tree is walked at upload and the loop refused',
  },
  'qpdf-minimal-signed-restricted.pdf': {
    outcome: refuse('SIGNING_NOT_PERMITTED', 'sign'),
    reason: 'user permissions forbid signing (P = -1324) and its certification is DocMDP /P 1',
  },
  'qpdf-v4-aes.pdf': {
    outcome: sign,
    password: '',
    reason: 'AES-128 with the empty user password: the update is encrypted with the file key',
  },
  'qpdf-enc-xi-r6_v5_o-master.pdf': {
    outcome: refuse('SIGNING_NOT_PERMITTED', 'sign'),
    reason: 'AES-256 R6 whose user permissions forbid signing (P = -2368); see OWNER_SIGNS',
  },
  'qpdf-leading-junk.pdf': {
    outcome: sign,
    password: '',
    fromHeader: true,
    reason:
      'RC4 with the empty user password; the bytes before %PDF- are cut off (validators disagree on offsets)',
  },
  'qpdf-append-xref-loop.pdf': {
    outcome: sign,
    rewritten: true,
    reason: 'unsigned, intact objects, /Prev chain loops: rebuilt cleanly, then signed',
  },
  'qpdf-xref-with-short-size.pdf': {
    outcome: sign,
    reason: 'xref stream data longer than its /Size: new objects are numbered past both',
  },
  'qpdf-recover-xref-stream.pdf': {
    outcome: refuse('INVALID_PDF', 'upload'),
    reason: 'no %%EOF within its last 1 KB (2000 bytes of junk): treated as truncated',
  },
  'pdf20examples-pdf-2.0-with-offset-start.pdf': {
    outcome: sign,
    fromHeader: true,
    reason: 'bytes before %PDF-2.0 are cut off: MuPDF and poppler disagree on where offsets start',
  },
  'pdf20examples-pdf20-utf8-test.pdf': {
    outcome: refuse('INVALID_PDF', 'upload'),
    reason: 'streams damaged by a text re-encoding: a rebuild would sign damaged content',
  },
};

/**
 * Rows whose `sign` the engine deliberately does not follow; the manifest should be corrected.
 * pdfsign-testfile30.pdf: its signed field carries /Lock << /Action /All /P 1 >>, which ISO
 * 32000-2 Table 236 reads as "no changes to the document after this field is signed".
 */
export const MANIFEST_OVERRIDES: Record<string, Decision> = {
  'pdfsign-testfile30.pdf': {
    outcome: refuse('DOCUMENT_LOCKED', 'sign'),
    reason: 'its signed field /Lock has /P 1 (ISO 32000-2 Table 236): the document is locked',
  },
};

/** Files that must also sign when the owner password is given (manifest: "unless the owner"). */
export const OWNER_SIGNS: Record<string, string> = {
  'qpdf-enc-xi-r6_v5_o-master.pdf': 'master',
};

/** User passwords the manifest notes give for `reject:ENCRYPTED` rows. */
export const USER_PASSWORDS: Record<string, string> = {
  'pyhanko-minimal-aes256.pdf': 'usersecret',
  'qpdf-enc-xi-r6_v5_u-view_o-master.pdf': 'view',
  'pypdfsamples-libreoffice-writer-password.pdf': 'openpassword',
};

/** The empty signature field that a `sign` row is signed into (manifest: "fill it in place"). */
export const EMPTY_FIELDS: Record<string, string> = {
  'pyhanko-minimal-with-field.pdf': 'Sig1',
  'pyhanko-minimal-two-fields.pdf': 'Sig2',
  'pyhanko-form-fill-result.pdf': 'Sig1',
  'pdflib-with_signature.pdf': 'Signature1',
  'pdflib-sample_form.pdf': 'EMPLOYEE SIGNATURE',
};

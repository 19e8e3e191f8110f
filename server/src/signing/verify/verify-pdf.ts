import { PDFArray, PDFName } from 'pdf-lib';

import { PdfError, pdfErrors } from '../pdf-error';
import { PdfReader } from '../pdf-reader';
import { DocumentContext } from './document-context';
import type { ChangePermission } from './modifications';
import type { SignatureVerification, VerificationReport, VerifyPdfOptions } from './report';
import { findSignedFields } from './signature-fields';
import type { SignedField } from './signature-fields';
import { verifySignature } from './verify-signature';

/**
 * Verifies every signature and document timestamp of a PDF: integrity of the signed bytes and
 * ranges, the signer's chain to the given trust anchors, revocation from the caller's and the
 * document's CRLs, timestamps, the PAdES level, and what later revisions changed. A file that
 * cannot be read as a PDF is refused with INVALID_PDF; anything wrong inside a signature is a
 * finding of the report, never an exception.
 */
export function verifyPdf(pdf: Buffer, options: VerifyPdfOptions): Promise<VerificationReport> {
  return new Promise((resolve) => resolve(verifyDocument(pdf, options)));
}

function verifyDocument(pdf: Buffer, options: VerifyPdfOptions): VerificationReport {
  const reader = open(pdf, options.password);
  const encrypted = reader.isEncrypted;
  const revisions = countRevisions(pdf);
  if (!reader.canRead) {
    return { encrypted, revisions, signatures: [], verdict: 'INDETERMINATE', reasons: [LOCKED] };
  }
  let signatures: SignatureVerification[];
  try {
    signatures = verifyAll(new DocumentContext(pdf, reader, options));
  } catch (error) {
    throw asPdfError(error);
  }

  return { encrypted, revisions, signatures, ...summarize(signatures) };
}

function open(pdf: Buffer, password: string | undefined): PdfReader {
  try {
    return PdfReader.open(pdf, { password });
  } catch (error) {
    throw asPdfError(error);
  }
}

function asPdfError(error: unknown): PdfError {
  return error instanceof PdfError
    ? error
    : pdfErrors.badObject('structure', (error as Error).message);
}

/**
 * Certification applies to every change after the certifying revision (ISO 32000-1 12.8.2.2), so
 * signatures made after it are judged by its permission too.
 */
function verifyAll(doc: DocumentContext): SignatureVerification[] {
  const fields = findSignedFields(doc.reader);
  const certification = certifyingField(doc, fields);
  const reports = fields.map((field) =>
    verifySignature(doc, field, permissionFor(field, certification)),
  );

  return markLta(doc, reports);
}

interface Certification {
  end: number;
  permission: ChangePermission;
}

function certifyingField(doc: DocumentContext, fields: SignedField[]): Certification | undefined {
  for (const field of fields) {
    const permission = doc.docMdpPermission(field);
    if (permission !== undefined) return { end: rangeEnd(field) ?? 0, permission };
  }

  return undefined;
}

function permissionFor(
  field: SignedField,
  certification: Certification | undefined,
): ChangePermission {
  if (!certification) return 'none';

  return (rangeEnd(field) ?? 0) >= certification.end ? certification.permission : 'none';
}

function rangeEnd(field: SignedField): number | undefined {
  const range = field.signature.get(PDFName.of('ByteRange'));
  if (!(range instanceof PDFArray) || range.size() !== 4) return undefined;
  const [, , c, d] = range.asArray().map((n) => Number(n.toString()));

  return c + d;
}

/**
 * B-LTA (ETSI EN 319 142-1 6.3.4): a valid document timestamp whose revision already holds the
 * DSS, applied after a B-LT signature.
 */
function markLta(doc: DocumentContext, reports: SignatureVerification[]): SignatureVerification[] {
  const archives = reports.filter(
    (r) => r.kind === 'documentTimestamp' && r.integrity.ok && r.byteRange && coversDss(doc, r),
  );

  return reports.map((report) => {
    const end = report.byteRange ? report.byteRange[2] + report.byteRange[3] : Infinity;
    const archived = archives.some((a) => a.byteRange![2] + a.byteRange![3] > end);

    return report.level === 'B-LT' && archived ? { ...report, level: 'B-LTA' } : report;
  });
}

function coversDss(doc: DocumentContext, timestamp: SignatureVerification): boolean {
  const [, , c, d] = timestamp.byteRange!;
  const revision = doc.revisionEndingAt(c + d);
  if (!revision) return false;
  const catalog = revision.reader.dict(revision.reader.catalogRef(), 'document catalog');

  return catalog.has(PDFName.of('DSS'));
}

const LOCKED =
  'the document is encrypted and the password given (or the empty one) does not open it, so its signatures cannot be read';

/** %%EOF markers that end a revision (ISO 32000-1 7.5.6). */
function countRevisions(pdf: Buffer): number {
  return pdf.toString('latin1').match(/%%EOF/g)?.length ?? 0;
}

function summarize(
  signatures: SignatureVerification[],
): Pick<VerificationReport, 'verdict' | 'reasons'> {
  const reasons = signatures.flatMap((s) => s.reasons.map((r) => `${s.fieldName}: ${r}`));
  if (signatures.some((s) => s.verdict === 'INVALID')) return { verdict: 'INVALID', reasons };
  if (signatures.length === 0) {
    return { verdict: 'INDETERMINATE', reasons: ['the document has no signatures'] };
  }
  const verdict = signatures.some((s) => s.verdict === 'INDETERMINATE') ? 'INDETERMINATE' : 'VALID';

  return { verdict, reasons };
}

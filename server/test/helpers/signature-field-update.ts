import { randomBytes } from 'node:crypto';

import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

import type { SealPlacement } from './seal-placement';

/** Where to put a test signature field and how to describe it. */
export interface SignatureFieldOptions {
  fieldName: string;
  /** Page and centre in points from the top-left; the appearance is a solid red rectangle. */
  seal: SealPlacement;
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Bytes reserved for the CMS (hex doubles it). */
  reserve?: number;
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/**
 * Appends, as an incremental update (ISO 32000-2 7.5.6) with a classic xref table, a visible
 * signature field whose /Contents is a zero placeholder and whose /ByteRange is the @signpdf
 * placeholder. A test fixture for unrotated pages of unencrypted classic-xref files, nothing more.
 */
export async function appendSignatureField(
  pdf: Buffer,
  options: SignatureFieldOptions,
): Promise<Buffer> {
  // pdf-lib's PDFPage wraps content streams in q/Q as a side effect, so the page is only
  // measured through it and edited as a plain dictionary of a second, untouched parse.
  const page = (await PDFDocument.load(pdf, { updateMetadata: false })).getPages()[
    options.seal.page - 1
  ];
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageDict = doc.context.lookup(page.ref, PDFDict);
  const size = doc.context.largestObjectNumber + 1;
  const [sigRef, widgetRef, appearanceRef] = [0, 1, 2].map((offset) => PDFRef.of(size + offset));
  const { width, height } = options.seal;
  const left = options.seal.x - width / 2;
  const bottom = page.getHeight() - options.seal.y - height / 2;

  const annots = pageDict.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? doc.context.obj([]);
  annots.push(widgetRef);
  pageDict.set(PDFName.of('Annots'), annots);
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict) ?? doc.context.obj({});
  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? doc.context.obj([]);
  fields.push(widgetRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), doc.context.obj(3));
  doc.catalog.set(PDFName.of('AcroForm'), acroForm);

  const rect = [left, bottom, left + width, bottom + height];
  const root = doc.context.trailerInfo.Root as PDFRef;
  const objects: Array<[PDFRef, string]> = [
    [sigRef, signatureDictionary(options)],
    [widgetRef, widgetDictionary(options.fieldName, sigRef, page.ref, rect, appearanceRef)],
    [appearanceRef, redRectangleAppearance(width, height)],
    [page.ref, pageDict.toString()],
    [root, doc.catalog.toString()],
  ];

  return appendRevision(pdf, objects, root, size + 3);
}

function widgetDictionary(
  fieldName: string,
  value: PDFRef,
  page: PDFRef,
  rect: number[],
  appearance: PDFRef,
): string {
  const field = `/FT /Sig /T (${fieldName}) /V ${value.toString()}`;
  const placement = `/F 4 /P ${page.toString()} /Rect [${rect.join(' ')}]`;

  return `<< /Type /Annot /Subtype /Widget ${field} ${placement} /AP << /N ${appearance.toString()} >> >>`;
}

/** Solid red, so that the render check can find the seal by its colour. */
function redRectangleAppearance(width: number, height: number): string {
  const drawing = `1 0 0 rg 0 0 ${width} ${height} re f`;
  const form = `/Type /XObject /Subtype /Form /BBox [0 0 ${width} ${height}]`;

  return `<< ${form} /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`;
}

function signatureDictionary(options: SignatureFieldOptions): string {
  const zeros = '0'.repeat((options.reserve ?? 8192) * 2);
  const subFilter = options.subFilter ?? 'ETSI.CAdES.detached';
  const kind = `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter}`;

  return `<< ${kind} ${BYTE_RANGE_PLACEHOLDER} /Contents <${zeros}> /M (D:20250101120000Z) >>`;
}

/** Writes the objects, one xref subsection per object, and a trailer chained with /Prev. */
function appendRevision(
  pdf: Buffer,
  objects: Array<[PDFRef, string]>,
  root: PDFRef,
  size: number,
): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number([...text.matchAll(/startxref\s+(\d+)/g)].pop()?.[1]);
  const id = /\/ID\s*\[\s*<([0-9a-fA-F]+)>/.exec(text)?.[1] ?? randomBytes(16).toString('hex');
  let body = pdf.at(-1) === 0x0a ? '' : '\n';
  const offsets: Array<[number, number]> = [];
  for (const [ref, value] of objects) {
    offsets.push([ref.objectNumber, pdf.length + body.length]);
    body += `${ref.objectNumber} 0 obj\n${value}\nendobj\n`;
  }
  const xrefOffset = pdf.length + body.length;
  const entries = offsets.map(
    ([number, offset]) => `${number} 1\n${String(offset).padStart(10, '0')} 00000 n \n`,
  );
  const ids = `/ID [<${id}> <${randomBytes(16).toString('hex')}>]`;
  const trailer = `<< /Size ${size} /Root ${root.toString()} /Prev ${prev} ${ids} >>`;
  body += `xref\n${entries.join('')}trailer\n${trailer}\n`;
  body += `startxref\n${xrefOffset}\n%%EOF\n`;

  return Buffer.concat([pdf, Buffer.from(body, 'latin1')]);
}

/**
 * Computes the ByteRange around the placeholder and fills /Contents, as @signpdf/signpdf does,
 * optionally leaving a gap before the `<` to reproduce a broken signer.
 */
export async function fillSignature(
  pdf: Buffer,
  sign: (signedBytes: Buffer) => Buffer | Promise<Buffer>,
  options: { gapBeforeContents?: number } = {},
): Promise<Buffer> {
  const placeholder = pdf.lastIndexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsStart = pdf.indexOf('<', pdf.indexOf('/Contents', placeholder));
  const contentsEnd = pdf.indexOf('>', contentsStart) + 1;
  const range = [
    0,
    contentsStart - (options.gapBeforeContents ?? 0),
    contentsEnd,
    pdf.length - contentsEnd,
  ];
  const written = `/ByteRange [${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  const withRange = Buffer.concat([
    pdf.subarray(0, placeholder),
    Buffer.from(written),
    pdf.subarray(placeholder + written.length),
  ]);
  const signedBytes = Buffer.concat([
    withRange.subarray(0, range[1]),
    withRange.subarray(contentsEnd),
  ]);
  const cms = await sign(signedBytes);
  const hex = cms.toString('hex').padEnd(contentsEnd - contentsStart - 2, '0');

  return Buffer.concat([
    withRange.subarray(0, contentsStart + 1),
    Buffer.from(hex),
    withRange.subarray(contentsEnd - 1),
  ]);
}

import { addFieldToForm, chooseFieldName, readForm } from './acro-form';
import { addSealAppearance } from './appearance';
import { byteRangeAround, digestRanges, embedSignature, patchByteRange } from './byte-range';
import type { ByteRange } from './byte-range';
import { buildCadesDetached } from './cms';
import type { SignerIdentity } from './cms';
import { IncrementalUpdate } from './incremental-writer';
import { placeSeal, readGeometry } from './page-geometry';
import type { Box, SealBox } from './page-geometry';
import { findPage } from './page-tree';
import { pdfErrors } from './pdf-error';
import { PdfReader } from './pdf-reader';
import { signatureDictionary } from './signature-dictionary';
import type { SignaturePlaceholder } from './signature-dictionary';
import { addSignatureField } from './signature-field';

/** The seal image and its natural size in PDF points. */
export interface SealAppearance {
  /** RGBA PNG with a transparent background. */
  png: Buffer;
  width: number;
  height: number;
}

/** Where the seal goes, in the page's displayed coordinates. */
export interface SealPlacement {
  /** 1-based page number. */
  page: number;
  /** Centre, in points from the left edge of the page as displayed (after /Rotate, in the CropBox). */
  x: number;
  /** Centre, in points from the top edge of the page as displayed. */
  y: number;
  /** Displayed width in points; the height keeps the image's aspect ratio. */
  width?: number;
}

export interface SignPdfInput {
  pdf: Buffer;
  signer: SignerIdentity;
  appearance: SealAppearance;
  placement: SealPlacement;
  /** Claimed signing time, written to /M. */
  signingTime: Date;
  signerName?: string;
  reason?: string;
  location?: string;
  /** Defaults to the first free "SealN". */
  fieldName?: string;
}

export interface SignatureReport {
  fieldName: string;
  page: number;
  rect: Box;
  byteRange: ByteRange;
  /** Hex SHA-256 of the signed byte ranges. */
  signedDigest: string;
}

export interface SignPdfResult {
  pdf: Buffer;
  report: SignatureReport;
}

/** Room for the CMS beyond the certificates: signed attributes, signature, later a timestamp. */
const CMS_MARGIN_BYTES = 4096;

/**
 * Seals a PDF with a visible PAdES signature, appended as an incremental update. Asynchronous
 * because signing will reach out to a timestamp authority or a remote key; today it does not.
 */
export function signPdf(input: SignPdfInput): Promise<SignPdfResult> {
  return new Promise((resolve) => resolve(sealDocument(input)));
}

/** Reads just enough of the file, places the seal, reserves the signature, hashes, signs, embeds. */
function sealDocument(input: SignPdfInput): SignPdfResult {
  const reader = openForSigning(input.pdf);
  const update = new IncrementalUpdate(reader);
  const prepared = prepareSignatureField(reader, update, input);
  const placeholder = reserveSignature(input);
  update.put(prepared.signatureRef, placeholder.bytes);
  const written = update.write(`${input.signingTime.toISOString()}:${prepared.fieldName}`);
  const pdf = Buffer.concat([input.pdf, written.section]);
  const signatureAt =
    input.pdf.length + written.bodyOffsets.get(prepared.signatureRef.objectNumber)!;
  const byteRange = fixByteRange(pdf, signatureAt, placeholder);
  const digest = digestRanges(pdf, byteRange);
  const cms = buildCadesDetached({ digest, signer: input.signer });
  embedSignature(pdf, signatureAt + placeholder.contentsAt, placeholder.contentsLength, cms);

  return { pdf, report: report(prepared, input, byteRange, digest) };
}

function openForSigning(pdf: Buffer): PdfReader {
  const reader = PdfReader.open(pdf);
  if (reader.isEncrypted) throw pdfErrors.encrypted();

  return reader;
}

interface PreparedField {
  fieldName: string;
  box: SealBox;
  signatureRef: ReturnType<IncrementalUpdate['allocate']>;
}

/** Adds the appearance, the field with its widget, and the field's entry in the AcroForm. */
function prepareSignatureField(
  reader: PdfReader,
  update: IncrementalUpdate,
  input: SignPdfInput,
): PreparedField {
  const { placement, appearance } = input;
  const page = findPage(reader, placement.page);
  const width = placement.width ?? appearance.width;
  const height = (width * appearance.height) / appearance.width;
  const box = placeSeal(readGeometry(reader, page, placement.page), {
    x: placement.x,
    y: placement.y,
    width,
    height,
  });
  const form = readForm(reader);
  const fieldName = chooseFieldName(form, input.fieldName);
  const signatureRef = update.allocate();
  const appearanceRef = addSealAppearance(update, reader.context, appearance.png, box);
  const fieldRef = addSignatureField(update, reader, {
    name: fieldName,
    page,
    rect: box.rect,
    appearanceRef,
    signatureRef,
  });
  addFieldToForm(update, reader, form, fieldRef);

  return { fieldName, box, signatureRef };
}

/** Sizes /Contents from the chain, which the CMS embeds whole, plus a margin. */
function reserveSignature(input: SignPdfInput): SignaturePlaceholder {
  const chainBytes = input.signer.certificates.reduce((sum, cert) => sum + cert.length, 0);

  return signatureDictionary({
    signingTime: input.signingTime,
    contentsBytes: chainBytes + CMS_MARGIN_BYTES,
    signerName: input.signerName,
    reason: input.reason,
    location: input.location,
  });
}

function fixByteRange(
  pdf: Buffer,
  signatureAt: number,
  placeholder: SignaturePlaceholder,
): ByteRange {
  const range = byteRangeAround(
    signatureAt + placeholder.contentsAt,
    placeholder.contentsLength,
    pdf.length,
  );
  patchByteRange(pdf, signatureAt + placeholder.byteRangeAt, placeholder.byteRangeWidth, range);

  return range;
}

function report(
  prepared: PreparedField,
  input: SignPdfInput,
  byteRange: ByteRange,
  digest: Buffer,
): SignatureReport {
  return {
    fieldName: prepared.fieldName,
    page: input.placement.page,
    rect: prepared.box.rect,
    byteRange,
    signedDigest: digest.toString('hex'),
  };
}

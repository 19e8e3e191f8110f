import type { PDFObject } from 'pdf-lib';

import { addFieldToForm, chooseFieldName, readForm } from './acro-form';
import { AppendedFile } from './appended-file';
import type { ByteRange } from './byte-range';
import type { SignerIdentity } from './cms';
import { fieldToFill, prepareExistingField } from './existing-field';
import { IncrementalUpdate } from './incremental-writer';
import { CERTIFICATION_LEVELS, registerCertification } from './modification-rights';
import type { CertificationLevel } from './modification-rights';
import { openForSigning } from './open-for-signing';
import { readGeometry, toDisplayed, type Box, type SealBox } from './page-geometry';
import { findPage } from './page-tree';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';
import { addSealWidgets } from './seal-widgets';
import type { SealClip } from './seal-layout';
import { signatureDictionary } from './signature-dictionary';
import type { SignaturePlaceholder } from './signature-dictionary';
import { addSignatureFieldWithWidgets } from './signature-field';
import { buildSignatureContainer, DEFAULT_TIMESTAMP_BYTES } from './signature-timestamp';
import type { PadesLevel, SignatureTimestamper } from './signature-timestamp';

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
  /** Shows only this vertical slice of the seal; x and y are then the slice's centre. */
  clip?: SealClip;
}

export interface SignPdfInput {
  pdf: Buffer;
  signer: SignerIdentity;
  appearance: SealAppearance;
  /** Required for a new field; an existing empty field keeps its own /Rect and page without. */
  placement?: SealPlacement;
  /** Several widgets for one signature, each with its own appearance; instead of `placement`. */
  placements?: SealPlacement[];
  /** Drawn centred under each whole (unclipped) seal, scaled with it, in the same widget. */
  caption?: SealAppearance;
  /** Claimed signing time, written to /M. */
  signingTime: Date;
  signerName?: string;
  reason?: string;
  location?: string;
  /** An existing empty signature field to sign, or a new field's name; default the first free "SealN". */
  fieldName?: string;
  /** Opens an encrypted document: its user or owner password. */
  password?: string;
  /** Makes this the document's certification signature with these DocMDP permissions. */
  certify?: CertificationLevel;
  /** Makes the signature B-T: called with the signature value, returns a TimeStampToken. */
  timestamp?: SignatureTimestamper;
  /** Room for the token in /Contents; default DEFAULT_TIMESTAMP_BYTES. */
  estimatedTimestampBytes?: number;
}

/** One seal image of a signature: its page, /Rect, and centre as the page is displayed. */
export interface WidgetReport {
  page: number;
  rect: Box;
  /** Points from the left and top edges of the displayed page (after /Rotate, in the CropBox). */
  centre: { x: number; y: number };
  /** Displayed width and height in points. */
  size: { width: number; height: number };
}

export interface SignatureReport {
  fieldName: string;
  page: number;
  rect: Box;
  /** Every widget of the signature, in placement order; `page` and `rect` are the first's. */
  widgets: WidgetReport[];
  byteRange: ByteRange;
  /** Hex SHA-256 of the signed byte ranges. */
  signedDigest: string;
  level: PadesLevel;
  /**
   * The input's cross-reference was damaged and the file was rebuilt before signing, so the
   * output does not begin with the input's bytes.
   */
  rewritten: boolean;
}

export interface SignPdfResult {
  /**
   * The signed file as one Buffer: `original` followed by `appended`, joined on first access.
   * Callers that can write pieces (a stream, a database that keeps revisions apart) should use
   * those instead and spare the copy of the whole file.
   */
  readonly pdf: Buffer;
  /** The input file (or its rebuilt form when `report.rewritten`), untouched. */
  original: Buffer;
  /** The incremental update holding the signature, to be written after `original`. */
  appended: Buffer;
  /** Hex SHA-256 of the whole signed file. */
  sha256: string;
  report: SignatureReport;
}

/** Room for the CMS beyond the certificates: signed attributes, signature, later a timestamp. */
const CMS_MARGIN_BYTES = 4096;

/**
 * Seals a PDF with a visible PAdES signature, appended as an incremental update. Asynchronous
 * because a B-T signature waits for its time-stamp (`input.timestamp`), and later a remote key.
 */
export function signPdf(input: SignPdfInput): Promise<SignPdfResult> {
  return new Promise((resolve) => resolve(sealDocument(input)));
}

/**
 * Reads just enough of the file, places the seal, reserves the signature, hashes, signs, embeds.
 *
 * The input is never copied: the update is written on its own and the signed ranges are hashed
 * where they lie, the input in place and then the update around its /Contents hole. The input is
 * the first range's prefix, so one pass over it also starts the whole file's digest (a copy of
 * the hash state), which the update then completes once the signature is in.
 */
async function sealDocument(input: SignPdfInput): Promise<SignPdfResult> {
  const reader = openForSigning(input.pdf, {
    password: input.password,
    certifying: input.certify !== undefined,
  });
  const update = new IncrementalUpdate(reader);
  const prepared = prepareSignatureField(reader, update, input);
  if (input.certify) registerCertification(update, reader, prepared.signatureRef);
  const placeholder = reserveSignature(input, (value) =>
    update.protect(prepared.signatureRef, value),
  );
  update.put(prepared.signatureRef, placeholder.bytes);
  const written = update.write(`${input.signingTime.toISOString()}:${prepared.fieldName}`);
  const file = new AppendedFile(reader.bytes, written.section);
  const signatureAt = written.bodyOffsets.get(prepared.signatureRef.objectNumber)!;
  const byteRange = file.reserveHole(signatureAt, placeholder);
  const { digest, wholeFile } = file.digestRanges();
  const room = (placeholder.contentsLength - 2) / 2;
  const cms = await buildSignatureContainer(digest, input.signer, input.timestamp, room);
  file.embed(cms);
  const sha256 = wholeFile.update(file.appended).digest('hex');
  const rewritten = reader.bytes !== input.pdf;

  return file.result(sha256, { ...report(reader, prepared, input, byteRange, digest), rewritten });
}

interface PreparedField {
  fieldName: string;
  box: SealBox;
  page: number;
  widgets?: { page: number; rect: Box }[];
  signatureRef: ReturnType<IncrementalUpdate['allocate']>;
}

/** Adds the appearance, the field with its widget, and the field's entry in the AcroForm. */
function prepareSignatureField(
  reader: PdfReader,
  update: IncrementalUpdate,
  input: SignPdfInput,
): PreparedField {
  const form = readForm(reader);
  const existing = fieldToFill(reader, form, input.fieldName);
  if (existing) {
    const placements = input.placements ?? (input.placement ? [input.placement] : []);
    if (placements.length > 1) throw pdfErrors.onePlacementPerField(existing.name);

    return prepareExistingField(reader, update, form, existing, {
      appearance: input.appearance,
      placement: placements[0],
    });
  }
  if (!input.placement && !input.placements) throw pdfErrors.placementRequired();
  const fieldName = chooseFieldName(form, input.fieldName);
  const signatureRef = update.allocate();
  const widgets = addSealWidgets(update, reader, input);
  const fieldRef = addSignatureFieldWithWidgets(
    update,
    reader,
    { name: fieldName, signatureRef },
    widgets.map(({ page, box, appearanceRef }) => ({ page, rect: box.rect, appearanceRef })),
  );
  addFieldToForm(update, reader, form, fieldRef);
  const [first] = widgets;

  return {
    fieldName,
    box: first.box,
    page: first.pageNumber,
    signatureRef,
    widgets: widgets.map(({ pageNumber, box }) => ({ page: pageNumber, rect: box.rect })),
  };
}

/** Sizes /Contents from the chain, which the CMS embeds whole, plus a margin. */
function reserveSignature(
  input: SignPdfInput,
  protect: (value: PDFObject) => PDFObject,
): SignaturePlaceholder {
  const chainBytes = input.signer.certificates.reduce((sum, cert) => sum + cert.length, 0);

  return signatureDictionary({
    signingTime: input.signingTime,
    contentsBytes: chainBytes + CMS_MARGIN_BYTES + timestampBytes(input),
    signerName: input.signerName,
    reason: input.reason,
    location: input.location,
    certify: input.certify && CERTIFICATION_LEVELS[input.certify],
    protect,
  });
}

function timestampBytes(input: SignPdfInput): number {
  return input.timestamp ? (input.estimatedTimestampBytes ?? DEFAULT_TIMESTAMP_BYTES) : 0;
}

function report(
  reader: PdfReader,
  prepared: PreparedField,
  input: SignPdfInput,
  byteRange: ByteRange,
  digest: Buffer,
): Omit<SignatureReport, 'rewritten'> {
  return {
    fieldName: prepared.fieldName,
    page: prepared.page,
    rect: prepared.box.rect,
    widgets: (prepared.widgets ?? [{ page: prepared.page, rect: prepared.box.rect }]).map(
      (widget) => ({ ...widget, ...asDisplayed(reader, widget.page, widget.rect) }),
    ),
    byteRange,
    signedDigest: digest.toString('hex'),
    level: input.timestamp ? 'B-T' : 'B-B',
  };
}

/** Where a widget is seen: its /Rect's corners turned into displayed coordinates. */
function asDisplayed(reader: PdfReader, pageNumber: number, rect: Box) {
  const geometry = readGeometry(reader, findPage(reader, pageNumber), pageNumber);
  const [ax, ay] = toDisplayed(geometry, rect[0], rect[1]);
  const [bx, by] = toDisplayed(geometry, rect[2], rect[3]);

  return {
    centre: { x: (ax + bx) / 2, y: (ay + by) / 2 },
    size: { width: Math.abs(bx - ax), height: Math.abs(by - ay) },
  };
}

import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

import { markSignaturesExist } from './acro-form';
import type { FormState } from './acro-form';
import { addSealAppearance } from './appearance';
import { terminalFields } from './form-fields';
import type { FormField } from './form-fields';
import type { IncrementalUpdate } from './incremental-writer';
import { checkMaySign } from './modification-rights';
import { placeSeal, readGeometry, upright } from './page-geometry';
import type { Box, SealBox } from './page-geometry';
import { findPage } from './page-tree';
import type { PageNode } from './page-tree';
import { allPages } from './page-walk';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';

/** Print (bit 3) and Locked (bit 8), as for a new seal (ISO 32000-1 12.5.3). */
const PRINT_AND_LOCKED = 4 + 128;

/**
 * The existing empty signature field a request names, or `undefined` when the name is new (or
 * none is given) and a field must be created. A name taken by a signed signature field or by a
 * field of another type is refused: signing it would overwrite or retype someone else's field.
 */
export function fieldToFill(
  reader: PdfReader,
  form: FormState,
  requested: string | undefined,
): FormField | undefined {
  if (requested === undefined) return undefined;
  const fields = terminalFields(reader, form.acroForm);
  const field = fields.find((f) => f.name === requested);
  if (!field) {
    if (form.fieldNames.has(requested)) throw pdfErrors.duplicateField(requested);
    return undefined;
  }
  if (field.type !== 'Sig') throw pdfErrors.notSignatureField(requested, field.type ?? 'untyped');
  if (field.signed) throw pdfErrors.fieldNotEmpty(requested);
  if (!field.ref) throw pdfErrors.badObject(requested, 'the field is not an indirect object');
  checkMaySign(reader, fields, field);

  return field;
}

/** The page (1-based) and node that hold a field's widget, and its rectangle. */
export interface WidgetPlace {
  pageNumber: number;
  page: PageNode;
  rect: Box;
}

/** Finds the widget's page by its /P, or else by the page whose /Annots lists it. */
export function widgetPlace(reader: PdfReader, field: FormField): WidgetPlace | undefined {
  const widget = field.widgets[0];
  const pages = allPages(reader);
  const p = widget.dict.get(PDFName.of('P'));
  let index = p instanceof PDFRef ? pages.findIndex((ref) => ref === p || same(ref, p)) : -1;
  if (index < 0 && widget.ref)
    index = pages.findIndex((ref) => annotsOf(reader, ref).includes(widget.ref!));
  if (index < 0) return undefined;

  return {
    pageNumber: index + 1,
    page: findPage(reader, index + 1),
    rect: rectOf(reader, widget.dict),
  };
}

/**
 * The appearance box for a field that keeps its own /Rect: sized to the rectangle as displayed
 * and turned upright for the page's /Rotate, as a placed seal is.
 */
export function boxForRect(reader: PdfReader, place: WidgetPlace, aspect: number): SealBox {
  const { rotate } = readGeometry(reader, place.page, place.pageNumber);
  const [llx, lly, urx, ury] = place.rect;
  const quarterTurn = rotate === 90 || rotate === 270;
  const [shownWidth, shownHeight] = quarterTurn ? [ury - lly, urx - llx] : [urx - llx, ury - lly];
  if (shownWidth <= 0 || shownHeight <= 0) throw pdfErrors.fieldWithoutArea();
  // A seal is never stretched: it fills the field's rectangle as far as its own shape allows,
  // centred, and the widget shrinks to it.
  const width = Math.min(shownWidth, shownHeight / aspect);
  const height = width * aspect;
  const [userWidth, userHeight] = quarterTurn ? [height, width] : [width, height];
  const [cx, cy] = [(llx + urx) / 2, (lly + ury) / 2];
  const rect: Box = [
    cx - userWidth / 2,
    cy - userHeight / 2,
    cx + userWidth / 2,
    cy + userHeight / 2,
  ];

  return { rect, width, height, matrix: upright(rotate) };
}

/** What signing an existing field changes. */
export interface FieldFill {
  page: PageNode;
  rect: Box;
  appearanceRef: PDFRef;
  signatureRef: PDFRef;
}

/**
 * Signs an existing field in place (ISO 32000-1 12.7.4.5): the same field object gets /V, and
 * its widget the seal's appearance and rectangle, moved to another page's /Annots if the seal
 * was placed elsewhere.
 */
export function fillSignatureField(
  update: IncrementalUpdate,
  reader: PdfReader,
  field: FormField,
  fill: FieldFill,
): void {
  const widget = field.widgets[0];
  field.dict.set(PDFName.of('V'), fill.signatureRef);
  // A widget kept apart from its field holds no field entries (ISO 32000-1 12.7.3.1), but
  // poppler takes a kid with /Parent for a field of its own and reads /V there only; the copy
  // is ignored by readers that follow the standard and lets poppler see the signature.
  if (widget.dict !== field.dict) widget.dict.set(PDFName.of('V'), fill.signatureRef);
  widget.dict.set(PDFName.of('Rect'), reader.context.obj(fill.rect));
  widget.dict.set(PDFName.of('AP'), reader.context.obj({ N: fill.appearanceRef }));
  widget.dict.set(PDFName.of('F'), PDFNumber.of(PRINT_AND_LOCKED));
  const oldPage = widget.dict.get(PDFName.of('P'));
  widget.dict.set(PDFName.of('P'), fill.page.ref);
  update.put(field.ref!, field.dict);
  if (widget.ref && widget.dict !== field.dict) update.put(widget.ref, widget.dict);
  const widgetRef = widget.ref ?? field.ref!;
  if (oldPage instanceof PDFRef && !same(oldPage, fill.page.ref)) {
    removeAnnot(update, reader, oldPage, widgetRef);
  }
  if (!annotsOf(reader, fill.page.ref).some((ref) => same(ref, widgetRef))) {
    addAnnot(update, reader, fill.page, widgetRef);
  }
}

function addAnnot(update: IncrementalUpdate, reader: PdfReader, page: PageNode, widget: PDFRef) {
  const raw = page.dict.get(PDFName.of('Annots'));
  const annots = reader.resolve(raw);
  const array = annots instanceof PDFArray ? annots : PDFArray.withContext(reader.context);
  array.push(widget);
  if (raw instanceof PDFRef && annots instanceof PDFArray) return update.put(raw, array);
  page.dict.set(PDFName.of('Annots'), array);
  update.put(page.ref, page.dict);
}

function removeAnnot(
  update: IncrementalUpdate,
  reader: PdfReader,
  pageRef: PDFRef,
  widget: PDFRef,
) {
  const page = reader.dict(pageRef, `page ${pageRef.toString()}`);
  const raw = page.get(PDFName.of('Annots'));
  const annots = reader.resolve(raw);
  if (!(annots instanceof PDFArray)) return;
  const kept = PDFArray.withContext(reader.context);
  annots
    .asArray()
    .filter((item) => !(item instanceof PDFRef && same(item, widget)))
    .forEach((item) => kept.push(item));
  if (raw instanceof PDFRef) return update.put(raw, kept);
  page.set(PDFName.of('Annots'), kept);
  update.put(pageRef, page);
}

function annotsOf(reader: PdfReader, pageRef: PDFRef): PDFRef[] {
  const page = reader.resolve(pageRef);
  const annots =
    page instanceof PDFDict ? reader.resolve(page.get(PDFName.of('Annots'))) : undefined;
  if (!(annots instanceof PDFArray)) return [];

  return annots.asArray().filter((item): item is PDFRef => item instanceof PDFRef);
}

function rectOf(reader: PdfReader, widget: PDFDict): Box {
  const rect = reader.resolve(widget.get(PDFName.of('Rect')));
  const values =
    rect instanceof PDFArray
      ? rect
          .asArray()
          .map((n) => reader.resolve(n))
          .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0))
      : [0, 0, 0, 0];
  const [a, b, c, d] = values.length === 4 ? values : [0, 0, 0, 0];

  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function same(a: PDFRef, b: PDFRef): boolean {
  return a.objectNumber === b.objectNumber;
}

/** The seal as placed by the caller, or else the field's own rectangle and page. */
export interface ExistingFieldRequest {
  appearance: { png: Buffer; width: number; height: number };
  placement?: { page: number; x: number; y: number; width?: number };
}

/** The prepared field: name, seal box, 1-based page and the reserved signature object. */
export interface PreparedExistingField {
  fieldName: string;
  box: SealBox;
  page: number;
  signatureRef: PDFRef;
}

/** Adds the appearance to an existing empty field and points the field at the signature. */
export function prepareExistingField(
  reader: PdfReader,
  update: IncrementalUpdate,
  form: FormState,
  field: FormField,
  request: ExistingFieldRequest,
): PreparedExistingField {
  const { pageNumber, page, box } = targetOf(reader, field, request);
  const signatureRef = update.allocate();
  const appearanceRef = addSealAppearance(update, reader.context, request.appearance.png, box);
  fillSignatureField(update, reader, field, { page, rect: box.rect, appearanceRef, signatureRef });
  markSignaturesExist(update, reader, form);

  return { fieldName: field.name, box, page: pageNumber, signatureRef };
}

function targetOf(reader: PdfReader, field: FormField, request: ExistingFieldRequest) {
  const { placement, appearance } = request;
  if (!placement) {
    const place = widgetPlace(reader, field);
    if (!place) throw pdfErrors.fieldWithoutArea();

    const aspect = appearance.height / appearance.width;

    return {
      pageNumber: place.pageNumber,
      page: place.page,
      box: boxForRect(reader, place, aspect),
    };
  }
  const page = findPage(reader, placement.page);
  const width = placement.width ?? appearance.width;
  const height = (width * appearance.height) / appearance.width;
  const geometry = readGeometry(reader, page, placement.page);
  const box = placeSeal(geometry, { x: placement.x, y: placement.y, width, height });

  return { pageNumber: placement.page, page, box };
}

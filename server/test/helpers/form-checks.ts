import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

import type { ParsedSignature } from './pdf-signatures';

interface FieldNode {
  ref: PDFRef | undefined;
  dict: PDFDict;
  fullName: string | undefined;
}

type Box = [number, number, number, number];

/** Poppler's fallback when a page has no MediaBox at all (US Letter). */
const DEFAULT_MEDIA_BOX: Box = [0, 0, 612, 792];
const EPSILON = 0.01;

/** Loads the final state of the document the way the helper needs it: every revision merged. */
export async function loadFinalDocument(pdf: Buffer): Promise<PDFDocument> {
  return PDFDocument.load(pdf, {
    ignoreEncryption: true,
    updateMetadata: false,
    throwOnInvalidObject: false,
  });
}

/** CHECKS.md 8: no two fields share a fully qualified name. */
export function duplicateFieldNameFailures(doc: PDFDocument): string[] {
  const names = fieldNodes(doc).flatMap((node) =>
    node.fullName === undefined ? [] : [node.fullName],
  );
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];

  return repeated.map((name) => `field name ${JSON.stringify(name)} is used more than once`);
}

/**
 * CHECKS.md 9: the signature's widget is listed on a page, lies inside that page's CropBox
 * (inherited boxes honoured, ISO 32000-2 7.7.3.4) and has a normal appearance.
 */
export function widgetFailures(
  doc: PDFDocument,
  signature: ParsedSignature,
  expectedPage?: number,
): string[] {
  const field = fieldNodes(doc).find(
    (node) => valueObjectNumber(node.dict) === signature.objectNumber,
  );
  if (!field) return [`no AcroForm field has /V ${signature.objectNumber} 0 R`];
  const widgets = widgetsOf(doc, field);
  if (widgets.length === 0) return [`field ${field.fullName} has no widget`];

  return widgets.flatMap((widget) => singleWidgetFailures(doc, widget, expectedPage));
}

function singleWidgetFailures(
  doc: PDFDocument,
  widget: FieldNode,
  expectedPage?: number,
): string[] {
  const failures: string[] = [];
  const ap = widget.dict.lookupMaybe(PDFName.of('AP'), PDFDict);
  if (!ap?.get(PDFName.of('N'))) failures.push('widget has no /AP with /N');
  const pageIndex = doc
    .getPages()
    .findIndex((page) => annotsOf(page).some((ref) => ref === widget.ref));
  if (pageIndex < 0) return [...failures, 'widget is in no page /Annots'];
  if (expectedPage !== undefined && pageIndex + 1 !== expectedPage) {
    failures.push(`widget is on page ${pageIndex + 1}, the seal was asked on page ${expectedPage}`);
  }
  const rect = normalised(boxOf(widget.dict.get(PDFName.of('Rect')), doc));
  const crop = visibleBoxOf(doc.getPages()[pageIndex], doc);
  const invisible = rect[2] - rect[0] < EPSILON || rect[3] - rect[1] < EPSILON;
  if (!invisible && !contains(crop, rect)) {
    failures.push(
      `widget /Rect [${rect.join(' ')}] is not inside the CropBox [${crop.join(' ')}] of page ${pageIndex + 1}`,
    );
  }

  return failures;
}

function fieldNodes(doc: PDFDocument): FieldNode[] {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const nodes: FieldNode[] = [];
  const seen = new Set<PDFDict>();
  const visit = (entry: PDFObject, parentName: string | undefined) => {
    const dict = doc.context.lookup(entry);
    if (!(dict instanceof PDFDict) || seen.has(dict)) return;
    seen.add(dict);
    const partial = textOf(dict.get(PDFName.of('T')));
    const fullName =
      partial === undefined ? undefined : parentName ? `${parentName}.${partial}` : partial;
    nodes.push({ ref: entry instanceof PDFRef ? entry : undefined, dict, fullName });
    const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
    kids?.asArray().forEach((kid) => visit(kid, fullName ?? parentName));
  };
  fields?.asArray().forEach((field) => visit(field, undefined));

  return nodes;
}

/** A field's widgets: its kids without /T, or the field itself when field and widget merge. */
function widgetsOf(doc: PDFDocument, field: FieldNode): FieldNode[] {
  const kids = field.dict.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [];
  const widgets = kids.flatMap((kid) => {
    const dict = doc.context.lookup(kid);
    if (!(dict instanceof PDFDict) || dict.has(PDFName.of('T'))) return [];

    return [{ ref: kid instanceof PDFRef ? kid : undefined, dict, fullName: field.fullName }];
  });

  return widgets.length > 0 || !field.dict.has(PDFName.of('Rect')) ? widgets : [field];
}

function valueObjectNumber(dict: PDFDict): number | undefined {
  const value = dict.get(PDFName.of('V'));

  return value instanceof PDFRef ? value.objectNumber : undefined;
}

function annotsOf(page: PDFPage): PDFRef[] {
  const annots = page.node.Annots()?.asArray() ?? [];

  return annots.filter((annot): annot is PDFRef => annot instanceof PDFRef);
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();

  return undefined;
}

/** The visible area: the inherited CropBox clipped to the inherited MediaBox. */
function visibleBoxOf(page: PDFPage, doc: PDFDocument): Box {
  const media = normalised(
    boxOf(page.node.getInheritableAttribute(PDFName.of('MediaBox')), doc) ?? DEFAULT_MEDIA_BOX,
  );
  const cropValue = page.node.getInheritableAttribute(PDFName.of('CropBox'));
  if (cropValue === undefined) return media;
  const crop = normalised(boxOf(cropValue, doc));

  return [
    Math.max(crop[0], media[0]),
    Math.max(crop[1], media[1]),
    Math.min(crop[2], media[2]),
    Math.min(crop[3], media[3]),
  ];
}

function boxOf(value: PDFObject | undefined, doc: PDFDocument): Box {
  const array = value === undefined ? undefined : doc.context.lookup(value);
  if (!(array instanceof PDFArray) || array.size() !== 4) return DEFAULT_MEDIA_BOX;

  return array.asArray().map((entry) => doc.context.lookup(entry, PDFNumber).asNumber()) as Box;
}

function normalised([x1, y1, x2, y2]: Box): Box {
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function contains(outer: Box, inner: Box): boolean {
  return (
    inner[0] >= outer[0] - EPSILON &&
    inner[1] >= outer[1] - EPSILON &&
    inner[2] <= outer[2] + EPSILON &&
    inner[3] <= outer[3] + EPSILON
  );
}

import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { decodeText } from '../text-string';

/** A signature field that holds a signature dictionary. */
export interface SignedField {
  fieldName: string;
  fieldRef?: PDFRef;
  signatureRef?: PDFRef;
  signature: PDFDict;
  /** 1-based page of the first widget found on a page. */
  page?: number;
}

/**
 * Walks the AcroForm field tree (ISO 32000-1 12.7.3.1) for terminal fields of type /Sig, the type
 * being inheritable, whose /V is a signature dictionary. Approval signatures, certification
 * signatures and document timestamps are all such fields.
 */
export function findSignedFields(reader: PdfReader): SignedField[] {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const acroForm = reader.resolve(catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return [];
  const pages = widgetPages(reader);
  const found: SignedField[] = [];
  const visited = new Set<number>();
  const walk = (kids: PDFObject | undefined, parent: string | undefined, type?: string): void => {
    const list = reader.resolve(kids);
    if (!(list instanceof PDFArray)) return;
    for (const kid of list.asArray()) {
      if (kid instanceof PDFRef && visited.has(kid.objectNumber)) continue;
      if (kid instanceof PDFRef) visited.add(kid.objectNumber);
      const field = reader.resolve(kid);
      if (!(field instanceof PDFDict)) continue;
      const partial = decodeText(reader.resolve(field.get(PDFName.of('T'))));
      const name = partial === undefined ? parent : parent ? `${parent}.${partial}` : partial;
      const fieldType = field.get(PDFName.of('FT'))?.toString() ?? type;
      const entry = signedField(reader, field, kid, name, fieldType, pages);
      if (entry) found.push(entry);
      else walk(field.get(PDFName.of('Kids')), name, fieldType);
    }
  };
  walk(acroForm.get(PDFName.of('Fields')), undefined);

  return found;
}

function signedField(
  reader: PdfReader,
  field: PDFDict,
  ref: PDFObject,
  name: string | undefined,
  fieldType: string | undefined,
  pages: Map<number, number>,
): SignedField | undefined {
  const value = field.get(PDFName.of('V'));
  const signature = reader.resolve(value);
  if (fieldType !== '/Sig' || !(signature instanceof PDFDict)) return undefined;
  const fieldRef = ref instanceof PDFRef ? ref : undefined;

  return {
    fieldName: name ?? '',
    fieldRef,
    signatureRef: value instanceof PDFRef ? value : undefined,
    signature,
    page: pageOf(reader, field, fieldRef, pages),
  };
}

/** The page of the field's own widget or of its first kid widget: /Annots first, then /P. */
function pageOf(
  reader: PdfReader,
  field: PDFDict,
  fieldRef: PDFRef | undefined,
  pages: Map<number, number>,
): number | undefined {
  const kids = reader.resolve(field.get(PDFName.of('Kids')));
  const widgets: PDFObject[] = kids instanceof PDFArray ? kids.asArray() : [];
  for (const widget of fieldRef ? [fieldRef, ...widgets] : widgets) {
    if (widget instanceof PDFRef && pages.has(widget.objectNumber)) {
      return pages.get(widget.objectNumber);
    }
  }
  const page = field.get(PDFName.of('P'));

  return page instanceof PDFRef ? pages.get(page.objectNumber) : undefined;
}

/** Maps each annotation and page object number to its 1-based page number. */
function widgetPages(reader: PdfReader): Map<number, number> {
  const pages = new Map<number, number>();
  allPages(reader).forEach((page, index) => {
    pages.set(page.ref.objectNumber, index + 1);
    const annots = reader.resolve(page.dict.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return;
    for (const annot of annots.asArray()) {
      if (annot instanceof PDFRef && !pages.has(annot.objectNumber)) {
        pages.set(annot.objectNumber, index + 1);
      }
    }
  });

  return pages;
}

/** A page object with its reference. */
export interface PageObject {
  ref: PDFRef;
  dict: PDFDict;
}

/** Every page in document order, guarding against loops in a damaged page tree. */
export function allPages(reader: PdfReader): PageObject[] {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const pages: PageObject[] = [];
  const visited = new Set<number>();
  const walk = (ref: PDFObject | undefined): void => {
    if (!(ref instanceof PDFRef) || visited.has(ref.objectNumber)) return;
    visited.add(ref.objectNumber);
    const node = reader.resolve(ref);
    if (!(node instanceof PDFDict)) return;
    const kids = reader.resolve(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) kids.asArray().forEach(walk);
    else pages.push({ ref, dict: node });
  };
  walk(catalog.get(PDFName.of('Pages')));

  return pages;
}

/** A number entry of a dictionary, or `undefined`. */
export function numberIn(reader: PdfReader, dict: PDFDict, key: string): number | undefined {
  const value = reader.resolve(dict.get(PDFName.of(key)));

  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

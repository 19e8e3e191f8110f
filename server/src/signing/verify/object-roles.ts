import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { arrayItems, dictOf } from './pdf-values';
import { allPages } from './signature-fields';

/** What an object of the signed revision is, as far as judging changes to it needs. */
export type ObjectRole =
  | 'catalog'
  | 'acroForm'
  | 'fieldsArray'
  | 'page'
  | 'pageContent'
  | 'annotsArray'
  | 'field'
  | 'annotation'
  | 'appearance'
  | 'info'
  | 'metadata';

/**
 * Finds the role of every object that the catalog, the page tree and the form reach in one
 * revision. Objects with no role here are judged by their own type.
 */
export function objectRoles(reader: PdfReader): Map<number, ObjectRole> {
  const roles = new Map<number, ObjectRole>();
  const set = (value: PDFObject | undefined, role: ObjectRole): void => {
    if (value instanceof PDFRef && !roles.has(value.objectNumber))
      roles.set(value.objectNumber, role);
  };
  const catalogRef = reader.catalogRef();
  set(catalogRef, 'catalog');
  set(reader.trailer.get(PDFName.of('Info')), 'info');
  const catalog = reader.dict(catalogRef, 'document catalog');
  set(catalog.get(PDFName.of('Metadata')), 'metadata');
  for (const page of allPages(reader)) {
    set(page.ref, 'page');
    set(page.dict.get(PDFName.of('Annots')), 'annotsArray');
    const contents = page.dict.get(PDFName.of('Contents'));
    [contents, ...arrayItems(reader, contents)].forEach((part) => set(part, 'pageContent'));
    set(page.dict.get(PDFName.of('Resources')), 'pageContent');
    arrayItems(reader, page.dict.get(PDFName.of('Annots'))).forEach((annot) => {
      set(annot, isWidget(reader, annot) ? 'field' : 'annotation');
      markAppearances(reader, annot, set);
    });
  }
  const acroForm = catalog.get(PDFName.of('AcroForm'));
  set(acroForm, 'acroForm');
  const form = dictOf(reader.resolve(acroForm));
  if (form) {
    set(form.get(PDFName.of('Fields')), 'fieldsArray');
    markFields(reader, form.get(PDFName.of('Fields')), set);
  }

  return roles;
}

type Mark = (value: PDFObject | undefined, role: ObjectRole) => void;

function markFields(reader: PdfReader, fields: PDFObject | undefined, set: Mark): void {
  const visited = new Set<number>();
  const walk = (kids: PDFObject | undefined): void => {
    for (const kid of arrayItems(reader, kids)) {
      if (!(kid instanceof PDFRef) || visited.has(kid.objectNumber)) continue;
      visited.add(kid.objectNumber);
      set(kid, 'field');
      markAppearances(reader, kid, set);
      walk(dictOf(reader.resolve(kid))?.get(PDFName.of('Kids')));
    }
  };
  walk(fields);
}

/** Appearance streams of an annotation: /AP /N, /R, /D, each a stream or a dictionary of states. */
function markAppearances(reader: PdfReader, annot: PDFObject, set: Mark): void {
  const ap = dictOf(reader.resolve(dictOf(reader.resolve(annot))?.get(PDFName.of('AP'))));
  for (const key of ['N', 'R', 'D']) {
    const entry = ap?.get(PDFName.of(key));
    set(entry, 'appearance');
    const states = reader.resolve(entry);
    if (states instanceof PDFDict && !states.has(PDFName.of('Subtype'))) {
      states.values().forEach((state) => set(state, 'appearance'));
    }
  }
}

export function isWidget(reader: PdfReader, annot: PDFObject | undefined): boolean {
  return dictOf(reader.resolve(annot))?.get(PDFName.of('Subtype'))?.toString() === '/Widget';
}

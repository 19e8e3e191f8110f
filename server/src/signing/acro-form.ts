import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { IncrementalUpdate } from './incremental-writer';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';
import { decodeText } from './text-string';

/** The interactive form as found: where its dictionary lives and the names in use. */
export interface FormState {
  catalogRef: PDFRef;
  catalog: PDFDict;
  /** Present when the catalog's /AcroForm is an indirect object. */
  acroFormRef?: PDFRef;
  acroForm?: PDFDict;
  fieldNames: Set<string>;
}

/** Reads the catalog's /AcroForm and the fully qualified names of all its fields. */
export function readForm(reader: PdfReader): FormState {
  const catalogRef = reader.catalogRef();
  const catalog = reader.dict(catalogRef, 'document catalog');
  const raw = catalog.get(PDFName.of('AcroForm'));
  const acroForm = reader.resolve(raw);
  if (!(acroForm instanceof PDFDict)) return { catalogRef, catalog, fieldNames: new Set() };
  const fieldNames = collectNames(reader, reader.resolve(acroForm.get(PDFName.of('Fields'))));

  return { catalogRef, catalog, acroFormRef: refOrUndefined(raw), acroForm, fieldNames };
}

/**
 * The requested name, or the first free "SealN". A new top-level field must not share its fully
 * qualified name with another field (ISO 32000-1 12.7.3.2), or viewers merge the two.
 */
export function chooseFieldName(form: FormState, requested: string | undefined): string {
  if (requested !== undefined) {
    if (form.fieldNames.has(requested)) throw pdfErrors.duplicateField(requested);

    return requested;
  }
  let index = 1;
  while (form.fieldNames.has(`Seal${index}`)) index++;

  return `Seal${index}`;
}

/**
 * Registers a field in /Fields and sets /SigFlags 3 (SignaturesExist | AppendOnly, 12.7.2) so
 * viewers know to save later changes incrementally. Whichever object holds the changed array or
 * dictionary is rewritten; a new AcroForm is created when the catalog has none.
 */
export function addFieldToForm(
  update: IncrementalUpdate,
  reader: PdfReader,
  form: FormState,
  fieldRef: PDFRef,
): void {
  const acroForm = form.acroForm ?? PDFDict.withContext(reader.context);
  appendToArray(update, reader, acroForm, 'Fields', fieldRef);
  markSignaturesExist(update, reader, { ...form, acroForm });
}

/** Sets /SigFlags 3 on the form, rewriting whichever object holds it (or creating the form). */
export function markSignaturesExist(
  update: IncrementalUpdate,
  reader: PdfReader,
  form: FormState,
): void {
  const acroForm = form.acroForm ?? PDFDict.withContext(reader.context);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (form.acroFormRef) {
    update.put(form.acroFormRef, acroForm);
    return;
  }
  if (!form.catalog.has(PDFName.of('AcroForm'))) {
    form.catalog.set(PDFName.of('AcroForm'), update.add(acroForm));
  }
  update.put(form.catalogRef, form.catalog);
}

/**
 * Appends to an array entry of a dictionary. An indirect array is rewritten as its own object
 * and the dictionary is left alone; the caller rewrites the dictionary in the direct case.
 */
export function appendToArray(
  update: IncrementalUpdate,
  reader: PdfReader,
  dict: PDFDict,
  key: string,
  item: PDFObject,
): 'dictionary' | 'array' {
  const raw = dict.get(PDFName.of(key));
  const existing = reader.resolve(raw);
  if (raw instanceof PDFRef && existing instanceof PDFArray) {
    existing.push(item);
    update.put(raw, existing);
    return 'array';
  }
  const array = existing instanceof PDFArray ? existing : PDFArray.withContext(reader.context);
  array.push(item);
  dict.set(PDFName.of(key), array);

  return 'dictionary';
}

function collectNames(reader: PdfReader, fields: PDFObject | undefined): Set<string> {
  const names = new Set<string>();
  const visited = new Set<number>();
  const walk = (kids: PDFObject | undefined, parent: string | undefined): void => {
    if (!(kids instanceof PDFArray)) return;
    for (const kid of kids.asArray()) {
      if (kid instanceof PDFRef && visited.has(kid.objectNumber)) continue;
      if (kid instanceof PDFRef) visited.add(kid.objectNumber);
      const field = reader.resolve(kid);
      if (!(field instanceof PDFDict)) continue;
      const partial = decodeText(reader.resolve(field.get(PDFName.of('T'))));
      const name = partial === undefined ? parent : parent ? `${parent}.${partial}` : partial;
      if (name !== undefined) names.add(name);
      walk(reader.resolve(field.get(PDFName.of('Kids'))), name);
    }
  };
  walk(fields, undefined);

  return names;
}

function refOrUndefined(value: PDFObject | undefined): PDFRef | undefined {
  return value instanceof PDFRef ? value : undefined;
}

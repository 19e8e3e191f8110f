import { PDFArray, PDFDict, PDFName, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from './pdf-reader';
import { decodeText } from './text-string';

/** A terminal form field (ISO 32000-1 12.7.3.1) with what signing needs to know about it. */
export interface FormField {
  /** Fully qualified name: partial names joined by periods. */
  name: string;
  ref?: PDFRef;
  dict: PDFDict;
  /** /FT, inherited from ancestors: "Sig", "Tx", "Btn", "Ch", or undefined. */
  type: string | undefined;
  /** The field holds a value; for a signature field, a signature dictionary. */
  signed: boolean;
  /** Widget annotations: the field itself when merged, else its kids. */
  widgets: { ref?: PDFRef; dict: PDFDict }[];
}

/**
 * Walks /Fields and /Kids to the terminal fields. A kid without /T is a widget of its parent
 * rather than a field (12.7.3.1); visited objects are skipped so a looping tree terminates.
 */
export function terminalFields(reader: PdfReader, acroForm: PDFDict | undefined): FormField[] {
  if (!acroForm) return [];
  const fields: FormField[] = [];
  const visited = new Set<number>();
  const walk = (kids: PDFObject | undefined, parent: string | undefined, type?: string) => {
    if (!(kids instanceof PDFArray)) return;
    for (const kid of kids.asArray()) {
      if (kid instanceof PDFRef && visited.has(kid.objectNumber)) continue;
      if (kid instanceof PDFRef) visited.add(kid.objectNumber);
      const dict = reader.resolve(kid);
      if (!(dict instanceof PDFDict)) continue;
      const partial = decodeText(reader.resolve(dict.get(PDFName.of('T'))));
      const name = partial === undefined ? parent : parent ? `${parent}.${partial}` : partial;
      const fieldType = nameOf(reader.resolve(dict.get(PDFName.of('FT')))) ?? type;
      const children = fieldKids(reader, dict);
      if (children.length > 0) walk(reader.resolve(dict.get(PDFName.of('Kids'))), name, fieldType);
      else if (name !== undefined) fields.push(field(reader, name, kid, dict, fieldType));
    }
  };
  walk(reader.resolve(acroForm.get(PDFName.of('Fields'))), undefined);

  return fields;
}

function field(
  reader: PdfReader,
  name: string,
  raw: PDFObject,
  dict: PDFDict,
  type: string | undefined,
): FormField {
  const widgets = widgetKids(reader, dict);

  return {
    name,
    ref: raw instanceof PDFRef ? raw : undefined,
    dict,
    type,
    signed: reader.resolve(dict.get(PDFName.of('V'))) instanceof PDFDict,
    widgets:
      widgets.length > 0 ? widgets : [{ ref: raw instanceof PDFRef ? raw : undefined, dict }],
  };
}

/** Kids that are fields (they carry /T); the rest are widgets. */
function fieldKids(reader: PdfReader, dict: PDFDict): PDFDict[] {
  return kidDicts(reader, dict)
    .map(({ dict: kid }) => kid)
    .filter((kid) => kid.has(PDFName.of('T')));
}

function widgetKids(reader: PdfReader, dict: PDFDict): { ref?: PDFRef; dict: PDFDict }[] {
  return kidDicts(reader, dict).filter(({ dict: kid }) => !kid.has(PDFName.of('T')));
}

function kidDicts(reader: PdfReader, dict: PDFDict): { ref?: PDFRef; dict: PDFDict }[] {
  const kids = reader.resolve(dict.get(PDFName.of('Kids')));
  if (!(kids instanceof PDFArray)) return [];

  return kids.asArray().flatMap((kid) => {
    const kidDict = reader.resolve(kid);
    if (!(kidDict instanceof PDFDict)) return [];

    return [{ ref: kid instanceof PDFRef ? kid : undefined, dict: kidDict }];
  });
}

function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

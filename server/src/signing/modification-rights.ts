import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { IncrementalUpdate } from './incremental-writer';
import type { FormField } from './form-fields';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';

/** DocMDP permissions by name (ISO 32000-1 Table 254). */
export const CERTIFICATION_LEVELS = { NO_CHANGES: 1, FORM_FILLING: 2, ANNOTATIONS: 3 } as const;
export type CertificationLevel = keyof typeof CERTIFICATION_LEVELS;

/**
 * Refuses a signature that the document's own rules forbid: a certification with DocMDP
 * permission 1 allows no change at all (12.8.2.2), and a signed field's /Lock (FieldMDP,
 * 12.7.4.5) forbids changing the fields it names, so an empty field it locks cannot be signed.
 */
export function checkMaySign(reader: PdfReader, fields: FormField[], target?: FormField): void {
  if (certificationPermission(reader, fields) === 1) {
    throw pdfErrors.documentLocked('its certification signature permits no changes (DocMDP /P 1)');
  }
  for (const lock of fields.filter((field) => field.signed).flatMap((f) => locksOf(reader, f))) {
    if (lock.permission === 1) {
      throw pdfErrors.documentLocked(
        `signature "${lock.owner}" permits no changes (FieldMDP /P 1)`,
      );
    }
    if (target && lock.covers(target.name)) {
      throw pdfErrors.documentLocked(
        `field "${target.name}" is locked by signature "${lock.owner}"`,
      );
    }
  }
}

/**
 * The DocMDP /P of the certification signature: from the catalog's /Perms, or failing that
 * from any signature that carries a DocMDP reference. Absent /P means 2 (Table 254).
 */
export function certificationPermission(
  reader: PdfReader,
  fields: FormField[],
): number | undefined {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const perms = reader.resolve(catalog.get(PDFName.of('Perms')));
  const docMdp =
    perms instanceof PDFDict ? reader.resolve(perms.get(PDFName.of('DocMDP'))) : undefined;
  const candidates =
    docMdp instanceof PDFDict ? [docMdp] : fields.map((f) => signatureOf(reader, f));
  for (const signature of candidates) {
    const params = transformParams(reader, signature, 'DocMDP')[0];
    if (params) return numberIn(reader, params, 'P') ?? 2;
  }

  return undefined;
}

/** Points the catalog's /Perms /DocMDP at the new certification signature (12.8.4). */
export function registerCertification(
  update: IncrementalUpdate,
  reader: PdfReader,
  signatureRef: PDFRef,
): void {
  const catalogRef = reader.catalogRef();
  const catalog = reader.dict(catalogRef, 'document catalog');
  const raw = catalog.get(PDFName.of('Perms'));
  const perms = reader.resolve(raw);
  const dict = perms instanceof PDFDict ? perms : PDFDict.withContext(reader.context);
  dict.set(PDFName.of('DocMDP'), signatureRef);
  if (raw instanceof PDFRef && perms instanceof PDFDict) return update.put(raw, dict);
  catalog.set(PDFName.of('Perms'), dict);
  update.put(catalogRef, catalog);
}

interface FieldLock {
  owner: string;
  permission?: number;
  covers(name: string): boolean;
}

/** The field's /Lock and the FieldMDP references of its signature: they say the same thing. */
function locksOf(reader: PdfReader, field: FormField): FieldLock[] {
  const lock = reader.resolve(field.dict.get(PDFName.of('Lock')));
  const params = transformParams(reader, signatureOf(reader, field), 'FieldMDP');
  const locks = lock instanceof PDFDict ? [fieldLock(reader, field.name, lock, true)] : [];

  return [...locks, ...params.map((dict) => fieldLock(reader, field.name, dict, false))];
}

/**
 * /P belongs to the lock dictionary (ISO 32000-2 Table 236); FieldMDP transform parameters
 * define no /P (Table 257), so one found there, as some Acrobat versions write, is ignored.
 */
function fieldLock(reader: PdfReader, owner: string, dict: PDFDict, isLock: boolean): FieldLock {
  const action = reader.resolve(dict.get(PDFName.of('Action')));
  const listed = reader.resolve(dict.get(PDFName.of('Fields')));
  const names =
    listed instanceof PDFArray ? listed.asArray().map((n) => textOf(reader.resolve(n))) : [];
  const kind = action instanceof PDFName ? action.decodeText() : 'All';

  return {
    owner,
    permission: isLock ? numberIn(reader, dict, 'P') : undefined,
    covers: (name) =>
      kind === 'All' || (kind === 'Include' ? names.includes(name) : !names.includes(name)),
  };
}

function signatureOf(reader: PdfReader, field: FormField): PDFDict | undefined {
  const value = reader.resolve(field.dict.get(PDFName.of('V')));

  return value instanceof PDFDict ? value : undefined;
}

/** The /TransformParams of a signature's references with the given transform method. */
function transformParams(reader: PdfReader, signature: PDFDict | undefined, method: string) {
  const references = signature && reader.resolve(signature.get(PDFName.of('Reference')));
  if (!(references instanceof PDFArray)) return [];

  return references.asArray().flatMap((item) => {
    const reference = reader.resolve(item);
    if (!(reference instanceof PDFDict)) return [];
    if (reader.resolve(reference.get(PDFName.of('TransformMethod'))) !== PDFName.of(method))
      return [];
    const params = reader.resolve(reference.get(PDFName.of('TransformParams')));

    return params instanceof PDFDict ? [params] : [PDFDict.withContext(reader.context)];
  });
}

function numberIn(reader: PdfReader, dict: PDFDict, key: string): number | undefined {
  const value = reader.resolve(dict.get(PDFName.of(key)));

  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

function textOf(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}

import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { IncrementalUpdate } from './incremental-writer';
import { PdfReader } from './pdf-reader';
import { decodeStream } from './stream-decoder';

/** Validation material for the signatures of a document, each item DER. */
export interface ValidationData {
  certificates: Buffer[];
  crls: Buffer[];
  ocsps?: Buffer[];
}

type Category = 'Certs' | 'CRLs' | 'OCSPs';

/** The VRI entry key for each category (ETSI EN 319 142-1 §5.4.2.2, ISO 32000-2 Table 262). */
const VRI_KEYS: Record<Category, string> = { Certs: 'Cert', CRLs: 'CRL', OCSPs: 'OCSP' };

/**
 * Appends an incremental update with the Document Security Store (ETSI EN 319 142-1 §5.4,
 * PAdES B-LT): the catalog's /DSS lists the certificates, CRLs and OCSP responses as streams,
 * and /VRI maps each signature in the document to the items given here. An existing DSS is
 * merged, not replaced, and an item it already holds is referenced rather than stored twice.
 * No signature is touched, so every signature stays valid.
 */
export function addValidationData(
  pdf: Buffer,
  data: ValidationData,
  options: { password?: string } = {},
): Buffer {
  // In an encrypted document the new streams are encrypted like any other object's (ISO 32000-2
  // 7.6.2); the DSS has no exemption, unlike a signature's /Contents.
  const reader = PdfReader.open(pdf, { password: options.password });
  const update = new IncrementalUpdate(reader);
  const catalogRef = reader.catalogRef();
  const catalog = reader.dict(catalogRef, 'document catalog');
  const dssValue = catalog.get(PDFName.of('DSS'));
  const existing = reader.resolve(dssValue);
  const dss = existing instanceof PDFDict ? existing : reader.context.obj({});
  const added: Record<Category, PDFRef[]> = {
    Certs: addStreams(reader, update, dss, 'Certs', data.certificates),
    CRLs: addStreams(reader, update, dss, 'CRLs', data.crls),
    OCSPs: addStreams(reader, update, dss, 'OCSPs', data.ocsps ?? []),
  };
  addVriEntries(reader, dss, added);
  if (dssValue instanceof PDFRef && existing instanceof PDFDict) update.put(dssValue, dss);
  else {
    catalog.set(PDFName.of('DSS'), update.add(dss));
    update.put(catalogRef, catalog);
  }
  const seed = `dss:${createHash('sha256').update(pdf).digest('hex')}`;

  return Buffer.concat([pdf, update.write(seed).section]);
}

/**
 * Adds each item to the DSS array of its category, reusing a stream that already holds the same
 * bytes; returns the references of all the given items.
 */
function addStreams(
  reader: PdfReader,
  update: IncrementalUpdate,
  dss: PDFDict,
  category: Category,
  items: Buffer[],
): PDFRef[] {
  const raw = dss.get(PDFName.of(category));
  const resolved = reader.resolve(raw);
  const array = resolved instanceof PDFArray ? resolved : reader.context.obj([]);
  const known = knownStreams(reader, array);
  const refs = items.map((item) => {
    const key = fingerprint(item);
    let ref = known.get(key);
    if (!ref) {
      ref = update.add(PDFRawStream.of(reader.context.obj({}), item));
      known.set(key, ref);
      array.push(ref);
    }

    return ref;
  });
  if (raw instanceof PDFRef && resolved instanceof PDFArray) update.put(raw, array);
  else dss.set(PDFName.of(category), array);

  return refs;
}

/** The streams an existing DSS array holds, by the SHA-256 of their decoded bytes. */
function knownStreams(reader: PdfReader, array: PDFArray): Map<string, PDFRef> {
  const known = new Map<string, PDFRef>();
  for (const entry of array.asArray()) {
    const stream = reader.resolve(entry);
    if (!(entry instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
    known.set(fingerprint(decodeStream(stream, (value) => reader.resolve(value))), entry);
  }

  return known;
}

/**
 * One VRI entry per signature, keyed by the upper-case hex SHA-1 of its /Contents value (the
 * whole string as stored, zero padding included, as PDFBox and iText compute it). An existing
 * entry keeps what it lists and gains the new items.
 */
function addVriEntries(reader: PdfReader, dss: PDFDict, added: Record<Category, PDFRef[]>): void {
  const found = reader.resolve(dss.get(PDFName.of('VRI')));
  const vri = found instanceof PDFDict ? found : reader.context.obj({});
  for (const contents of signatureContents(reader)) {
    const key = PDFName.of(createHash('sha1').update(contents).digest('hex').toUpperCase());
    const old = reader.resolve(vri.get(key));
    const entry = old instanceof PDFDict ? old : reader.context.obj({});
    for (const category of Object.keys(added) as Category[]) {
      mergeRefs(reader, entry, VRI_KEYS[category], added[category]);
    }
    vri.set(key, entry);
  }
  dss.set(PDFName.of('VRI'), vri);
}

function mergeRefs(reader: PdfReader, entry: PDFDict, key: string, refs: PDFRef[]): void {
  if (refs.length === 0) return;
  const old = reader.resolve(entry.get(PDFName.of(key)));
  const list = old instanceof PDFArray ? old.asArray() : [];
  const merged = reader.context.obj([...list]);
  for (const ref of refs) {
    if (!list.some((item) => item instanceof PDFRef && item === ref)) merged.push(ref);
  }
  entry.set(PDFName.of(key), merged);
}

/** The /Contents bytes of every signed signature field, walking /Fields and /Kids. */
function signatureContents(reader: PdfReader): Buffer[] {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const acroForm = reader.resolve(catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return [];
  const contents: Buffer[] = [];
  const visited = new Set<PDFObject>();
  const walk = (kids: PDFObject | undefined): void => {
    if (!(kids instanceof PDFArray)) return;
    for (const kid of kids.asArray()) {
      const field = reader.resolve(kid);
      if (!(field instanceof PDFDict) || visited.has(field)) continue;
      visited.add(field);
      const signature = reader.resolve(field.get(PDFName.of('V')));
      if (signature instanceof PDFDict) {
        const value = signature.get(PDFName.of('Contents'));
        if (value instanceof PDFHexString || value instanceof PDFString) {
          contents.push(Buffer.from(value.asBytes()));
        }
      }
      walk(reader.resolve(field.get(PDFName.of('Kids'))));
    }
  };
  walk(reader.resolve(acroForm.get(PDFName.of('Fields'))));

  return contents;
}

function fingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

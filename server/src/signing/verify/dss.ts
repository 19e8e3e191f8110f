import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { decodeStream } from '../stream-decoder';

/** The Document Security Store (ETSI EN 319 142-1 5.4.2.2, ISO 32000-2 12.8.4.3). */
export interface Dss {
  certs: Buffer[];
  crls: Buffer[];
  ocsps: Buffer[];
  /** Upper-case hex SHA-1 of each signature's /Contents that has a VRI entry. */
  vriKeys: Set<string>;
  /** Object numbers of the DSS dictionary, its arrays, VRI entries and streams. */
  objectNumbers: Set<number>;
}

/** Reads the catalog's /DSS, or `undefined` when there is none. */
export function readDss(reader: PdfReader): Dss | undefined {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const raw = catalog.get(PDFName.of('DSS'));
  const dss = reader.resolve(raw);
  if (!(dss instanceof PDFDict)) return undefined;
  const objectNumbers = new Set<number>();
  note(objectNumbers, raw);
  const streams = (key: string) => streamsIn(reader, dss.get(PDFName.of(key)), objectNumbers);
  const vri = reader.resolve(dss.get(PDFName.of('VRI')));
  note(objectNumbers, dss.get(PDFName.of('VRI')));
  const vriKeys = new Set<string>();
  if (vri instanceof PDFDict) {
    for (const [key, value] of vri.entries()) {
      vriKeys.add(key.decodeText().toUpperCase());
      note(objectNumbers, value);
      const entry = reader.resolve(value);
      if (entry instanceof PDFDict) {
        ['Cert', 'CRL', 'OCSP', 'TS'].forEach((k) =>
          streamsIn(reader, entry.get(PDFName.of(k)), objectNumbers),
        );
      }
    }
  }

  return {
    certs: streams('Certs'),
    crls: streams('CRLs'),
    ocsps: streams('OCSPs'),
    vriKeys,
    objectNumbers,
  };
}

function streamsIn(
  reader: PdfReader,
  value: PDFObject | undefined,
  numbers: Set<number>,
): Buffer[] {
  note(numbers, value);
  const resolved = reader.resolve(value);
  const items = resolved instanceof PDFArray ? resolved.asArray() : resolved ? [value!] : [];

  return items.flatMap((item) => {
    note(numbers, item);
    const stream = reader.resolve(item);
    if (!(stream instanceof PDFRawStream)) return [];
    try {
      return [decodeStream(stream, (v) => reader.resolve(v))];
    } catch {
      return [];
    }
  });
}

function note(numbers: Set<number>, value: PDFObject | undefined): void {
  if (value instanceof PDFRef) numbers.add(value.objectNumber);
}

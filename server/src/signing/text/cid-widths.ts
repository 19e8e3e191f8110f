import { PDFArray, PDFName, PDFNumber } from 'pdf-lib';
import type { PDFDict, PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';

/** A CID's horizontal width and vertical advance, in thousandths of an em. */
export interface CidMetrics {
  width: number;
  verticalAdvance: number;
}

/**
 * Widths of a CIDFont from /W and /DW, and vertical advances from /W2 and /DW2 (ISO 32000-1
 * 9.7.4.3): both arrays mix `c [w1 w2 …]` and `cfirst clast w` entries.
 */
export function cidWidths(reader: PdfReader, cidFont: PDFDict): (cid: number) => CidMetrics {
  const numbers = (key: string) => flatten(reader, cidFont.get(PDFName.of(key)));
  const defaultWidth = numbers('DW')[0] ?? 1000;
  const defaultVertical = numbers('DW2')[1] ?? -1000;
  const widths = listed(numbers('W'), 1);
  const verticals = listed(numbers('W2'), 3);
  const metrics = new Map<number, CidMetrics>();

  return (cid) => {
    let found = metrics.get(cid);
    if (!found) {
      found = {
        width: widths.get(cid)?.[0] ?? defaultWidth,
        verticalAdvance: verticals.get(cid)?.[0] ?? defaultVertical,
      };
      metrics.set(cid, found);
    }

    return found;
  };
}

type Flat = (number | number[])[];

/** The array's items with nested arrays kept one level deep, references resolved. */
function flatten(reader: PdfReader, value: PDFObject | undefined): Flat & number[] {
  const resolved = reader.resolve(value);
  if (resolved instanceof PDFNumber) return [resolved.asNumber()];
  if (!(resolved instanceof PDFArray)) return [];

  return resolved.asArray().map((item) => {
    const inner = reader.resolve(item);
    if (inner instanceof PDFArray) return inner.asArray().map((n) => numberIn(reader, n));
    return numberIn(reader, inner);
  }) as Flat & number[];
}

function numberIn(reader: PdfReader, value: PDFObject | undefined): number {
  const resolved = reader.resolve(value);

  return resolved instanceof PDFNumber ? resolved.asNumber() : 0;
}

/** Expands `c [v…]` (groups of `size` values per CID) and `first last v…` into a lookup. */
function listed(items: Flat, size: number): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let i = 0; i < items.length;) {
    const first = items[i] as number;
    const next = items[i + 1];
    if (Array.isArray(next)) {
      for (let k = 0; k * size < next.length; k++)
        map.set(first + k, next.slice(k * size, k * size + size));
      i += 2;
      continue;
    }
    const values = items.slice(i + 2, i + 2 + size) as number[];
    for (let cid = first; cid <= next && cid - first < 65536; cid++) map.set(cid, values);
    i += 2 + size;
  }

  return map;
}

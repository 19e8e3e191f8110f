import { inflateSync, constants } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import type { PDFObject, PDFRawStream } from 'pdf-lib';

import { pdfErrors } from './pdf-error';

type Resolve = (object: PDFObject | undefined) => PDFObject | undefined;

/**
 * Decodes a structural stream (cross-reference or object stream). Only FlateDecode, with or
 * without a PNG predictor, is accepted: ISO 32000-1 7.5.8.2 and 7.5.7 name no other filter
 * that writers use for these streams in practice.
 */
export function decodeStream(stream: PDFRawStream, resolve: Resolve): Buffer {
  const filters = asList(resolve(stream.dict.get(PDFName.of('Filter'))), resolve);
  const parms = asList(resolve(stream.dict.get(PDFName.of('DecodeParms'))), resolve);
  let data: Buffer = Buffer.from(stream.contents);
  filters.forEach((filter, index) => {
    if (!(filter instanceof PDFName) || filter.asString() !== '/FlateDecode') {
      throw pdfErrors.unsupportedFilter(String(filter));
    }
    data = applyPredictor(inflate(data), parms[index], resolve);
  });

  return data;
}

function asList(object: PDFObject | undefined, resolve: Resolve): (PDFObject | undefined)[] {
  if (object === undefined) return [];
  if (!(object instanceof PDFArray)) return [object];

  return object.asArray().map((item) => resolve(item));
}

/** Tolerates a truncated final block, as readers do, rather than failing the whole file. */
function inflate(data: Buffer): Buffer {
  return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
}

function applyPredictor(data: Buffer, parms: PDFObject | undefined, resolve: Resolve): Buffer {
  if (!(parms instanceof PDFDict)) return data;
  const predictor = numberIn(parms, 'Predictor', resolve, 1);
  if (predictor < 10) {
    if (predictor === 1) return data;
    throw pdfErrors.unsupportedFilter(`FlateDecode with /Predictor ${predictor}`);
  }
  const colors = numberIn(parms, 'Colors', resolve, 1);
  const bits = numberIn(parms, 'BitsPerComponent', resolve, 8);
  const columns = numberIn(parms, 'Columns', resolve, 1);

  return undoPngPredictor(
    data,
    Math.ceil((colors * bits * columns) / 8),
    Math.ceil((colors * bits) / 8),
  );
}

function numberIn(dict: PDFDict, key: string, resolve: Resolve, fallback: number): number {
  const value = resolve(dict.get(PDFName.of(key)));

  return value instanceof PDFNumber ? value.asNumber() : fallback;
}

/** PNG row filters (RFC 2083 6), each row prefixed by its filter type byte. */
function undoPngPredictor(data: Buffer, rowLength: number, pixelBytes: number): Buffer {
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowLength + 1)];
    const src = row * (rowLength + 1) + 1;
    const dst = row * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const left = i >= pixelBytes ? out[dst + i - pixelBytes] : 0;
      const up = row > 0 ? out[dst - rowLength + i] : 0;
      const upLeft = row > 0 && i >= pixelBytes ? out[dst - rowLength + i - pixelBytes] : 0;
      out[dst + i] = (data[src + i] + predict(type, left, up, upLeft)) & 0xff;
    }
  }

  return out;
}

function predict(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      return 0;
  }
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  if (pa <= pb && pa <= pc) return left;

  return pb <= pc ? up : upLeft;
}

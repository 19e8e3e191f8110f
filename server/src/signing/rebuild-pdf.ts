import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { latin1, parseIndirectObjectAt, parseObjectAt } from './object-parser';
import type { PdfError } from './pdf-error';
import { pdfErrors } from './pdf-error';
import { serialize } from './serialize';
import { decodeStream } from './stream-decoder';

interface Found {
  generation: number;
  value: PDFObject;
  /** Where the object starts in the file; absent for objects of an object stream. */
  offset?: number;
}

/**
 * Rebuilds a file whose cross-reference cannot be followed into a clean one: every `N G obj`
 * is found by scanning, the last definition of a number wins (later revisions come later), the
 * contents of object streams fill the numbers not defined in the open, and a new classic
 * table is written. The result keeps every object number, so all references still hold.
 *
 * Only an intact file is rebuilt; anything else keeps the error that was found:
 * - a truncated file (no `%%EOF` at its end) may have lost objects, so what would be signed is
 *   not what its author wrote;
 * - a stream whose /Length disagrees with its `endstream` means damaged contents;
 * - a signed file would lose its signatures, and an encrypted one its protection.
 */
export function rebuildPdf(pdf: Buffer, cause: PdfError): Buffer {
  const header = pdf.subarray(0, 1024).indexOf('%PDF-');
  if (header < 0 || !/%%EOF\s*$/.test(latin1(pdf, Math.max(0, pdf.length - 64), 64))) throw cause;
  const objects = scanObjects(pdf, header);
  const trailer = lastTrailer(pdf, objects);
  refuseUnsafe(objects, trailer, cause);
  for (const found of objects.values()) exactStream(pdf, found, objects);
  const version = /^%PDF-(\d\.\d)/.exec(latin1(pdf, header, 16))?.[1] ?? '1.7';

  return writeClean(objects, trailer, version);
}

const OBJECT = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj\b/g;

function scanObjects(pdf: Buffer, header: number): Map<number, Found> {
  const context = PDFContext.create();
  const text = pdf.toString('latin1');
  const objects = new Map<number, Found>();
  for (const match of text.slice(header).matchAll(OBJECT)) {
    const at = header + match.index;
    try {
      const parsed = parseIndirectObjectAt(pdf, at, context);
      objects.set(parsed.objectNumber, { ...parsed, offset: at });
    } catch {
      // A match inside a stream or a damaged object: the scan goes on, as qpdf's does.
    }
  }
  addCompressed(objects, context);

  return objects;
}

/** Objects of object streams (ISO 32000-1 7.5.7), where no object in the open has the number. */
function addCompressed(objects: Map<number, Found>, context: PDFContext): void {
  for (const { value } of [...objects.values()]) {
    if (!(value instanceof PDFRawStream) || typeOf(value.dict) !== 'ObjStm') continue;
    const data = decodeStream(value, (object) => resolve(objects, object));
    const first = numberOf(resolve(objects, value.dict.get(PDFName.of('First'))));
    const pairs = latin1(data, 0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      if (objects.has(pairs[i])) continue;
      objects.set(pairs[i], {
        generation: 0,
        value: parseObjectAt(data, first + pairs[i + 1], context),
      });
    }
  }
}

/** The newest trailer: the last `trailer` dictionary or cross-reference stream in the file. */
function lastTrailer(pdf: Buffer, objects: Map<number, Found>): PDFDict {
  const context = PDFContext.create();
  const at = pdf.lastIndexOf('trailer');
  const candidates: PDFDict[] = [];
  if (at >= 0) {
    try {
      const dict = parseObjectAt(pdf, at + 'trailer'.length, context);
      if (dict instanceof PDFDict) candidates.push(dict);
    } catch {
      // An unreadable trailer is replaced by what the objects say.
    }
  }
  for (const { value } of objects.values()) {
    if (value instanceof PDFRawStream && typeOf(value.dict) === 'XRef') candidates.push(value.dict);
  }
  const trailer = candidates.find((dict) => dict.get(PDFName.of('Root')) instanceof PDFRef);

  return trailer ?? trailerFromCatalog(objects, context);
}

function trailerFromCatalog(objects: Map<number, Found>, context: PDFContext): PDFDict {
  const catalog = [...objects.entries()].reverse().find(([, { value }]) => {
    return value instanceof PDFDict && typeOf(value) === 'Catalog';
  });
  if (!catalog) throw pdfErrors.repairImpossible('no document catalog was found');

  return context.obj({ Root: PDFRef.of(catalog[0], catalog[1].generation) });
}

function refuseUnsafe(objects: Map<number, Found>, trailer: PDFDict, cause: PdfError): void {
  if (trailer.has(PDFName.of('Encrypt'))) throw cause;
  const root = trailer.get(PDFName.of('Root'));
  if (!(root instanceof PDFRef) || !objects.has(root.objectNumber)) {
    throw pdfErrors.repairImpossible('the trailer names no catalog that exists');
  }
  for (const { value } of objects.values()) {
    const dict = value instanceof PDFRawStream ? value.dict : value;
    if (dict instanceof PDFDict && isSignature(dict)) throw cause;
  }
}

function isSignature(dict: PDFDict): boolean {
  return dict.has(PDFName.of('ByteRange')) && dict.has(PDFName.of('Contents'));
}

/**
 * Takes a stream's data as its /Length says, which the parser could not do for an indirect
 * /Length. A length that does not end at `endstream` means the data was damaged (re-encoded
 * text, cut bytes), and a rebuilt file would carry that damage under a new signature.
 */
function exactStream(pdf: Buffer, found: Found, objects: Map<number, Found>): void {
  const stream = found.value;
  if (!(stream instanceof PDFRawStream) || found.offset === undefined) return;
  const length = resolve(objects, stream.dict.get(PDFName.of('Length')));
  const keyword = pdf.indexOf('stream', found.offset, 'latin1');
  let start = keyword + 'stream'.length;
  if (pdf[start] === 0x0d) start++;
  if (pdf[start] === 0x0a) start++;
  const end = start + (length instanceof PDFNumber ? length.asNumber() : -1);
  if (!(length instanceof PDFNumber) || !/^\s*endstream/.test(latin1(pdf, end, 16))) {
    throw pdfErrors.repairImpossible('a stream is damaged: its /Length does not end at endstream');
  }
  found.value = PDFRawStream.of(stream.dict, pdf.subarray(start, end));
}

/** A classic file: header, every object in number order, one table, one trailer. */
function writeClean(objects: Map<number, Found>, old: PDFDict, version: string): Buffer {
  const chunks: Buffer[] = [Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let length = chunks[0].length;
  const offsets = new Map<number, { offset: number; generation: number }>();
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  for (const number of numbers) {
    const { generation, value } = objects.get(number)!;
    if (value instanceof PDFRawStream && ['ObjStm', 'XRef'].includes(typeOf(value.dict) ?? ''))
      continue;
    const bytes = Buffer.concat([
      Buffer.from(`${number} ${generation} obj\n`, 'latin1'),
      serialize(value),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.set(number, { offset: length, generation });
    chunks.push(bytes);
    length += bytes.length;
  }
  const size = Math.max(0, ...offsets.keys()) + 1;
  chunks.push(table(offsets, size), trailerBytes(old, size, chunks), startxref(length));

  return Buffer.concat(chunks);
}

function table(offsets: Map<number, { offset: number; generation: number }>, size: number): Buffer {
  const lines = ['xref', `0 ${size}`];
  for (let number = 0; number < size; number++) {
    const entry = offsets.get(number);
    if (!entry) lines.push(`0000000000 ${number === 0 ? '65535' : '00000'} f\r`);
    else lines.push(`${pad(entry.offset, 10)} ${pad(entry.generation, 5)} n\r`);
  }

  return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
}

/** Keeps /Root, /Info and the first /ID element; the second /ID names this new file. */
function trailerBytes(old: PDFDict, size: number, body: Buffer[]): Buffer {
  const context = PDFContext.create();
  const trailer = context.obj({ Size: size });
  for (const key of ['Root', 'Info']) {
    const value = old.get(PDFName.of(key));
    if (value instanceof PDFRef) trailer.set(PDFName.of(key), value);
  }
  const digest = createHash('md5');
  body.forEach((chunk) => digest.update(chunk));
  const changing = PDFHexString.of(digest.digest('hex').toUpperCase());
  const id = old.get(PDFName.of('ID'));
  const permanent = id instanceof PDFArray && id.size() === 2 ? id.get(0) : changing;
  trailer.set(PDFName.of('ID'), context.obj([permanent, changing]));

  return Buffer.concat([Buffer.from('trailer\n', 'latin1'), serialize(trailer)]);
}

function startxref(offset: number): Buffer {
  return Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`, 'latin1');
}

function resolve(
  objects: Map<number, Found>,
  object: PDFObject | undefined,
): PDFObject | undefined {
  return object instanceof PDFRef ? objects.get(object.objectNumber)?.value : object;
}

function typeOf(dict: PDFDict): string | undefined {
  const type = dict.get(PDFName.of('Type'));

  return type instanceof PDFName ? type.decodeText() : undefined;
}

function numberOf(value: PDFObject | undefined): number {
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

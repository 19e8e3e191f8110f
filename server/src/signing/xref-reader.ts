import { PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFContext, PDFDict } from 'pdf-lib';

import { latin1, parseIndirectObjectAt } from './object-parser';
import { pdfErrors } from './pdf-error';
import type { XrefEntry, XrefSection } from './xref-entry';
import { XrefStreamSection } from './xref-stream';
import { readXrefTable } from './xref-table';

/** The cross-reference of every revision, and what the next revision must refer to. */
export interface XrefIndex {
  /** Newest first; a hybrid file's /XRefStm stream follows the table that names it. */
  sections: XrefSection[];
  /** The newest trailer (for an xref stream, its dictionary). */
  trailer: PDFDict;
  /** The last `startxref` value as written, relative to the %PDF- header. */
  startxref: number;
  /** Kind of the newest section: a new section must be of the same kind. */
  kind: 'table' | 'stream';
  /** First object number no revision uses, whatever /Size claims. */
  nextObjectNumber: number;
}

/** The newest entry for an object: sections are consulted newest first (ISO 32000-1 7.5.6). */
export function lookupEntry(xref: XrefIndex, objectNumber: number): XrefEntry | undefined {
  for (const section of xref.sections) {
    const entry = section.lookup(objectNumber);
    if (entry) return entry;
  }

  return undefined;
}
/** Offset of "%PDF-": bytes before it do not count in xref offsets (ISO 32000-2 7.5.2). */
export function findHeaderOffset(bytes: Uint8Array): number {
  const offset = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).indexOf(
    '%PDF-',
  );
  if (offset < 0) throw pdfErrors.noHeader();

  return offset;
}

/** Reads the cross-reference chain from the last `startxref`, newest section first. */
export function readXref(bytes: Uint8Array, headerOffset: number, context: PDFContext): XrefIndex {
  const startxref = locateSection(bytes, findStartxref(bytes), headerOffset);
  const sections: XrefSection[] = [];
  const visited = new Set<number>();
  let trailer: PDFDict | undefined;
  let kind: XrefIndex['kind'] = 'table';
  let next: number | undefined = startxref;
  while (next !== undefined) {
    if (visited.has(next)) throw pdfErrors.xrefLoop(next);
    visited.add(next);
    const position = locateSection(bytes, next, headerOffset) + headerOffset;
    const section = readSection(bytes, position, headerOffset, context, sections);
    if (!trailer) [trailer, kind] = [section.trailer, section.kind];
    next = prevOffset(section.trailer);
  }

  return {
    sections,
    trailer: trailer!,
    startxref,
    kind,
    nextObjectNumber: nextNumber(trailer!, sections),
  };
}

function findStartxref(bytes: Uint8Array): number {
  const tailStart = Math.max(0, bytes.length - 1024);
  const tail = latin1(bytes, tailStart, 1024);
  const match = /startxref\s+(\d+)/g;
  let found: RegExpExecArray | null = null;
  for (let m = match.exec(tail); m; m = match.exec(tail)) found = m;
  if (!found) throw pdfErrors.noStartxref();

  return Number(found[1]);
}

/** How far before a stated offset a misplaced "xref" keyword is still looked for. */
const XREF_SLACK = 32;

/**
 * Corrects an offset that lands a few bytes off its "xref" keyword, a known writer bug that
 * readers tolerate. The corrected value is what the new trailer's /Prev names, so that it points
 * at a real section (ISO 32000-1 7.5.5). Anything further off is left for readSection to refuse.
 */
function locateSection(bytes: Uint8Array, offset: number, headerOffset: number): number {
  const position = skipSpace(bytes, offset + headerOffset);
  if (/^(xref|\d+\s+\d+\s+obj)/.test(latin1(bytes, position, 32))) return offset;
  const windowStart = Math.max(0, offset + headerOffset - XREF_SLACK);
  const window = latin1(bytes, windowStart, XREF_SLACK + 4);
  const found = window.lastIndexOf('xref');
  if (found < 0 || window.slice(Math.max(0, found - 5), found) === 'start') return offset;

  return windowStart + found - headerOffset;
}

interface Section {
  trailer: PDFDict;
  kind: XrefIndex['kind'];
}

function readSection(
  bytes: Uint8Array,
  position: number,
  headerOffset: number,
  context: PDFContext,
  sections: XrefSection[],
): Section {
  if (position >= bytes.length) throw pdfErrors.badXref(position, 'offset beyond end of file');
  const start = skipSpace(bytes, position);
  if (latin1(bytes, start, 4) === 'xref') {
    const { section, trailer } = readXrefTable(bytes, start, headerOffset, context);
    sections.push(section);
    readHybridStream(bytes, trailer, headerOffset, context, sections);

    return { trailer, kind: 'table' };
  }

  return {
    trailer: readStreamSection(bytes, start, headerOffset, context, sections),
    kind: 'stream',
  };
}

/**
 * A hybrid-reference file (ISO 32000-1 7.5.8.4) lists some objects only in the stream named by
 * /XRefStm; its entries rank after the table's own and before older sections'.
 */
function readHybridStream(
  bytes: Uint8Array,
  trailer: PDFDict,
  headerOffset: number,
  context: PDFContext,
  sections: XrefSection[],
): void {
  const offset = trailer.get(PDFName.of('XRefStm'));
  if (!(offset instanceof PDFNumber)) return;
  readStreamSection(bytes, offset.asNumber() + headerOffset, headerOffset, context, sections);
}

function readStreamSection(
  bytes: Uint8Array,
  position: number,
  headerOffset: number,
  context: PDFContext,
  sections: XrefSection[],
): PDFDict {
  const { value } = parseIndirectObjectAt(bytes, position, context);
  if (!(value instanceof PDFRawStream)) {
    throw pdfErrors.badXref(position, 'expected "xref" or a cross-reference stream');
  }
  sections.push(new XrefStreamSection(value, headerOffset));

  return value.dict;
}

function prevOffset(trailer: PDFDict): number | undefined {
  const prev = trailer.get(PDFName.of('Prev'));

  return prev instanceof PDFNumber ? prev.asNumber() : undefined;
}

function nextNumber(trailer: PDFDict, sections: XrefSection[]): number {
  const size = trailer.get(PDFName.of('Size'));

  return Math.max(size instanceof PDFNumber ? size.asNumber() : 1, ...sections.map((s) => s.end));
}

function skipSpace(bytes: Uint8Array, position: number): number {
  let at = position;
  while (at < bytes.length && [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[at])) at++;

  return at;
}

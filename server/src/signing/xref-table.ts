import { PDFDict } from 'pdf-lib';
import type { PDFContext } from 'pdf-lib';

import { latin1, parseObjectAt } from './object-parser';
import { pdfErrors } from './pdf-error';
import { endOf, locate } from './xref-entry';
import type { Subsection, XrefEntry, XrefSection } from './xref-entry';

const SPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const ENTRY = /^(\d{10}) (\d{5}) ([nf])[\r\n ]{2}$/;
const ENTRY_LENGTH = 20;

/** A subsection whose entries are either at fixed 20-byte steps or were read as tokens. */
interface TableSubsection extends Subsection {
  start: number;
  parsed?: XrefEntry[];
}

/** A classic `xref` table and the trailer that follows it (ISO 32000-1 7.5.4, 7.5.5). */
export interface XrefTable {
  section: XrefSection;
  trailer: PDFDict;
}

/**
 * Reads a classic table. Well-formed subsections are only measured, and their entries read at
 * fixed 20-byte steps on lookup; a subsection that breaks that layout (space padding, one-byte
 * line ends) is read token by token instead, as tolerant readers do.
 */
export function readXrefTable(
  bytes: Uint8Array,
  position: number,
  headerOffset: number,
  context: PDFContext,
): XrefTable {
  const cursor = new TokenCursor(bytes, position);
  cursor.expectKeyword('xref');
  const subsections: TableSubsection[] = [];
  while (!cursor.atKeyword('trailer')) subsections.push(readSubsection(cursor, headerOffset));
  cursor.expectKeyword('trailer');
  const trailer = parseObjectAt(bytes, cursor.position, context);
  if (!(trailer instanceof PDFDict))
    throw pdfErrors.badXref(position, 'trailer is not a dictionary');

  return { section: new TableSection(bytes, subsections, headerOffset), trailer };
}

function readSubsection(cursor: TokenCursor, headerOffset: number): TableSubsection {
  const first = cursor.integer();
  const count = cursor.integer();
  cursor.skipSpace();
  const start = cursor.position;
  if (count === 0) return { first, count, start };
  if (isRegular(cursor.bytes, start, count)) {
    cursor.position = start + count * ENTRY_LENGTH;
    return { first, count, start };
  }
  const parsed = Array.from({ length: count }, () => readEntryTokens(cursor, headerOffset));

  return { first, count, start, parsed };
}

function isRegular(bytes: Uint8Array, start: number, count: number): boolean {
  const last = start + (count - 1) * ENTRY_LENGTH;

  return (
    ENTRY.test(latin1(bytes, start, ENTRY_LENGTH)) && ENTRY.test(latin1(bytes, last, ENTRY_LENGTH))
  );
}

function readEntryTokens(cursor: TokenCursor, headerOffset: number): XrefEntry {
  const offset = cursor.integer();
  const generation = cursor.integer();
  const kind = cursor.word();
  if (kind === 'f') return { type: 'free' };
  if (kind === 'n') return { type: 'inFile', offset: offset + headerOffset, generation };
  throw pdfErrors.badXref(cursor.position, `expected entry type n or f, got "${kind}"`);
}

class TableSection implements XrefSection {
  readonly end: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly subsections: TableSubsection[],
    private readonly headerOffset: number,
  ) {
    this.end = endOf(subsections);
  }

  lookup(objectNumber: number): XrefEntry | undefined {
    for (const subsection of this.subsections) {
      const index = locate([subsection], objectNumber);
      if (index !== undefined) return subsection.parsed?.[index] ?? this.readAt(subsection, index);
    }

    return undefined;
  }

  private readAt(subsection: TableSubsection, index: number): XrefEntry | undefined {
    const match = ENTRY.exec(
      latin1(this.bytes, subsection.start + index * ENTRY_LENGTH, ENTRY_LENGTH),
    );
    if (!match) return undefined;
    if (match[3] === 'f') return { type: 'free' };

    return {
      type: 'inFile',
      offset: Number(match[1]) + this.headerOffset,
      generation: Number(match[2]),
    };
  }
}

/** Reads whitespace-separated tokens; enough for the flat grammar of an xref table. */
class TokenCursor {
  constructor(
    readonly bytes: Uint8Array,
    public position: number,
  ) {}

  atKeyword(keyword: string): boolean {
    this.skipSpace();
    if (this.position >= this.bytes.length) throw pdfErrors.badXref(this.position, 'ends early');

    return latin1(this.bytes, this.position, keyword.length) === keyword;
  }

  expectKeyword(keyword: string): void {
    if (!this.atKeyword(keyword)) throw pdfErrors.badXref(this.position, `expected "${keyword}"`);
    this.position += keyword.length;
  }

  integer(): number {
    const word = this.word();
    if (!/^\d+$/.test(word))
      throw pdfErrors.badXref(this.position, `expected a number, got "${word}"`);

    return Number(word);
  }

  word(): string {
    this.skipSpace();
    const start = this.position;
    while (this.position < this.bytes.length && !SPACE.has(this.bytes[this.position])) {
      this.position++;
    }

    return latin1(this.bytes, start, this.position - start);
  }

  skipSpace(): void {
    while (this.position < this.bytes.length && SPACE.has(this.bytes[this.position])) {
      this.position++;
    }
  }
}

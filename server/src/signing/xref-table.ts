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
  return isEntryAt(bytes, start) && isEntryAt(bytes, start + (count - 1) * ENTRY_LENGTH);
}

const [ZERO, NINE, SPACE_BYTE, CR, LF, N, F] = [0x30, 0x39, 0x20, 0x0d, 0x0a, 0x6e, 0x66];

/**
 * `nnnnnnnnnn ggggg n` and a two-byte line end, checked on the bytes: this runs once per
 * subsection of every table in the /Prev chain, so it must not build strings.
 */
function isEntryAt(bytes: Uint8Array, at: number): boolean {
  if (at + ENTRY_LENGTH > bytes.length) return false;
  const digit = (i: number) => bytes[at + i] >= ZERO && bytes[at + i] <= NINE;
  for (let i = 0; i < 10; i++) if (!digit(i)) return false;
  for (let i = 11; i < 16; i++) if (!digit(i)) return false;
  const eol = (i: number) =>
    bytes[at + i] === CR || bytes[at + i] === LF || bytes[at + i] === SPACE_BYTE;

  return (
    bytes[at + 10] === SPACE_BYTE &&
    bytes[at + 16] === SPACE_BYTE &&
    (bytes[at + 17] === N || bytes[at + 17] === F) &&
    eol(18) &&
    eol(19)
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
    for (let i = 0; i < keyword.length; i++) {
      if (this.bytes[this.position + i] !== keyword.charCodeAt(i)) return false;
    }

    return true;
  }

  expectKeyword(keyword: string): void {
    if (!this.atKeyword(keyword)) throw pdfErrors.badXref(this.position, `expected "${keyword}"`);
    this.position += keyword.length;
  }

  /** A non-negative integer read straight from the digits, without a string in between. */
  integer(): number {
    this.skipSpace();
    const start = this.position;
    let value = 0;
    while (this.position < this.bytes.length && !SPACE.has(this.bytes[this.position])) {
      const byte = this.bytes[this.position];
      if (byte < ZERO || byte > NINE) {
        this.position = start;
        throw pdfErrors.badXref(start, `expected a number, got "${this.word()}"`);
      }
      value = value * 10 + (byte - ZERO);
      this.position++;
    }
    if (this.position === start) throw pdfErrors.badXref(start, 'expected a number');

    return value;
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

import { PDFObjectParser } from 'pdf-lib';
import ByteStream from 'pdf-lib/cjs/core/parser/ByteStream';
import type { PDFContext, PDFObject } from 'pdf-lib';

import { pdfErrors } from './pdf-error';

/** An indirect object as found in the file: its number, generation and value. */
export interface ParsedObject {
  objectNumber: number;
  generation: number;
  value: PDFObject;
}

const OBJ_HEADER = /^[\s\0]*(\d+)[\s\0]+(\d+)[\s\0]*obj/;

/** Parses the indirect object `N G obj ...` starting at an absolute byte offset. */
export function parseIndirectObjectAt(
  bytes: Uint8Array,
  offset: number,
  context: PDFContext,
): ParsedObject {
  const head = latin1(bytes, offset, 48);
  const match = OBJ_HEADER.exec(head);
  if (!match) throw pdfErrors.badObject(`at offset ${offset}`, 'no "N G obj" header');

  const value = parseObjectAt(bytes, offset + match[0].length, context);

  return { objectNumber: Number(match[1]), generation: Number(match[2]), value };
}

/** Parses one direct object (number, dict, stream, array...) starting at a byte offset. */
export function parseObjectAt(bytes: Uint8Array, offset: number, context: PDFContext): PDFObject {
  const stream = ByteStream.of(bytes);
  stream.moveTo(offset);
  try {
    return new PDFObjectParser(stream, context).parseObject();
  } catch (error) {
    throw pdfErrors.badObject(`at offset ${offset}`, (error as Error).message);
  }
}

/** How far from a stated offset an object header is still looked for. */
const OFFSET_SLACK = 64;

/**
 * Finds the header of object `objectNumber` at or near an xref offset. Files whose offsets are
 * a few bytes off (an edited stream, a lost line end) are common enough that readers look
 * around the stated position before giving up, and so does this.
 */
export function findObjectHeader(bytes: Uint8Array, offset: number, objectNumber: number): number {
  if (
    new RegExp(`^[\\s\\0]*${objectNumber}[\\s\\0]+\\d+[\\s\\0]*obj`).test(latin1(bytes, offset, 48))
  ) {
    return offset;
  }
  const start = Math.max(0, offset - OFFSET_SLACK);
  const window = latin1(bytes, start, 2 * OFFSET_SLACK);
  const match = new RegExp(`(?<![\\d])${objectNumber}[\\s\\0]+\\d+[\\s\\0]*obj`).exec(window);

  return match ? start + match.index : offset;
}

/** Reads a short window of bytes as text, for matching keywords and numbers. */
export function latin1(bytes: Uint8Array, offset: number, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(
    'latin1',
    offset,
    Math.min(bytes.length, offset + length),
  );
}

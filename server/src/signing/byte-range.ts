import { createHash } from 'node:crypto';

/** The four numbers of /ByteRange: [start1 length1 start2 length2]. */
export type ByteRange = [number, number, number, number];

/**
 * The signed ranges: everything except the /Contents hole, which runs from its "<" to its ">"
 * inclusive (ISO 32000-1 12.8.1), and the second range runs to the end of the file.
 */
export function byteRangeAround(
  holeStart: number,
  holeLength: number,
  fileLength: number,
): ByteRange {
  const afterHole = holeStart + holeLength;

  return [0, holeStart, afterHole, fileLength - afterHole];
}

/** Writes the ranges over the fixed-width placeholder, padding with spaces to the same width. */
export function patchByteRange(pdf: Buffer, at: number, width: number, range: ByteRange): void {
  const text = `[${range.join(' ')}]`;
  if (text.length > width)
    throw new Error(`byte range ${text} exceeds its ${width}-byte placeholder`);
  pdf.write(text.padEnd(width, ' '), at, 'latin1');
}

/** SHA-256 over both ranges, read in place rather than joined into a copy. */
export function digestRanges(pdf: Buffer, range: ByteRange): Buffer {
  return createHash('sha256')
    .update(pdf.subarray(range[0], range[0] + range[1]))
    .update(pdf.subarray(range[2], range[2] + range[3]))
    .digest();
}

/** Writes the DER signature as hex inside the hole; the rest of the zeros stay as padding. */
export function embedSignature(
  pdf: Buffer,
  holeStart: number,
  holeLength: number,
  der: Buffer,
): void {
  const hex = der.toString('hex');
  if (hex.length > holeLength - 2) {
    throw new Error(
      `signature of ${der.length} bytes exceeds the reserved ${(holeLength - 2) / 2} bytes`,
    );
  }
  pdf.write(hex, holeStart + 1, 'latin1');
}

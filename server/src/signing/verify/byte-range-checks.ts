import { PDFArray, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { PDFDict } from 'pdf-lib';

import type { ByteRange } from '../byte-range';
import { failed, passed } from './signer-check';
import type { Check } from './signer-check';

/** The structural checks on a signature's /ByteRange (ISO 32000-1 12.8.1, CHECKS.md 3). */
export interface ByteRangeChecks {
  startsAtZero: Check;
  /** The only bytes left out are exactly the /Contents hex string, from "<" to ">". */
  holeIsContents: Check;
  /** The two ranges neither overlap nor leave a second gap, and lie inside the file. */
  contiguous: Check;
  /** The second range ends right after a %%EOF marker (and its end-of-line). */
  endsAtEof: Check;
}

/** Reads /ByteRange as four non-negative integers, or `undefined` when it is anything else. */
export function readByteRange(signature: PDFDict): ByteRange | undefined {
  const value = signature.get(PDFName.of('ByteRange'));
  if (!(value instanceof PDFArray) || value.size() !== 4) return undefined;
  const numbers = value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : -1));
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) return undefined;

  return numbers as ByteRange;
}

/** The raw /Contents bytes: the DER signature followed by its zero padding. */
export function readContents(signature: PDFDict): Buffer | undefined {
  const value = signature.get(PDFName.of('Contents'));
  if (value instanceof PDFHexString || value instanceof PDFString) {
    return Buffer.from(value.asBytes());
  }

  return undefined;
}

/** Runs the structural checks of one ByteRange against the file. */
export function checkByteRange(pdf: Buffer, range: ByteRange, contents: Buffer): ByteRangeChecks {
  const [start, length, holeEnd, restLength] = range;
  const inside = length <= holeEnd && holeEnd + restLength <= pdf.length;

  return {
    startsAtZero: start === 0 ? passed : failed(`ByteRange[0] is ${start}, expected 0`),
    contiguous: inside
      ? passed
      : failed(
          `ranges [${range.join(' ')}] overlap or run past the end of the ${pdf.length}-byte file`,
        ),
    holeIsContents:
      inside && start === 0
        ? checkHole(pdf, length, holeEnd, contents)
        : failed('no hole to check'),
    endsAtEof: checkEof(pdf, holeEnd + restLength),
  };
}

/**
 * The hole must be the signature's own /Contents string: "<" at the end of the first range,
 * ">" just before the second, only hex digits between, and these digits decoding to the
 * dictionary's /Contents. A wider hole would leave unsigned bytes that pdfsig never notices.
 */
function checkHole(pdf: Buffer, holeStart: number, holeEnd: number, contents: Buffer): Check {
  if (pdf[holeStart] !== 0x3c || pdf[holeEnd - 1] !== 0x3e) {
    return failed(`the hole ${holeStart}..${holeEnd} does not run from "<" to ">"`);
  }
  const hex = pdf.toString('latin1', holeStart + 1, holeEnd - 1);
  if (!/^[0-9a-fA-F\s]*$/.test(hex)) {
    return failed(`the hole ${holeStart}..${holeEnd} holds more than one hex string`);
  }
  const before = pdf.toString('latin1', Math.max(0, holeStart - 32), holeStart);
  if (!/\/Contents\s*$/.test(before)) {
    return failed(`the hole at ${holeStart} is not the value of a /Contents key`);
  }
  const digits = hex.replace(/\s/g, '');
  const decoded = Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');

  return decoded.equals(contents)
    ? passed
    : failed(`the hole at ${holeStart} is not the /Contents of this signature dictionary`);
}

/** The revision a signature covers ends at %%EOF, optionally followed by its end-of-line. */
function checkEof(pdf: Buffer, end: number): Check {
  const tail = pdf.toString('latin1', Math.max(0, end - 8), end);

  return /%%EOF(\r\n|\r|\n)?$/.test(tail)
    ? passed
    : failed(`the signed ranges end at byte ${end}, which is not the end of a revision (%%EOF)`);
}

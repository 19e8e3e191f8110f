import { cmsLength } from './cms-signed-attributes';

/** A signature dictionary found by scanning the file's bytes, as a validator would see it. */
export interface ParsedSignature {
  /** Object number of the signature dictionary (the field's /V), when it sits in an `obj`. */
  objectNumber: number | undefined;
  /** Object number of the field whose /V points at this signature, when found by scanning. */
  fieldObjectNumber: number | undefined;
  fieldName: string | undefined;
  /** The /ByteRange array as written; NaN where an entry is not a number. */
  byteRange: number[];
  /** Offset of the `<` of /Contents. */
  contentsStart: number;
  /** Offset just after the `>` of /Contents. */
  contentsEnd: number;
  /** The CMS from /Contents with the zero padding cut off by its own ASN.1 length. */
  cmsDer: Buffer;
  subFilter: string | undefined;
  /** Whether the dictionary carries the claimed signing time /M. */
  hasSigningTime: boolean;
  /** The signature dictionary's text, for messages. */
  dictionary: string;
}

const OBJECT_HEADER = /(\d+)\s+(\d+)\s+obj\b/g;

/** Every signature dictionary in the file (anything with /ByteRange and /Contents), in file order. */
export function findSignatures(
  pdf: Buffer,
  options: { readCms?: boolean } = {},
): ParsedSignature[] {
  const text = pdf.toString('latin1');
  const headers = [...text.matchAll(OBJECT_HEADER)];
  const signatures: ParsedSignature[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[([^\]]*)\]/g)) {
    const header = lastBefore(headers, match.index);
    if (!header) throw new Error(`/ByteRange at ${match.index} is not inside an indirect object`);
    if (isUsageRights(text, header, match)) continue;
    signatures.push(parseSignature(text, headers, header, match, options.readCms ?? true));
  }

  return signatures;
}

/**
 * A usage-rights signature (/Perms /UR3, ISO 32000-1 §12.8.2.3, Adobe Reader extensions) signs
 * the document's rights, not a form field: validators do not list it, and neither do we.
 */
function isUsageRights(text: string, header: RegExpMatchArray, byteRange: RegExpMatchArray) {
  const before = text.slice(header.index ?? 0, byteRange.index);

  return (
    /\/Perms\s*<<\s*(\/\w+\s+[^/]*)*\/UR3?\s*<</.test(before) || /\/UR3\s*<<[^>]*$/.test(before)
  );
}

function parseSignature(
  text: string,
  headers: RegExpMatchArray[],
  header: RegExpMatchArray,
  byteRange: RegExpMatchArray,
  readCms: boolean,
): ParsedSignature {
  const start = header.index ?? 0;
  const endobj = text.indexOf('endobj', byteRange.index);
  const dictionary = text.slice(start, endobj < 0 ? text.length : endobj);
  const contents = /\/Contents\s*</.exec(dictionary);
  if (!contents)
    throw new Error(`signature object ${header[1]} has /ByteRange but no /Contents <…>`);
  const contentsStart = start + contents.index + contents[0].length - 1;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  const hex = text.slice(contentsStart + 1, contentsEnd - 1).replace(/\s/g, '');
  const padded = Buffer.from(hex, 'hex');
  const objectNumber = Number(header[1]);
  const field = findField(text, headers, objectNumber, header[2]);

  return {
    objectNumber,
    fieldObjectNumber: field?.objectNumber,
    fieldName: field?.name,
    byteRange: byteRange[1].trim().split(/\s+/).map(Number),
    contentsStart,
    contentsEnd,
    cmsDer: readCms ? padded.subarray(0, cmsLength(padded)) : padded,
    subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1],
    hasSigningTime: /\/M\s*[(<]/.test(dictionary),
    dictionary: dictionary.replace(/<[0-9a-fA-F\s]{200,}>/, '<…>'),
  };
}

/** The last field object in the file whose /V refers to the signature (incremental updates win). */
function findField(
  text: string,
  headers: RegExpMatchArray[],
  objectNumber: number,
  generation: string,
) {
  const reference = new RegExp(`/V\\s+${objectNumber}\\s+${generation}\\s+R\\b`, 'g');
  const uses = [...text.matchAll(reference)];
  const use = uses[uses.length - 1];
  if (!use) return undefined;
  const header = lastBefore(headers, use.index);
  if (!header) return undefined;
  const field = text.slice(header.index, text.indexOf('endobj', use.index));
  const name = /\/T\s*\(((?:\\.|[^\\)])*)\)/.exec(field)?.[1];

  return { objectNumber: Number(header[1]), name };
}

function lastBefore(matches: RegExpMatchArray[], offset: number | undefined) {
  let found: RegExpMatchArray | undefined;
  for (const match of matches) {
    if ((match.index ?? 0) >= (offset ?? 0)) break;
    found = match;
  }

  return found;
}

/**
 * CHECKS.md 3: each ByteRange covers the whole of its revision except exactly its own /Contents
 * string. A gap or a wrapped signature still passes pdfsig, so this check is ours.
 */
export function byteRangeFailures(
  pdf: Buffer,
  signatures: ParsedSignature[],
  newestCoversFile = true,
): string[] {
  return signatures.flatMap((signature, index) => {
    const isNewest = index === signatures.length - 1 && newestCoversFile;
    const failures = rangeShapeFailures(pdf, signature, isNewest);

    return failures.map((failure) => `signature ${describe(signature)}: ${failure}`);
  });
}

function rangeShapeFailures(pdf: Buffer, signature: ParsedSignature, isNewest: boolean): string[] {
  const range = signature.byteRange;
  const shown = `[${range.join(' ')}]`;
  if (range.length !== 4 || range.some((value) => !Number.isSafeInteger(value) || value < 0)) {
    return [`ByteRange ${shown} is not four non-negative integers (one hole only)`];
  }
  const [start, firstLength, secondStart, secondLength] = range;
  const end = secondStart + secondLength;
  const failures: string[] = [];
  if (start !== 0) failures.push(`ByteRange ${shown} does not start at 0`);
  if (firstLength !== signature.contentsStart) {
    failures.push(
      `ByteRange ${shown}: first range ends at ${firstLength}, /Contents '<' is at ${signature.contentsStart}`,
    );
  }
  if (secondStart !== signature.contentsEnd) {
    failures.push(
      `ByteRange ${shown}: second range starts at ${secondStart}, /Contents ends at ${signature.contentsEnd}`,
    );
  }
  if (isNewest && end !== pdf.length) {
    failures.push(
      `ByteRange ${shown} of the newest signature ends at ${end}, the file at ${pdf.length}`,
    );
  }
  if (!isNewest && !endsOwnRevision(pdf, signature.contentsEnd, end)) {
    failures.push(`ByteRange ${shown} does not end at the %%EOF of its revision`);
  }

  return failures;
}

/** True when `end` is just after the first %%EOF following the signature (plus its EOL, if any). */
function endsOwnRevision(pdf: Buffer, contentsEnd: number, end: number): boolean {
  const eof = pdf.indexOf('%%EOF', contentsEnd, 'latin1');
  if (eof < 0) return false;
  const afterEof = eof + '%%EOF'.length;
  const eol = pdf.subarray(afterEof, afterEof + 2).toString('latin1');
  const allowed = [afterEof];
  if (eol.startsWith('\r\n')) allowed.push(afterEof + 2);
  if (eol.startsWith('\n') || eol.startsWith('\r')) allowed.push(afterEof + 1);

  return allowed.includes(end);
}

export function describe(signature: ParsedSignature): string {
  const name = signature.fieldName ? ` (${signature.fieldName})` : '';

  return `obj ${signature.objectNumber}${name} at ${signature.contentsStart}`;
}

/** The bytes a signature covers: its ranges concatenated. */
export function signedBytesOf(pdf: Buffer, signature: ParsedSignature): Buffer {
  const [start, firstLength, secondStart, secondLength] = signature.byteRange;

  return Buffer.concat([
    pdf.subarray(start, start + firstLength),
    pdf.subarray(secondStart, secondStart + secondLength),
  ]);
}

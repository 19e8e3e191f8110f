import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { serialize } from '../serialize';

/**
 * Compares two PDF values as a reader would see them: dictionaries by key regardless of order,
 * references by number, streams by dictionary and raw bytes, everything else by its bytes.
 */
export function sameValue(a: PDFObject | undefined, b: PDFObject | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof PDFRef || b instanceof PDFRef) {
    return a instanceof PDFRef && b instanceof PDFRef && a.objectNumber === b.objectNumber;
  }
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
    return (
      a instanceof PDFRawStream &&
      b instanceof PDFRawStream &&
      sameValue(a.dict, b.dict) &&
      Buffer.from(a.contents).equals(Buffer.from(b.contents))
    );
  }
  if (a instanceof PDFDict || b instanceof PDFDict) {
    return a instanceof PDFDict && b instanceof PDFDict && changedKeys(a, b).length === 0;
  }
  if (a instanceof PDFArray || b instanceof PDFArray) {
    return (
      a instanceof PDFArray &&
      b instanceof PDFArray &&
      a.size() === b.size() &&
      a.asArray().every((item, index) => sameValue(item, b.get(index)))
    );
  }

  return serialize(a).equals(serialize(b));
}

/** Keys whose values differ between two dictionaries, including added and removed keys. */
export function changedKeys(a: PDFDict, b: PDFDict): string[] {
  const keys = new Set([...a.keys(), ...b.keys()].map((key) => key.decodeText()));

  return [...keys].filter((key) => !sameValue(a.get(PDFName.of(key)), b.get(PDFName.of(key))));
}

/** A name entry of a dictionary without its slash, or `undefined`. */
export function nameIn(dict: PDFDict, key: string): string | undefined {
  const value = dict.get(PDFName.of(key));

  return value instanceof PDFName ? value.decodeText() : undefined;
}

/** The dictionary of a dictionary or stream value. */
export function dictOf(value: PDFObject | undefined): PDFDict | undefined {
  if (value instanceof PDFRawStream) return value.dict;

  return value instanceof PDFDict ? value : undefined;
}

/** The items of an array value (resolved through the reader), or none. */
export function arrayItems(reader: PdfReader, value: PDFObject | undefined): PDFObject[] {
  const resolved = reader.resolve(value);

  return resolved instanceof PDFArray ? resolved.asArray() : [];
}

import type { PDFObject } from 'pdf-lib';

/** The bytes of a PDF object as pdf-lib writes them (names, strings and numbers escaped). */
export function serialize(object: PDFObject): Buffer {
  const bytes = Buffer.alloc(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);

  return bytes;
}

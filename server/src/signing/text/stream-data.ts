import type { PDFRawStream } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { decodeStream } from '../stream-decoder';

/**
 * A stream's decoded bytes, or none when it uses a filter the engine does not decode (only Flate
 * is) or is damaged: a content stream that cannot be read hides its text from the search, as a
 * viewer would skip it, and does not make the document unusable.
 */
export function streamData(reader: PdfReader, stream: PDFRawStream): Uint8Array {
  try {
    return decodeStream(stream, (value) => reader.resolve(value));
  } catch {
    return new Uint8Array(0);
  }
}

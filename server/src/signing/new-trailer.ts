import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from './pdf-reader';

/**
 * The trailer of the new revision (ISO 32000-1 7.5.5, 7.5.6). Only the keys a revision needs are
 * carried: /XRefStm belongs to its own section, and copying it would point readers at a stream
 * that lists none of the new objects. /Encrypt is carried, since every trailer of an encrypted
 * file must name the encryption dictionary (Table 15), and with it /ID, whose first element the
 * file key depends on.
 */
export function newTrailer(reader: PdfReader, size: number, seed: string): PDFDict {
  const old = reader.trailer;
  const trailer = PDFDict.withContext(reader.context);
  trailer.set(PDFName.of('Size'), PDFNumber.of(size));
  trailer.set(PDFName.of('Root'), old.get(PDFName.of('Root'))!);
  const info = old.get(PDFName.of('Info'));
  if (info) trailer.set(PDFName.of('Info'), info);
  const encrypt = old.get(PDFName.of('Encrypt'));
  if (encrypt) trailer.set(PDFName.of('Encrypt'), encrypt);
  trailer.set(PDFName.of('ID'), fileId(reader, old.get(PDFName.of('ID')), seed));
  trailer.set(PDFName.of('Prev'), PDFNumber.of(reader.startxref));

  return trailer;
}

/**
 * The first /ID element names the document for its whole life and is kept; the second changes
 * with each revision (ISO 32000-1 14.4). A file without /ID gets one, since PDF 2.0 requires it.
 */
function fileId(reader: PdfReader, id: PDFObject | undefined, seed: string): PDFArray {
  const existing = reader.resolve(id);
  const changing = PDFHexString.of(digest(`${seed}:${reader.bytes.length}:${reader.startxref}`));
  const permanent =
    existing instanceof PDFArray && existing.size() === 2
      ? existing.get(0)
      : PDFHexString.of(digest(`${seed}:${reader.bytes.length}:first`));
  const array = PDFArray.withContext(reader.context);
  array.push(permanent);
  array.push(changing);

  return array;
}

function digest(text: string): string {
  return createHash('md5').update(text).digest('hex').toUpperCase();
}

import { PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFRef } from 'pdf-lib';

import { addFieldToForm, readForm } from './acro-form';
import type { FormState } from './acro-form';
import { byteRangeAround, digestRanges, embedSignature, patchByteRange } from './byte-range';
import type { ByteRange } from './byte-range';
import { IncrementalUpdate } from './incremental-writer';
import { findPage } from './page-tree';
import { pdfErrors } from './pdf-error';
import { PdfReader } from './pdf-reader';
import { addSignatureField } from './signature-field';
import { DEFAULT_TIMESTAMP_BYTES } from './signature-timestamp';
import type { PadesLevel } from './signature-timestamp';

/** Obtains a TimeStampToken (DER) whose messageImprint is this SHA-256 digest. */
export type DocumentTimestamper = (digest: Buffer) => Promise<Buffer>;

export interface DocumentTimestampOptions {
  /** Defaults to the first free "DocTimeStampN". */
  fieldName?: string;
  /** Room for the token in /Contents; default DEFAULT_TIMESTAMP_BYTES. */
  estimatedTimestampBytes?: number;
  /** Opens an encrypted document, whose new field is then encrypted as its handler requires. */
  password?: string;
}

export interface DocumentTimestampReport {
  fieldName: string;
  byteRange: ByteRange;
  /** Hex SHA-256 of the time-stamped byte ranges, the token's imprint. */
  signedDigest: string;
  /** B-LTA when the document already carried a DSS, otherwise the time-stamp makes it B-T. */
  level: PadesLevel;
}

const BYTE_RANGE_WIDTH = '[0 0000000000 0000000000 0000000000]'.length;

/**
 * Appends a document time-stamp (ETSI EN 319 142-1 §5.5, ISO 32000-2 12.8.5): an invisible
 * signature field whose /DocTimeStamp dictionary has /SubFilter /ETSI.RFC3161 and, as
 * /Contents, a TimeStampToken over the digest of its byte ranges. After a DSS this is PAdES
 * B-LTA; it covers the whole file, DSS included.
 */
export async function timestampDocument(
  pdf: Buffer,
  timestamp: DocumentTimestamper,
  options: DocumentTimestampOptions = {},
): Promise<{ pdf: Buffer; report: DocumentTimestampReport }> {
  const reader = PdfReader.open(pdf, { password: options.password });
  const reserved = reserveTimestamp(reader, options);
  const digest = digestRanges(reserved.pdf, reserved.byteRange);
  const token = await timestamp(digest);
  if (token.length > reserved.room) throw pdfErrors.signatureTooLarge(token.length, reserved.room);
  embedSignature(reserved.pdf, reserved.contentsAt, reserved.room * 2 + 2, token);
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const level = catalog.has(PDFName.of('DSS')) ? 'B-LTA' : 'B-T';
  const { fieldName, byteRange } = reserved;

  return {
    pdf: reserved.pdf,
    report: { fieldName, byteRange, signedDigest: digest.toString('hex'), level },
  };
}

interface ReservedTimestamp {
  pdf: Buffer;
  fieldName: string;
  byteRange: ByteRange;
  /** Offset of the "<" of /Contents in `pdf`. */
  contentsAt: number;
  /** Bytes of DER the hole holds. */
  room: number;
}

/** Appends the field and a /DocTimeStamp dictionary with its hole, and fixes the byte range. */
function reserveTimestamp(reader: PdfReader, options: DocumentTimestampOptions): ReservedTimestamp {
  const update = new IncrementalUpdate(reader);
  const form = readForm(reader);
  const fieldName = options.fieldName ?? freeName(form);
  if (form.fieldNames.has(fieldName)) throw pdfErrors.duplicateField(fieldName);
  const signatureRef = update.allocate();
  const tokenBytes = options.estimatedTimestampBytes ?? DEFAULT_TIMESTAMP_BYTES;
  const placeholder = docTimeStampDictionary(tokenBytes);
  update.put(signatureRef, placeholder.bytes);
  addInvisibleField(reader, update, form, fieldName, signatureRef);
  const written = update.write(`doctimestamp:${fieldName}:${reader.bytes.length}`);
  const pdf = Buffer.concat([reader.bytes, written.section]);
  const at = reader.bytes.length + written.bodyOffsets.get(signatureRef.objectNumber)!;
  const contentsAt = at + placeholder.contentsAt;
  const byteRange = byteRangeAround(contentsAt, placeholder.contentsLength, pdf.length);
  patchByteRange(pdf, at + placeholder.byteRangeAt, BYTE_RANGE_WIDTH, byteRange);

  return { pdf, fieldName, byteRange, contentsAt, room: tokenBytes };
}

/**
 * A zero-size widget on the first page with an empty appearance: invisible, yet a complete
 * signature field for viewers and for PDF/A, which wants /AP on every widget.
 */
function addInvisibleField(
  reader: PdfReader,
  update: IncrementalUpdate,
  form: FormState,
  name: string,
  signatureRef: PDFRef,
): void {
  const appearance = PDFRawStream.of(
    reader.context.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] }),
    new Uint8Array(0),
  );
  const fieldRef = addSignatureField(update, reader, {
    name,
    page: findPage(reader, 1),
    rect: [0, 0, 0, 0],
    appearanceRef: update.add(appearance),
    signatureRef,
  });
  addFieldToForm(update, reader, form, fieldRef);
}

function freeName(form: FormState): string {
  let index = 1;
  while (form.fieldNames.has(`DocTimeStamp${index}`)) index++;

  return `DocTimeStamp${index}`;
}

/**
 * The /DocTimeStamp dictionary (ISO 32000-2 Table 255) laid out by hand, like the signature
 * dictionary, so that the /ByteRange and /Contents placeholders sit at known offsets. It has no
 * /M: the token carries the time.
 */
function docTimeStampDictionary(tokenBytes: number) {
  const head =
    '<<\n/Type /DocTimeStamp\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.RFC3161\n/ByteRange ';
  const byteRange = '[0 0 0 0]'.padEnd(BYTE_RANGE_WIDTH, ' ');
  const contents = `<${'0'.repeat(tokenBytes * 2)}>`;
  const text = `${head}${byteRange}\n/Contents ${contents}\n>>`;

  return {
    bytes: Buffer.from(text, 'latin1'),
    byteRangeAt: head.length,
    contentsAt: head.length + byteRange.length + '\n/Contents '.length,
    contentsLength: contents.length,
  };
}

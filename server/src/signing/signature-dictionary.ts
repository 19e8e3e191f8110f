import { PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { serialize } from './serialize';
import { textString } from './text-string';

/** The signature dictionary's bytes and where its two placeholders sit in them. */
export interface SignaturePlaceholder {
  bytes: Buffer;
  /** Offset of "[" of /ByteRange and the width reserved up to its "]". */
  byteRangeAt: number;
  byteRangeWidth: number;
  /** Offset of "<" of /Contents and the length up to and including ">". */
  contentsAt: number;
  contentsLength: number;
}

export interface SignatureFields {
  signingTime: Date;
  contentsBytes: number;
  signerName?: string;
  reason?: string;
  location?: string;
  /** Makes this a certification signature with these DocMDP permissions (1, 2 or 3). */
  certify?: 1 | 2 | 3;
  /** Encrypts a string for this object in an encrypted document; /Contents is exempt. */
  protect?: (value: PDFObject) => PDFObject;
}

/** Room for four ten-digit numbers: enough for files up to 9.9 GB. */
const BYTE_RANGE_WIDTH = '[0 0000000000 0000000000 0000000000]'.length;

/**
 * Writes the signature dictionary (ISO 32000-1 12.8.1, Table 252) with a /ByteRange of fixed
 * width and a zero-filled /Contents hole, both patched in place once the file is complete.
 * The dictionary is laid out by hand because the offsets of both placeholders must be known.
 */
export function signatureDictionary(fields: SignatureFields): SignaturePlaceholder {
  const head =
    '<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/ByteRange ';
  const byteRange = '[0 0 0 0]'.padEnd(BYTE_RANGE_WIDTH, ' ');
  const contents = `<${'0'.repeat(fields.contentsBytes * 2)}>`;
  const protect = fields.protect ?? ((value: PDFObject) => value);
  const tail = [
    `/M ${latin1(protect(PDFString.of(pdfDate(fields.signingTime).slice(1, -1))))}`,
    optional('Name', fields.signerName, protect),
    optional('Reason', fields.reason, protect),
    optional('Location', fields.location, protect),
    docMdpReference(fields.certify),
    '>>',
  ].filter(Boolean);
  const body = Buffer.concat([
    Buffer.from(`${head}${byteRange}\n/Contents ${contents}\n`, 'latin1'),
    Buffer.concat(tail.map((line) => Buffer.from(`${line}\n`, 'latin1'))),
  ]);

  return {
    bytes: body.subarray(0, body.length - 1),
    byteRangeAt: head.length,
    byteRangeWidth: BYTE_RANGE_WIDTH,
    contentsAt: head.length + byteRange.length + '\n/Contents '.length,
    contentsLength: contents.length,
  };
}

function optional(
  key: string,
  text: string | undefined,
  protect: (value: PDFObject) => PDFObject,
): string {
  return text === undefined ? '' : `/${key} ${latin1(protect(textString(text)))}`;
}

/**
 * The signature reference dictionary of a certification signature (ISO 32000-1 12.8.2.2,
 * Table 253): the DocMDP transform with the changes permitted after it.
 */
function docMdpReference(permissions: 1 | 2 | 3 | undefined): string {
  if (permissions === undefined) return '';
  const params = `<< /Type /TransformParams /P ${permissions} /V /1.2 >>`;

  return `/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams ${params} >>]`;
}

function latin1(object: PDFObject): string {
  return serialize(object).toString('latin1');
}

/** A PDF date in UTC (ISO 32000-1 7.9.4): D:YYYYMMDDHHmmSS+00'00'. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');

  return `(D:${digits}+00'00')`;
}

import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import type { PDFContext, PDFObject } from 'pdf-lib';

import type { SecurityHandler } from './security-handler';

/** Which object a value belongs to: its number and generation choose the key. */
export interface ObjectId {
  objectNumber: number;
  generation: number;
}

type Direction = 'encrypt' | 'decrypt';

/** The object as read, with every string and its stream data decrypted (ISO 32000-2 7.6.2). */
export function decryptObject(
  object: PDFObject,
  handler: SecurityHandler,
  id: ObjectId,
  context: PDFContext,
): PDFObject {
  return transform(object, { handler, id, context, direction: 'decrypt' });
}

/**
 * A copy of the object with its strings and stream data encrypted for writing; the object given
 * is left as it was, since the reader caches what it decrypted.
 */
export function encryptObject(
  object: PDFObject,
  handler: SecurityHandler,
  id: ObjectId,
  context: PDFContext,
): PDFObject {
  return transform(object, { handler, id, context, direction: 'encrypt' });
}

interface Job {
  handler: SecurityHandler;
  id: ObjectId;
  context: PDFContext;
  direction: Direction;
}

function transform(object: PDFObject, job: Job): PDFObject {
  if (object instanceof PDFString || object instanceof PDFHexString) return string(object, job);
  if (object instanceof PDFArray) return array(object, job);
  if (object instanceof PDFDict) return dict(object, job);
  if (object instanceof PDFStream) return stream(object, job);

  return object;
}

function string(object: PDFString | PDFHexString, job: Job): PDFHexString {
  const { handler, id } = job;
  const bytes = object.asBytes();
  const result =
    job.direction === 'encrypt'
      ? handler.encryptString(bytes, id.objectNumber, id.generation)
      : handler.decryptString(bytes, id.objectNumber, id.generation);

  return PDFHexString.of(result.toString('hex'));
}

function array(object: PDFArray, job: Job): PDFArray {
  const copy = PDFArray.withContext(job.context);
  for (const item of object.asArray()) copy.push(transform(item, job));

  return copy;
}

/**
 * A signature dictionary's /Contents is never encrypted (ISO 32000-2 7.6.2): the signature
 * must be checkable over the bytes as stored.
 */
function dict(object: PDFDict, job: Job): PDFDict {
  const copy = PDFDict.withContext(job.context);
  const exempt = isSignature(object) ? PDFName.of('Contents') : undefined;
  for (const [key, value] of object.entries()) {
    copy.set(key, key === exempt ? value : transform(value, job));
  }

  return copy;
}

function stream(object: PDFStream, job: Job): PDFRawStream {
  const { handler, id } = job;
  const dictionary = dict(object.dict, job);
  const data = object.getContents();
  if (isUnencrypted(object.dict, handler)) return PDFRawStream.of(dictionary, data);
  const result =
    job.direction === 'encrypt'
      ? handler.encryptStream(data, id.objectNumber, id.generation)
      : handler.decryptStream(data, id.objectNumber, id.generation);

  return PDFRawStream.of(dictionary, result);
}

/** Cross-reference streams are never encrypted, metadata streams when /EncryptMetadata false. */
function isUnencrypted(dictionary: PDFDict, handler: SecurityHandler): boolean {
  const type = dictionary.get(PDFName.of('Type'));
  if (type === PDFName.of('XRef')) return true;

  return type === PDFName.of('Metadata') && !handler.encryptsMetadata;
}

function isSignature(object: PDFDict): boolean {
  const type = object.get(PDFName.of('Type'));

  return (
    type === PDFName.of('Sig') ||
    type === PDFName.of('DocTimeStamp') ||
    (object.has(PDFName.of('ByteRange')) && object.has(PDFName.of('Contents')))
  );
}

import { randomBytes } from 'node:crypto';

import {
  bool,
  childrenOf,
  fromDer,
  isContext,
  isUniversal,
  nullValue,
  octets,
  oid,
  oidOf,
  rawInteger,
  seq,
  smallInteger,
  TAG,
  toDer,
  valueBytes,
  type Asn1,
} from '../asn1';
import {
  hashByOid,
  TIMESTAMP_HASHES,
  TimeStampRejection,
  type MessageImprint,
} from './time-stamp-protocol';

/** A TimeStampReq (RFC 3161 §2.4.1) as the TSA needs it. */
export interface TimeStampRequest {
  imprint: MessageImprint;
  reqPolicy?: string;
  /** Content octets of the nonce INTEGER, echoed back byte for byte. */
  nonce?: Buffer;
  certReq: boolean;
}

const rejectFormat = (detail: string) =>
  new TimeStampRejection('badDataFormat', `expected a DER TimeStampReq, ${detail}`);

/** Reads a DER TimeStampReq, or throws the rejection RFC 3161 names for what is wrong with it. */
export function parseTimeStampRequest(der: Buffer): TimeStampRequest {
  let root: Asn1;
  try {
    root = fromDer(der);
  } catch (error) {
    throw rejectFormat(`got bytes that do not parse: ${(error as Error).message}`);
  }
  if (!isUniversal(root, TAG.SEQUENCE)) throw rejectFormat('got something other than a SEQUENCE');
  const [version, imprint, ...rest] = childrenOf(root);
  if (!isUniversal(version, TAG.INTEGER) || !isUniversal(imprint, TAG.SEQUENCE)) {
    throw rejectFormat('got no version and messageImprint');
  }
  if (!valueBytes(version).equals(Buffer.from([1]))) {
    throw new TimeStampRejection('badRequest', 'expected TimeStampReq version 1');
  }

  return { imprint: parseImprint(imprint), ...optionalFields(rest) };
}

function parseImprint(node: Asn1): MessageImprint {
  const [algorithm, hashed] = childrenOf(node);
  if (!isUniversal(algorithm, TAG.SEQUENCE) || !isUniversal(hashed, TAG.OCTET_STRING)) {
    throw rejectFormat('got a malformed messageImprint');
  }
  const [algorithmOid, parameters] = childrenOf(algorithm);
  const hash = isUniversal(algorithmOid, TAG.OID) ? hashByOid(oidOf(algorithmOid)) : undefined;
  if (!hash || (parameters && !isUniversal(parameters, 5))) {
    throw new TimeStampRejection('badAlg', 'expected a SHA-256, SHA-384 or SHA-512 imprint');
  }
  const hashedMessage = valueBytes(hashed);
  const expected = TIMESTAMP_HASHES[hash].length;
  if (hashedMessage.length !== expected) {
    throw new TimeStampRejection(
      'badDataFormat',
      `expected a ${expected}-byte ${hash} imprint, got ${hashedMessage.length} bytes`,
    );
  }

  return { hash, hashedMessage };
}

/** reqPolicy, nonce, certReq and extensions, each optional but in this order. */
function optionalFields(fields: Asn1[]): Omit<TimeStampRequest, 'imprint'> {
  const request: Omit<TimeStampRequest, 'imprint'> = { certReq: false };
  let next = fields.shift();
  if (isUniversal(next, TAG.OID)) {
    request.reqPolicy = oidOf(next);
    next = fields.shift();
  }
  if (isUniversal(next, TAG.INTEGER)) {
    request.nonce = valueBytes(next);
    next = fields.shift();
  }
  if (isUniversal(next, TAG.BOOLEAN)) {
    request.certReq = valueBytes(next)[0] !== 0;
    next = fields.shift();
  }
  if (isContext(next, 0)) {
    throw new TimeStampRejection('unacceptedExtension', 'this TSA supports no request extensions');
  }
  if (next !== undefined) throw rejectFormat('got an unexpected field after messageImprint');

  return request;
}

/** Encodes a TimeStampReq with a fresh 64-bit nonce, for the client. */
export function encodeTimeStampRequest(
  imprint: MessageImprint,
  options: { reqPolicy?: string; certReq?: boolean } = {},
): { der: Buffer; nonce: Buffer } {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01;
  const algorithm = seq([oid(TIMESTAMP_HASHES[imprint.hash].oid), nullValue()]);
  const fields = [smallInteger(1), seq([algorithm, octets(imprint.hashedMessage)])];
  if (options.reqPolicy) fields.push(oid(options.reqPolicy));
  fields.push(rawInteger(nonce));
  if (options.certReq ?? true) fields.push(bool(true));

  return { der: toDer(seq(fields)), nonce };
}

import {
  bitString,
  childrenOf,
  fromDer,
  isUniversal,
  seq,
  smallInteger,
  TAG,
  toDer,
  utf8,
  valueBytes,
  type Asn1,
} from '../asn1';
import { FAILURE_BITS, type FailureInfo } from './time-stamp-protocol';

/** PKIStatus values (RFC 3161 §2.4.2). */
const STATUS = { granted: 0, grantedWithMods: 1, rejection: 2 } as const;

/** A TimeStampResp as the client reads it. */
export interface TimeStampResponse {
  status: number;
  statusText?: string;
  /** DER ContentInfo of the token, present when the status is granted. */
  token?: Buffer;
}

/** TimeStampResp with status granted and the token. */
export function grantedResponse(token: Buffer): Buffer {
  return toDer(seq([seq([smallInteger(STATUS.granted)]), fromDer(token)]));
}

/** TimeStampResp with status rejection, a human-readable reason and the failure bit. */
export function rejectionResponse(failInfo: FailureInfo, reason: string): Buffer {
  const status = seq([
    smallInteger(STATUS.rejection),
    seq([utf8(reason)]),
    failureBits(FAILURE_BITS[failInfo]),
  ]);

  return toDer(seq([status]));
}

/** A named-bit BIT STRING with one bit set; trailing zero bits are dropped (X.690 11.2.2). */
function failureBits(bit: number): Asn1 {
  const bytes = Buffer.alloc(Math.floor(bit / 8) + 1);
  bytes[bytes.length - 1] = 0x80 >> (bit % 8);

  return bitString(bytes, 7 - (bit % 8));
}

/** Reads a TimeStampResp; the token is returned as the DER bytes it arrived in. */
export function parseTimeStampResponse(der: Buffer): TimeStampResponse {
  const [statusInfo, token] = childrenOf(fromDer(der));
  const [status, freeText] = childrenOf(statusInfo);
  if (!isUniversal(status, TAG.INTEGER)) throw new Error('expected a PKIStatus INTEGER');
  const statusText = isUniversal(freeText, TAG.SEQUENCE)
    ? childrenOf(freeText)
        .map((text) => valueBytes(text).toString('utf8'))
        .join('; ')
    : undefined;

  return {
    status: valueBytes(status).readIntBE(0, valueBytes(status).length),
    statusText,
    token: token && toDer(token),
  };
}

export function isGranted(response: TimeStampResponse): boolean {
  return response.status === STATUS.granted || response.status === STATUS.grantedWithMods;
}

import { sign, type KeyObject } from 'node:crypto';

import {
  bitString,
  enumerated,
  explicit,
  fromDer,
  generalizedTime,
  implicitConstructed,
  implicitPrimitive,
  octets,
  oid,
  seq,
  toDer,
  type Asn1,
} from '../asn1';
import { REVOCATION_REASONS } from '../crl';
import { signatureAlgorithm } from '../x509';
import {
  OCSP_OID,
  RESPONSE_STATUS,
  type CertificateStatus,
  type ResponseStatus,
} from './ocsp-protocol';

/** The answer for one CertID. */
export interface SingleResponse {
  /** The CertID element as the client sent it, so the client can match it (§4.2.2.3). */
  certId: Asn1;
  status: CertificateStatus;
  thisUpdate: Date;
  nextUpdate: Date;
}

/** What a BasicOCSPResponse states and who signs it. */
export interface BasicResponseData {
  /** SHA-1 of the signer's subjectPublicKey bits: ResponderID byKey (§4.2.2.3). */
  responderKeyHash: Buffer;
  producedAt: Date;
  responses: SingleResponse[];
  /** The request's nonce extnValue, echoed (RFC 8954 §2.1). */
  nonce?: Buffer;
}

/** The key that signs and the certificates sent along so clients can find it. */
export interface ResponseSigner {
  key: KeyObject;
  certificates: Buffer[];
}

/** OCSPResponse with only a status, for requests refused before any answer (§4.2.1). */
export function rejectionResponse(status: Exclude<ResponseStatus, 'successful'>): Buffer {
  return toDer(seq([enumerated(RESPONSE_STATUS[status])]));
}

/** OCSPResponse, status successful, carrying a signed id-pkix-ocsp-basic response (§4.2.1). */
export function successfulResponse(data: BasicResponseData, signer: ResponseSigner): Buffer {
  const bytes = seq([oid(OCSP_OID.basicResponse), octets(basicResponse(data, signer))]);

  return toDer(seq([enumerated(RESPONSE_STATUS.successful), explicit(0, bytes)]));
}

/** BasicOCSPResponse: the signature covers the DER of tbsResponseData (§4.2.1). */
function basicResponse(data: BasicResponseData, signer: ResponseSigner): Buffer {
  const tbs = responseData(data);
  const signature = sign('sha256', toDer(tbs), signer.key);
  const fields = [tbs, signatureAlgorithm(signer.key), bitString(signature)];
  if (signer.certificates.length > 0) {
    fields.push(explicit(0, seq(signer.certificates.map((der) => fromDer(der)))));
  }

  return toDer(seq(fields));
}

/** ResponseData: version v1 is the DEFAULT and so left out (X.690 11.5); responder byKey [2]. */
function responseData(data: BasicResponseData): Asn1 {
  const fields = [
    explicit(2, octets(data.responderKeyHash)),
    time(data.producedAt),
    seq(data.responses.map(singleResponse)),
  ];
  if (data.nonce) {
    fields.push(explicit(1, seq([seq([oid(OCSP_OID.nonce), octets(data.nonce)])])));
  }

  return seq(fields);
}

function singleResponse(response: SingleResponse): Asn1 {
  return seq([
    response.certId,
    certStatus(response.status),
    time(response.thisUpdate),
    explicit(0, time(response.nextUpdate)),
  ]);
}

/** CertStatus: good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] (§4.2.1). */
function certStatus(status: CertificateStatus): Asn1 {
  switch (status.status) {
    case 'good':
      return implicitPrimitive(0, Buffer.alloc(0));
    case 'unknown':
      return implicitPrimitive(2, Buffer.alloc(0));
    case 'revoked': {
      const info = [time(status.revokedAt)];
      if (status.reason) info.push(explicit(0, enumerated(REVOCATION_REASONS[status.reason])));

      return implicitConstructed(1, info);
    }
  }
}

/**
 * GeneralizedTime in whole seconds: RFC 6960 §4.2.2.1 defers to RFC 5280 §4.1.2.5.2, which
 * forbids fractional seconds.
 */
function time(date: Date): Asn1 {
  return generalizedTime(new Date(Math.floor(date.getTime() / 1000) * 1000));
}

import { createHash, X509Certificate, type KeyObject } from 'node:crypto';

import { childrenOf, fromDer, nullValue, octets, oid, seq, toDer, valueBytes } from '../asn1';
import { certificateParts } from '../tsa/time-stamp-token';
import { OcspRejection, type StatusLookup } from './ocsp-protocol';
import { parseOcspRequest, serialHex, type CertId, type OcspRequest } from './ocsp-request';
import { rejectionResponse, successfulResponse, type SingleResponse } from './ocsp-response';

export interface OcspResponderOptions {
  /** DER certificate of the CA whose certificates we answer for; it also signs (§2.6). */
  issuerCertificate: Buffer;
  issuerKey: KeyObject;
  /** How long an answer may be relied on: nextUpdate − thisUpdate (default one day). */
  validityMs?: number;
  /** Told about lookups that fail, which the client sees only as internalError. */
  onInternalError?: (error: unknown) => void;
  /** The clock; tests pin it. */
  now?: () => Date;
}

const DEFAULT_VALIDITY_MS = 24 * 3600_000;
const SHA1_OID = '1.3.14.3.2.26';

/**
 * An RFC 6960 OCSP responder for one issuing CA, signing with the CA's own key so clients need
 * no delegated responder certificate (§2.6, §4.2.2.2). Requests it cannot honour get the status
 * RFC 6960 §2.3 names rather than an exception, since the protocol has a place for them.
 */
export class OcspResponder {
  private readonly issuerName: Buffer;
  private readonly issuerKeyBits: Buffer;

  constructor(private readonly options: OcspResponderOptions) {
    this.issuerName = toDer(certificateParts(options.issuerCertificate).subject);
    this.issuerKeyBits = subjectPublicKeyBits(options.issuerCertificate);
  }

  /** Answers one DER OCSPRequest with a DER OCSPResponse. */
  async respond(requestDer: Buffer, lookup: StatusLookup): Promise<Buffer> {
    try {
      const request = parseOcspRequest(requestDer);

      return await this.answer(request, lookup);
    } catch (error) {
      if (error instanceof OcspRejection) return rejectionResponse(error.status);
      this.options.onInternalError?.(error);

      return rejectionResponse('internalError');
    }
  }

  /**
   * A response about one of our certificates without a request having been sent, as a PAdES
   * B-LT signature embeds it in the document's DSS: the same answer `/pki/ocsp` would give to a
   * SHA-1 CertID (what validators look the response up by), with no nonce.
   */
  responseFor(certificateDer: Buffer, lookup: StatusLookup): Promise<Buffer> {
    const { serial } = certificateParts(certificateDer);
    const issuerNameHash = createHash('sha1').update(this.issuerName).digest();
    const issuerKeyHash = this.keyHash('sha1');
    const element = seq([
      seq([oid(SHA1_OID), nullValue()]),
      octets(issuerNameHash),
      octets(issuerKeyHash),
      serial,
    ]);
    const certId: CertId = {
      hash: 'sha1',
      issuerNameHash,
      issuerKeyHash,
      serialHex: serialHex(valueBytes(serial)),
      element,
    };

    return this.answer({ certIds: [certId] }, lookup);
  }

  private async answer(request: OcspRequest, lookup: StatusLookup): Promise<Buffer> {
    // Only the issuer's own key may sign for a CertID (§4.2.2.2), so an answer about another
    // CA's certificate, even "unknown", would not verify: refuse the request as unauthorized.
    const foreign = request.certIds.find((certId) => !this.isOurs(certId));
    if (foreign) {
      throw new OcspRejection('unauthorized', `CertID of serial ${foreign.serialHex} is not ours`);
    }
    const now = this.options.now?.() ?? new Date();
    const nextUpdate = new Date(now.getTime() + (this.options.validityMs ?? DEFAULT_VALIDITY_MS));
    const responses: SingleResponse[] = [];
    for (const certId of request.certIds) {
      const status = await lookup(certId.serialHex);
      responses.push({ certId: certId.element, status, thisUpdate: now, nextUpdate });
    }
    const data = { responderKeyHash: this.keyHash('sha1'), producedAt: now, responses };
    const signer = { key: this.options.issuerKey, certificates: [this.options.issuerCertificate] };

    return successfulResponse({ ...data, nonce: request.nonce }, signer);
  }

  /** The CertID names our CA when both hashes match under its algorithm (§4.1.1). */
  private isOurs(certId: CertId): boolean {
    if (!certId.hash) return false;
    const name = createHash(certId.hash).update(this.issuerName).digest();

    return (
      name.equals(certId.issuerNameHash) && this.keyHash(certId.hash).equals(certId.issuerKeyHash)
    );
  }

  /** Hash of the subjectPublicKey BIT STRING's value, without tag, length or unused-bits octet. */
  private keyHash(hash: string): Buffer {
    return createHash(hash).update(this.issuerKeyBits).digest();
  }
}

function subjectPublicKeyBits(certificateDer: Buffer): Buffer {
  const spki = new X509Certificate(certificateDer).publicKey.export({
    type: 'spki',
    format: 'der',
  });

  return valueBytes(childrenOf(fromDer(spki))[1]).subarray(1);
}

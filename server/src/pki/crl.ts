import { sign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

import {
  bitString,
  childrenOf,
  explicit,
  fromDer,
  implicitPrimitive,
  isContext,
  oid,
  octets,
  pkixTime,
  seq,
  smallInteger,
  toDer,
  unsignedInteger,
  type Asn1,
} from './asn1';
import { keyIdentifier, signatureAlgorithm } from './x509';

/** A certificate the CRL lists as revoked. */
export interface RevokedCertificate {
  /** Serial number as hex, as `describeCertificate` gives it. */
  serialNumber: string;
  revokedAt: Date;
  reason?: RevocationReason;
}

/** CRLReason codes (RFC 5280 §5.3.1) the platform uses. */
export const REVOCATION_REASONS = {
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

/** What a CRL says and who signs it. */
export interface CrlTemplate {
  /** DER certificate of the CA that signs the CRL; its subject becomes the CRL's issuer. */
  issuerCertificate: Buffer;
  issuerKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  /** Must grow with every CRL the issuer publishes (RFC 5280 §5.2.3). */
  crlNumber: number;
  revoked: RevokedCertificate[];
}

const OID = {
  authorityKeyId: '2.5.29.35',
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
};

/**
 * Builds and signs an X.509 v2 CRL (RFC 5280 §5) with the two extensions a conforming CA must
 * include: authority key identifier and CRL number. The issuer name is copied from the issuer's
 * certificate byte for byte, since validators match CRL and certificate issuer by encoding.
 */
export function issueCrl(template: CrlTemplate): Buffer {
  const algorithm = signatureAlgorithm(template.issuerKey);
  const tbs = tbsCertList(template, algorithm);
  const signature = sign('sha256', toDer(tbs), template.issuerKey);

  return toDer(seq([tbs, algorithm, bitString(signature)]));
}

function tbsCertList(t: CrlTemplate, algorithm: Asn1): Asn1 {
  const fields = [
    smallInteger(1),
    algorithm,
    subjectName(t.issuerCertificate),
    pkixTime(t.thisUpdate),
    pkixTime(t.nextUpdate),
  ];
  // An empty revokedCertificates list must be absent, not an empty SEQUENCE (RFC 5280 §5.1.2.6).
  if (t.revoked.length > 0) fields.push(seq(t.revoked.map(revokedEntry)));
  fields.push(explicit(0, seq(crlExtensions(t))));

  return seq(fields);
}

function revokedEntry(entry: RevokedCertificate): Asn1 {
  const fields = [
    unsignedInteger(Buffer.from(evenHex(entry.serialNumber), 'hex')),
    pkixTime(entry.revokedAt),
  ];
  if (entry.reason) fields.push(seq([reasonCode(REVOCATION_REASONS[entry.reason])]));

  return seq(fields);
}

/** The reasonCode entry extension: an ENUMERATED wrapped in an OCTET STRING. */
function reasonCode(code: number): Asn1 {
  const enumerated = forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.ENUMERATED,
    false,
    String.fromCharCode(code),
  );

  return seq([oid(OID.reasonCode), octets(toDer(enumerated))]);
}

function crlExtensions(t: CrlTemplate): Asn1[] {
  const issuerKeyId = keyIdentifier(new X509Certificate(t.issuerCertificate).publicKey);
  const aki = seq([implicitPrimitive(0, issuerKeyId)]);
  const number = unsignedInteger(Buffer.from(evenHex(t.crlNumber.toString(16)), 'hex'));

  return [
    seq([oid(OID.authorityKeyId), octets(toDer(aki))]),
    seq([oid(OID.crlNumber), octets(toDer(number))]),
  ];
}

function subjectName(certificateDer: Buffer): Asn1 {
  const tbs = childrenOf(childrenOf(fromDer(certificateDer))[0]);
  const first = isContext(tbs[0], 0) ? 1 : 0;

  return tbs[first + 4];
}

function evenHex(hex: string): string {
  return hex.length % 2 ? `0${hex}` : hex;
}

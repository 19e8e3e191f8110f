import { createHash, sign, type KeyObject } from 'node:crypto';

import {
  childrenOf,
  explicit,
  fromDer,
  generalizedTime,
  implicitConstructed,
  implicitPrimitive,
  isContext,
  nullValue,
  octets,
  oid,
  rawInteger,
  seq,
  set,
  smallInteger,
  toDer,
  unsignedInteger,
  type Asn1,
} from '../asn1';
import { TIMESTAMP_HASHES, TSP_OID, type MessageImprint } from './time-stamp-protocol';

/** The TSA's key and certificates: its own first, then its issuers. */
export interface TsaSigner {
  privateKey: KeyObject;
  certificates: Buffer[];
}

/** What a TSTInfo states (RFC 3161 §2.4.2). */
export interface TstInfoFields {
  policy: string;
  imprint: MessageImprint;
  /** Positive, unique per token. */
  serialNumber: Buffer;
  genTime: Date;
  /** Accuracy of genTime in milliseconds; omitted when undefined. */
  accuracyMs?: number;
  /** Content octets of the request's nonce. */
  nonce?: Buffer;
  /** Names the TSA (its certificate's subject) in the optional tsa field. */
  includeTsaName: boolean;
}

/**
 * Builds a TimeStampToken: CMS SignedData (RFC 5652) encapsulating the DER TSTInfo, signed by the
 * TSA with content-type id-ct-TSTInfo, message-digest and signing-certificate-v2 as signed
 * attributes (RFC 3161 §2.4.2, RFC 5816). The certificates are included when the request asked.
 */
export function buildTimeStampToken(
  fields: TstInfoFields,
  signer: TsaSigner,
  includeCertificates: boolean,
): Buffer {
  const tsaCertificate = signer.certificates[0];
  if (!tsaCertificate) throw new Error('expected the TSA certificate, got an empty chain');
  const tstInfo = toDer(tstInfoNode(fields, tsaCertificate));
  const attributes = signedAttributes(tstInfo, tsaCertificate);
  const signature = sign('sha256', toDer(set(attributes)), signer.privateKey);
  const signerInfo = seq([
    smallInteger(1),
    issuerAndSerial(tsaCertificate),
    seq([oid(TIMESTAMP_HASHES.sha256.oid)]),
    implicitConstructed(0, attributes),
    signatureAlgorithm(signer.privateKey),
    octets(signature),
  ]);
  const signedData = [
    // Version 3: the encapsulated content is not id-data (RFC 5652 §5.1).
    smallInteger(3),
    set([seq([oid(TIMESTAMP_HASHES.sha256.oid)])]),
    seq([oid(TSP_OID.tstInfo), explicit(0, octets(tstInfo))]),
    ...(includeCertificates ? [implicitConstructed(0, signer.certificates.map(fromDer))] : []),
    set([signerInfo]),
  ];

  return toDer(seq([oid(TSP_OID.signedData), explicit(0, seq(signedData))]));
}

function tstInfoNode(fields: TstInfoFields, tsaCertificate: Buffer): Asn1 {
  const imprint = seq([
    seq([oid(TIMESTAMP_HASHES[fields.imprint.hash].oid), nullValue()]),
    octets(fields.imprint.hashedMessage),
  ]);
  const nodes = [
    smallInteger(1),
    oid(fields.policy),
    imprint,
    unsignedInteger(fields.serialNumber),
    generalizedTime(fields.genTime),
  ];
  if (fields.accuracyMs !== undefined) nodes.push(accuracy(fields.accuracyMs));
  if (fields.nonce) nodes.push(rawInteger(fields.nonce));
  // GeneralName is a CHOICE, so [0] is explicit; directoryName [4] holds the Name.
  if (fields.includeTsaName)
    nodes.push(explicit(0, explicit(4, certificateParts(tsaCertificate).subject)));

  return seq(nodes);
}

/** Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL }. */
function accuracy(milliseconds: number): Asn1 {
  const seconds = Math.floor(milliseconds / 1000);
  const millis = milliseconds % 1000;
  const parts: Asn1[] = [];
  if (seconds > 0) parts.push(smallInteger(seconds));
  if (millis > 0) parts.push(implicitPrimitive(0, toDer(smallInteger(millis)).subarray(2)));

  return seq(parts);
}

/** Signed attributes in DER order (a SET OF sorted by encoding, X.690 11.6). */
function signedAttributes(tstInfo: Buffer, tsaCertificate: Buffer): Asn1[] {
  const certHash = createHash('sha256').update(tsaCertificate).digest();
  const { issuer, serial } = certificateParts(tsaCertificate);
  const essCertIdV2 = seq([octets(certHash), seq([seq([explicit(4, issuer)]), serial])]);
  const attributes = [
    attribute(TSP_OID.contentType, oid(TSP_OID.tstInfo)),
    attribute(TSP_OID.messageDigest, octets(createHash('sha256').update(tstInfo).digest())),
    attribute(TSP_OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ];

  return attributes
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.node);
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

function issuerAndSerial(certificate: Buffer): Asn1 {
  const { issuer, serial } = certificateParts(certificate);

  return seq([issuer, serial]);
}

/** PKCS#1 v1.5 for RSA keys (NULL parameters), ECDSA with SHA-256 for EC keys. */
function signatureAlgorithm(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === 'rsa') return seq([oid(TSP_OID.rsaEncryption), nullValue()]);
  if (key.asymmetricKeyType === 'ec') return seq([oid(TSP_OID.ecdsaWithSha256)]);
  throw new Error(`expected an RSA or EC TSA key, got ${key.asymmetricKeyType}`);
}

/** Issuer, serial number and subject of a certificate, as ASN.1 nodes. */
export function certificateParts(certificate: Buffer): {
  issuer: Asn1;
  serial: Asn1;
  subject: Asn1;
} {
  const tbs = childrenOf(childrenOf(fromDer(certificate))[0]);
  const first = isContext(tbs[0], 0) ? 1 : 0;

  return { serial: tbs[first], issuer: tbs[first + 2], subject: tbs[first + 4] };
}

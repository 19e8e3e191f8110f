import { createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
/** forge's typings omit the options object that `fromDer` accepts. */
const fromDer = asn1.fromDer as unknown as (
  der: string,
  options: { decodeBitStrings: boolean },
) => Asn1;
const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;
const T = asn1.Type;

/** The key that signs and the certificates that name it. */
export interface SignerIdentity {
  privateKey: KeyObject;
  /** DER, signer certificate first, then its issuers (the chain to embed). */
  certificates: Buffer[];
}

export interface CadesInput {
  /** SHA-256 of the signed byte ranges. */
  digest: Buffer;
  signer: SignerIdentity;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

/**
 * Builds a detached CAdES signature (ETSI EN 319 122-1 B-B, as PAdES wants under
 * ETSI.CAdES.detached): CMS SignedData (RFC 5652) with no encapsulated content, the chain, and
 * one SignerInfo whose signed attributes are content-type, message-digest and
 * signing-certificate-v2 — no signing-time, since PAdES puts the claimed time in /M (EN 319 142-1
 * 5.2.2).
 */
export function buildCadesDetached({ digest, signer }: CadesInput): Buffer {
  const certificates = signer.certificates.map(parseCertificate);
  const signerCert = certificates[0];
  if (!signerCert) throw new Error('expected at least the signer certificate, got an empty chain');
  const attributes = sortedAttributes(digest, signer.certificates[0], signerCert);
  const signatureInput = Buffer.from(asn1.toDer(set(attributes)).getBytes(), 'binary');
  const signature = sign('sha256', signatureInput, signer.privateKey);
  const signerInfo = seq([
    integer(1),
    issuerAndSerial(signerCert),
    algorithm(OID.sha256),
    asn1.create(CONTEXT_SPECIFIC, 0, true, attributes),
    signatureAlgorithm(signer.privateKey),
    octets(signature),
  ]);

  return der(contentInfo(signedData(certificates, signerInfo)));
}

function contentInfo(content: Asn1): Asn1 {
  return seq([oid(OID.signedData), asn1.create(CONTEXT_SPECIFIC, 0, true, [content])]);
}

function signedData(certificates: ParsedCertificate[], signerInfo: Asn1): Asn1 {
  return seq([
    integer(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(
      CONTEXT_SPECIFIC,
      0,
      true,
      certificates.map((c) => c.node),
    ),
    set([signerInfo]),
  ]);
}

/**
 * DER requires a SET OF to be sorted by the encodings of its elements (X.690 11.6). The same
 * sorted set is signed (tagged SET) and embedded (tagged [0]), so validators that re-encode
 * the attributes, as BouncyCastle-based ones do, compute the same bytes.
 */
function sortedAttributes(digest: Buffer, certDer: Buffer, cert: ParsedCertificate): Asn1[] {
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(certDer, cert)),
  ];
  const encoded = attributes.map((node) => ({
    node,
    bytes: Buffer.from(asn1.toDer(node).getBytes(), 'binary'),
  }));
  encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));

  return encoded.map((entry) => entry.node);
}

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer certificate. The hash
 * algorithm is SHA-256, the DEFAULT, so it is omitted as DER demands.
 */
function signingCertificateV2(certDer: Buffer, cert: ParsedCertificate): Asn1 {
  const certHash = createHash('sha256').update(certDer).digest();
  const generalNames = seq([asn1.create(CONTEXT_SPECIFIC, 4, true, [cert.issuer])]);
  const essCertIdV2 = seq([octets(certHash), seq([generalNames, cert.serial])]);

  return seq([seq([essCertIdV2])]);
}

function issuerAndSerial(cert: ParsedCertificate): Asn1 {
  return seq([cert.issuer, cert.serial]);
}

/** PKCS#1 v1.5 for RSA (its parameters are NULL), ECDSA with SHA-256 for EC keys (no parameters). */
function signatureAlgorithm(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === 'rsa') {
    return seq([oid(OID.rsaEncryption), asn1.create(UNIVERSAL, T.NULL, false, '')]);
  }
  if (key.asymmetricKeyType === 'ec') return seq([oid(OID.ecdsaWithSha256)]);
  throw new Error(`expected an RSA or EC private key, got ${key.asymmetricKeyType}`);
}

interface ParsedCertificate {
  node: Asn1;
  issuer: Asn1;
  serial: Asn1;
}

/**
 * Parses a certificate at the ASN.1 level only (forge's X.509 layer knows no EC keys). Bit
 * strings stay opaque so that re-encoding reproduces the DER exactly, which is checked.
 */
function parseCertificate(certDer: Buffer): ParsedCertificate {
  const node = fromDer(certDer.toString('binary'), { decodeBitStrings: false });
  if (der(node).compare(certDer) !== 0)
    throw new Error('expected a DER certificate, got one that re-encodes differently');
  const tbs = (node.value as Asn1[])[0].value as Asn1[];
  const hasVersion = tbs[0].tagClass === CONTEXT_SPECIFIC;
  const first = hasVersion ? 1 : 0;

  return { node, serial: tbs[first], issuer: tbs[first + 2] };
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

function algorithm(id: string): Asn1 {
  return seq([oid(id)]);
}

function seq(items: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, T.SEQUENCE, true, items);
}

function set(items: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, T.SET, true, items);
}

function oid(id: string): Asn1 {
  return asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(id).getBytes());
}

function integer(value: number): Asn1 {
  return asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(value).getBytes());
}

function octets(bytes: Buffer): Asn1 {
  return asn1.create(UNIVERSAL, T.OCTETSTRING, false, bytes.toString('binary'));
}

function der(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

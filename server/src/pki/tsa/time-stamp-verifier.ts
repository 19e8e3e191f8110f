import { createHash, verify, X509Certificate } from 'node:crypto';

import {
  childrenOf,
  fromDer,
  isContext,
  isUniversal,
  oidOf,
  seq,
  set,
  TAG,
  toDer,
  valueBytes,
  type Asn1,
} from '../asn1';
import { certificateParts } from './time-stamp-token';
import { hashByOid, TSP_OID, type MessageImprint } from './time-stamp-protocol';

/** What a verified token states. */
export interface VerifiedTimeStamp {
  policy: string;
  imprint: MessageImprint;
  serialNumber: string;
  genTime: Date;
  nonce?: Buffer;
  tsaCertificate: Buffer;
}

export interface TokenVerifyOptions {
  /** Certificates the TSA's certificate must be, or be issued by; unchecked when absent. */
  trust?: Buffer[];
}

const DIGEST_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Verifies a TimeStampToken (RFC 3161 §2.4.2): the SignedData encapsulates a TSTInfo, its
 * message-digest attribute matches it, the signed attributes verify under a certificate that is
 * certified for time-stamping, and that certificate is the one the ESS attribute names. Throws
 * an Error saying which rule failed.
 */
export function verifyTimeStampToken(
  token: Buffer,
  options: TokenVerifyOptions = {},
): VerifiedTimeStamp {
  const signedData = signedDataOf(fromDer(token));
  const tstInfo = encapsulatedTstInfo(signedData);
  const signerInfo = onlySignerInfo(signedData);
  const tsaCertificate = signerCertificate(signedData, signerInfo);
  checkSignerInfo(signerInfo, tstInfo, tsaCertificate);
  checkTsaCertificate(tsaCertificate, options.trust);

  return { ...parseTstInfo(tstInfo), tsaCertificate };
}

function signedDataOf(contentInfo: Asn1): Asn1[] {
  const [type, content] = childrenOf(contentInfo);
  if (oidOf(type) !== TSP_OID.signedData || !isContext(content, 0)) {
    throw new Error('expected a ContentInfo of type SignedData');
  }

  return childrenOf(childrenOf(content)[0]);
}

function encapsulatedTstInfo(signedData: Asn1[]): Buffer {
  const [type, content] = childrenOf(signedData[2]);
  if (oidOf(type) !== TSP_OID.tstInfo || !isContext(content, 0)) {
    throw new Error('expected encapsulated content of type id-ct-TSTInfo');
  }

  return valueBytes(childrenOf(content)[0]);
}

function onlySignerInfo(signedData: Asn1[]): Asn1[] {
  const signerInfos = childrenOf(signedData[signedData.length - 1]);
  if (signerInfos.length !== 1) {
    throw new Error(`expected one SignerInfo, got ${signerInfos.length}`);
  }

  return childrenOf(signerInfos[0]);
}

function signerCertificate(signedData: Asn1[], signerInfo: Asn1[]): Buffer {
  const certificates = signedData.find((node) => isContext(node, 0));
  if (!certificates) throw new Error('expected the TSA certificate in the token (certReq)');
  const sid = toDer(signerInfo[1]);
  const found = childrenOf(certificates)
    .map(toDer)
    .find((der) => {
      const { issuer, serial } = certificateParts(der);

      return toDer(seq([issuer, serial])).equals(sid);
    });
  if (!found) throw new Error('expected the certificate named by the SignerInfo in the token');

  return found;
}

/** SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature. */
function checkSignerInfo(signerInfo: Asn1[], tstInfo: Buffer, certificate: Buffer): void {
  const digest = digestName(signerInfo[2]);
  const signedAttrs = signerInfo[3];
  if (!isContext(signedAttrs, 0)) throw new Error('expected signed attributes in the SignerInfo');
  const attributes = new Map(
    childrenOf(signedAttrs).map((node) => {
      const [type, values] = childrenOf(node);

      return [oidOf(type), childrenOf(values)[0]] as const;
    }),
  );
  const contentType = attributes.get(TSP_OID.contentType);
  if (!contentType || oidOf(contentType) !== TSP_OID.tstInfo) {
    throw new Error('expected the content-type attribute id-ct-TSTInfo');
  }
  const messageDigest = attributes.get(TSP_OID.messageDigest);
  const expected = createHash(digest).update(tstInfo).digest();
  if (!messageDigest || !valueBytes(messageDigest).equals(expected)) {
    throw new Error('the message-digest attribute does not match the TSTInfo');
  }
  checkEssCertificate(attributes, certificate);
  // The signature covers the attributes encoded as a SET OF, not with their [0] tag (RFC 5652 5.4).
  const signed = toDer(set(childrenOf(signedAttrs)));
  const signature = valueBytes(signerInfo[5]);
  if (!verify(digest, signed, new X509Certificate(certificate).publicKey, signature)) {
    throw new Error('the token signature does not verify with the TSA certificate');
  }
}

/** signing-certificate-v2 (or v1) must name the certificate that signed (RFC 5816, RFC 2634). */
function checkEssCertificate(attributes: Map<string, Asn1>, certificate: Buffer): void {
  const v2 = attributes.get(TSP_OID.signingCertificateV2);
  const v1 = attributes.get(TSP_OID.signingCertificate);
  const value = v2 ?? v1;
  if (!value) throw new Error('expected a signing-certificate(-v2) attribute');
  const essCertId = childrenOf(childrenOf(childrenOf(value)[0])[0]);
  const hasAlgorithm = v2 !== undefined && isUniversal(essCertId[0], TAG.SEQUENCE);
  const hash = v2 ? (hasAlgorithm ? digestName(essCertId[0]) : 'sha256') : 'sha1';
  const certHash = valueBytes(essCertId[hasAlgorithm ? 1 : 0]);
  if (!certHash.equals(createHash(hash).update(certificate).digest())) {
    throw new Error('the signing-certificate attribute names another certificate');
  }
}

function checkTsaCertificate(certificate: Buffer, trust: Buffer[] | undefined): void {
  const x509 = new X509Certificate(certificate);
  if (!(x509.keyUsage ?? []).includes(TSP_OID.timeStamping)) {
    throw new Error('the TSA certificate is not certified for time-stamping');
  }
  if (!trust) return;
  const trusted = trust.some((der) => {
    if (der.equals(certificate)) return true;
    const anchor = new X509Certificate(der);

    return x509.checkIssued(anchor) && x509.verify(anchor.publicKey);
  });
  if (!trusted) throw new Error(`the TSA certificate (${x509.subject}) is not trusted`);
}

function parseTstInfo(der: Buffer): Omit<VerifiedTimeStamp, 'tsaCertificate'> {
  const [version, policy, imprint, serial, genTime, ...rest] = childrenOf(fromDer(der));
  if (!valueBytes(version).equals(Buffer.from([1]))) throw new Error('expected TSTInfo version 1');
  const [algorithm, hashed] = childrenOf(imprint);
  const hash = hashByOid(oidOf(childrenOf(algorithm)[0]));
  if (!hash) throw new Error('the token imprint uses an unknown hash');
  const nonce = rest.find((node) => isUniversal(node, TAG.INTEGER));

  return {
    policy: oidOf(policy),
    imprint: { hash, hashedMessage: valueBytes(hashed) },
    serialNumber: valueBytes(serial).toString('hex'),
    genTime: parseGeneralizedTime(valueBytes(genTime).toString('latin1')),
    nonce: nonce && valueBytes(nonce),
  };
}

/** "YYYYMMDDHHMMSS[.fff]Z" as RFC 3161 §2.4.2 writes it. */
function parseGeneralizedTime(text: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!match) throw new Error(`expected a UTC GeneralizedTime, got ${text}`);
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;

  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms));
}

function digestName(algorithm: Asn1): string {
  const id = oidOf(childrenOf(algorithm)[0]);
  const name = DIGEST_NAMES[id];
  if (!name) throw new Error(`unknown digest algorithm ${id}`);

  return name;
}

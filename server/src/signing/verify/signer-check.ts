import { createHash } from 'node:crypto';

import { bytesOf, children, SEQUENCE_TAG, tagOf, toDer } from './asn1';
import type { Certificate } from './certificate';
import { CMS_OID, findSignerCertificate, octetString } from './cms';
import type { SignedData, SignerInfo } from './cms';
import { digestName, verifySignature } from './signature-algorithm';

/** A verification step: passed, or failed with the reason. */
export interface Check {
  ok: boolean;
  reason?: string;
}

export const passed: Check = { ok: true };

export function failed(reason: string): Check {
  return { ok: false, reason };
}

/** What checking one SignerInfo against its content found. */
export interface SignerCheck {
  signerInfo: SignerInfo;
  certificate?: Certificate;
  digestAlgorithm: string;
  /** The message-digest attribute (or encapsulated digest) equals the recomputed one. */
  digest: Check;
  /** The signature over the signed attributes (or the content) verifies with the signer's key. */
  signature: Check;
  /** ESS signing-certificate(-v2) is present and names the signer certificate. */
  signingCertificate: Check;
}

/**
 * Checks the first SignerInfo of a SignedData against content given as parts (the byte ranges).
 * With signed attributes the signature covers their DER SET and the message-digest attribute
 * binds the content (RFC 5652 5.4); without them the signature covers the content itself.
 */
export function checkSigner(
  signed: SignedData,
  parts: Buffer[],
  extra: Certificate[] = [],
): SignerCheck {
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) throw new Error('the SignedData has no SignerInfo');
  const digestAlgorithm = digestName(signerInfo.digestAlgorithm);
  const certificate = findSignerCertificate(signerInfo, [...signed.certificates, ...extra]);
  const contentDigest = digestOf(digestAlgorithm, parts);
  const digest = checkDigest(signerInfo, contentDigest);
  const signature = certificate
    ? checkSignature(signerInfo, parts, digestAlgorithm, certificate)
    : failed('the signer certificate is not in the signature');

  return {
    signerInfo,
    certificate,
    digestAlgorithm,
    digest,
    signature,
    signingCertificate: checkSigningCertificate(signerInfo, certificate),
  };
}

export function digestOf(algorithm: string, parts: Buffer[]): Buffer {
  const hash = createHash(algorithm);
  parts.forEach((part) => hash.update(part));

  return hash.digest();
}

function checkDigest(info: SignerInfo, contentDigest: Buffer): Check {
  const values = info.signedAttributes.get(CMS_OID.messageDigest);
  if (!info.signedAttributesDer) return passed;
  if (!values?.[0]) return failed('the signed attributes have no message-digest');
  const claimed = octetString(values[0]);
  if (claimed.equals(contentDigest)) return passed;

  return failed(
    `message-digest ${claimed.toString('hex')} differs from the digest of the signed bytes ${contentDigest.toString('hex')}`,
  );
}

function checkSignature(
  info: SignerInfo,
  parts: Buffer[],
  digestAlgorithm: string,
  certificate: Certificate,
): Check {
  const data = info.signedAttributesDer ?? Buffer.concat(parts);
  try {
    const ok = verifySignature(
      info.signatureAlgorithm,
      data,
      info.signature,
      certificate.publicKey,
      digestAlgorithm,
    );

    return ok ? passed : failed('the signature does not verify with the signer certificate key');
  } catch (error) {
    return failed(`the signature cannot be verified: ${(error as Error).message}`);
  }
}

/**
 * ESS signing-certificate-v2 (RFC 5035) or its SHA-1 predecessor (RFC 2634): the first
 * ESSCertID's hash must be that of the signer certificate (ETSI EN 319 122-1 5.2.2).
 */
function checkSigningCertificate(info: SignerInfo, certificate: Certificate | undefined): Check {
  const v2 = info.signedAttributes.get(CMS_OID.signingCertificateV2)?.[0];
  const v1 = info.signedAttributes.get(CMS_OID.signingCertificate)?.[0];
  if (!v2 && !v1) return failed('no ESS signing-certificate attribute');
  if (!certificate) return failed('the signer certificate is not in the signature');
  try {
    const certIds = children(children(v2 ?? v1, 'SigningCertificate')[0], 'certs');
    const certId = children(certIds[0], 'ESSCertID');
    const hasAlgorithm = v2 !== undefined && tagOf(certId[0]) === SEQUENCE_TAG;
    const algorithm = hasAlgorithm ? digestName(certId[0]) : v2 ? 'sha256' : 'sha1';
    const hash = bytesOf(certId[hasAlgorithm ? 1 : 0], 'certHash');
    const expected = createHash(algorithm).update(certificate.der).digest();

    return hash.equals(expected)
      ? passed
      : failed('the signing-certificate hash does not match the signer certificate');
  } catch (error) {
    return failed(`the signing-certificate attribute cannot be read: ${(error as Error).message}`);
  }
}

/** The signature timestamp tokens in the unsigned attributes, as DER ContentInfo. */
export function signatureTimestampTokens(info: SignerInfo): Buffer[] {
  return (info.unsignedAttributes.get(CMS_OID.signatureTimeStampToken) ?? []).map(toDer);
}

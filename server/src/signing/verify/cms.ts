import forge from 'node-forge';

import { bytesOf, children, isContext, oidOf, parseDer, toDer, T, UNIVERSAL } from './asn1';
import type { Asn1 } from './asn1';
import { parseCertificates } from './certificate';
import type { Certificate } from './certificate';

export const CMS_OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
};

/** One SignerInfo (RFC 5652 5.3), with its attributes by OID. */
export interface SignerInfo {
  issuerDer?: Buffer;
  serial?: Buffer;
  subjectKeyIdentifier?: Buffer;
  digestAlgorithm: Asn1;
  /** DER of the signed attributes as signed: re-tagged as a SET (RFC 5652 5.4). */
  signedAttributesDer?: Buffer;
  signedAttributes: Map<string, Asn1[]>;
  signatureAlgorithm: Asn1;
  signature: Buffer;
  unsignedAttributes: Map<string, Asn1[]>;
}

/** SignedData (RFC 5652 5.1) as far as verification needs it. */
export interface SignedData {
  contentType: string;
  /** The encapsulated content, absent for a detached signature. */
  content?: Buffer;
  certificates: Certificate[];
  certificateDers: Buffer[];
  signerInfos: SignerInfo[];
}

/** Parses a DER ContentInfo holding SignedData; trailing zero padding is ignored. */
export function parseSignedData(der: Buffer): SignedData {
  const [type, explicit] = children(parseDer(der), 'ContentInfo');
  if (oidOf(type, 'contentType') !== CMS_OID.signedData) throw new Error('not a CMS SignedData');
  const fields = children(children(explicit, 'content')[0], 'SignedData');
  const encap = children(fields[2], 'encapContentInfo');
  const rest = fields.slice(3);
  const certificateDers = rest
    .filter((node) => isContext(node, 0))
    .flatMap((node) => children(node, 'certificates').filter((c) => c.type === T.SEQUENCE))
    .map(toDer);

  return {
    contentType: oidOf(encap[0], 'eContentType'),
    content: encap[1] ? octetString(children(encap[1], 'eContent')[0]) : undefined,
    certificates: parseCertificates(certificateDers),
    certificateDers,
    signerInfos: children(rest[rest.length - 1], 'signerInfos').map(parseSignerInfo),
  };
}

function parseSignerInfo(node: Asn1): SignerInfo {
  const fields = children(node, 'SignerInfo');
  const [sid, digestAlgorithm] = [fields[1], fields[2]];
  let at = 3;
  const signedNode = isContext(fields[at], 0) ? fields[at++] : undefined;
  const signatureAlgorithm = fields[at++];
  const signature = bytesOf(fields[at++], 'signature');
  const unsignedNode = isContext(fields[at], 1) ? fields[at] : undefined;

  return {
    ...signerIdentifier(sid),
    digestAlgorithm,
    signedAttributesDer: signedNode ? asSet(signedNode) : undefined,
    signedAttributes: attributes(signedNode),
    signatureAlgorithm,
    signature,
    unsignedAttributes: attributes(unsignedNode),
  };
}

function signerIdentifier(sid: Asn1): Partial<SignerInfo> {
  if (isContext(sid, 0)) return { subjectKeyIdentifier: bytesOf(sid, 'subjectKeyIdentifier') };
  const [issuer, serial] = children(sid, 'issuerAndSerialNumber');

  return { issuerDer: toDer(issuer), serial: bytesOf(serial, 'serialNumber') };
}

function asSet(node: Asn1): Buffer {
  return toDer(forge.asn1.create(UNIVERSAL, T.SET, true, children(node, 'attributes')));
}

function attributes(node: Asn1 | undefined): Map<string, Asn1[]> {
  const map = new Map<string, Asn1[]>();
  for (const attribute of node ? children(node, 'attributes') : []) {
    const [type, values] = children(attribute, 'attribute');
    map.set(oidOf(type, 'attrType'), children(values, 'attrValues'));
  }

  return map;
}

/** An OCTET STRING's content, joining the segments of a constructed (BER) one. */
export function octetString(node: Asn1): Buffer {
  if (Array.isArray(node.value)) return Buffer.concat(node.value.map(octetString));

  return bytesOf(node, 'OCTET STRING');
}

/** The certificate a SignerInfo names, among those given. */
export function findSignerCertificate(
  info: SignerInfo,
  certificates: Certificate[],
): Certificate | undefined {
  return certificates.find((cert) => {
    if (info.subjectKeyIdentifier) {
      return subjectKeyIdentifier(cert)?.equals(info.subjectKeyIdentifier) ?? false;
    }

    return cert.serial.equals(info.serial!) && cert.issuerDer.equals(info.issuerDer!);
  });
}

function subjectKeyIdentifier(cert: Certificate): Buffer | undefined {
  const value = cert.extensions.get('2.5.29.14');

  return value ? bytesOf(parseDer(value), 'subjectKeyIdentifier') : undefined;
}

import { createHash, createSign } from 'node:crypto';

import forge from 'node-forge';

import type { TestPki } from './test-pki';

const { asn1 } = forge;
const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

/** Deliberate departures from PAdES, to prove that the checks notice them. */
export interface CadesTestSignerFaults {
  /** Add a signing-time attribute, which ETSI.CAdES.detached forbids. */
  signingTime?: Date;
  /** Write the signed attributes in reverse DER order. */
  unsorted?: boolean;
  /** Leave out the ESS signing-certificate-v2 attribute. */
  withoutSigningCertificate?: boolean;
}

/**
 * A minimal CAdES-BES signer for tests (ETSI EN 319 122-1): content-type, message-digest and
 * signing-certificate-v2 as a DER-sorted SET, no signing-time. It stands in for the platform's
 * signer so the strict checks have a known-good file to pass.
 */
export function signCades(
  pki: TestPki,
  content: Buffer,
  faults: CadesTestSignerFaults = {},
): Buffer {
  const certificate = forge.pki.certificateToAsn1(pki.signerCertificate);
  const certificateDer = Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
  const attributes = signedAttributes(content, certificateDer, faults);
  const signature = createSign('sha256')
    .update(toDer(set(attributes)))
    .sign(pki.signerKeyPem);
  const tbs = certificate.value[0] as forge.asn1.Asn1;
  const [serial, , issuer] = (tbs.value as forge.asn1.Asn1[]).slice(1);
  const signerInfo = sequence([
    integer(1),
    sequence([issuer, serial]),
    algorithm(OIDS.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OIDS.rsaEncryption),
    octets(signature),
  ]);
  const signedData = sequence([
    integer(1),
    set([algorithm(OIDS.sha256)]),
    sequence([oid(OIDS.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [certificate]),
    set([signerInfo]),
  ]);

  return toDer(sequence([oid(OIDS.signedData), explicit(0, signedData)]));
}

function signedAttributes(content: Buffer, certificateDer: Buffer, faults: CadesTestSignerFaults) {
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(certificateDer).digest();
  const attributes = [
    attribute(OIDS.contentType, oid(OIDS.data)),
    attribute(OIDS.messageDigest, octets(digest)),
  ];
  if (!faults.withoutSigningCertificate) {
    // ESSCertIDv2 omits hashAlgorithm when it is the DEFAULT sha256, as DER requires (RFC 5035).
    const essCertIdV2 = sequence([octets(certHash)]);
    attributes.push(attribute(OIDS.signingCertificateV2, sequence([sequence([essCertIdV2])])));
  }
  if (faults.signingTime) {
    const time = asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.UTCTIME,
      false,
      asn1.dateToUtcTime(faults.signingTime),
    );
    attributes.push(attribute(OIDS.signingTime, time));
  }
  // X.690 11.6: a DER SET OF lists its elements in ascending order of their encodings.
  const sorted = attributes.sort((a, b) => Buffer.compare(toDer(a), toDer(b)));

  return faults.unsorted ? sorted.reverse() : sorted;
}

function attribute(type: string, value: forge.asn1.Asn1) {
  return sequence([oid(type), set([value])]);
}

function algorithm(type: string) {
  return sequence([oid(type), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
}

function sequence(value: forge.asn1.Asn1[]) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
}

function set(value: forge.asn1.Asn1[]) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, value);
}

function explicit(tag: number, value: forge.asn1.Asn1) {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [value]);
}

function oid(value: string) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

function integer(value: number) {
  return asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.INTEGER,
    false,
    asn1.integerToDer(value).getBytes(),
  );
}

function octets(value: Buffer) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, value.toString('binary'));
}

function toDer(value: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(value).getBytes(), 'binary');
}

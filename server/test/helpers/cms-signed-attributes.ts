import { createHash } from 'node:crypto';

import forge from 'node-forge';

import { bytesOf, childrenOf, contentOf, oidOf, readTlv, type Tlv } from './der';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** What the signed attributes must satisfy for one signature. */
export interface SignedAttributeRules {
  /** Require the ESS signing-certificate-v2 attribute (CHECKS.md 6). */
  requireSigningCertificate: boolean;
  /** Forbid signing-time, as ETSI.CAdES.detached demands (CHECKS.md 7). */
  forbidSigningTime: boolean;
}

interface SignerInfoParts {
  der: Buffer;
  digestAlgorithm: string;
  signedAttrs: Tlv;
  signerCertificate: Buffer | undefined;
}

interface Attribute {
  oid: string;
  encoding: Buffer;
  values: Tlv[];
}

/** The length of the DER CMS at the start of `/Contents`, so the zero padding can be cut off. */
export function cmsLength(contents: Buffer): number {
  if (contents.length === 0 || contents.every((byte) => byte === 0)) return 0;

  return readTlv(contents).end;
}

/**
 * Checks the signed attributes of the single SignerInfo in `cmsDer` against the bytes the
 * signature covers; returns one message per broken rule, empty when all hold.
 */
export function signedAttributeFailures(
  cmsDer: Buffer,
  signedBytes: Buffer,
  rules: SignedAttributeRules,
): string[] {
  let signer: SignerInfoParts;
  let attributes: Attribute[];
  try {
    signer = signerInfoOf(cmsDer);
    attributes = childrenOf(cmsDer, signer.signedAttrs).map((tlv) => attributeOf(cmsDer, tlv));
  } catch (error) {
    return [`cannot read the CMS SignerInfo: ${(error as Error).message}`];
  }

  return [
    ...derOrderFailures(signer, attributes),
    ...contentTypeFailures(cmsDer, attributes),
    ...messageDigestFailures(signer, attributes, signedBytes),
    ...signingCertificateFailures(attributes, signer, rules),
    ...signingTimeFailures(attributes, rules),
  ];
}

function signerInfoOf(cms: Buffer): SignerInfoParts {
  const [contentType, wrapped] = childrenOf(cms, readTlv(cms));
  if (oidOf(cms, contentType) !== OID.signedData) throw new Error('ContentInfo is not SignedData');
  const signedData = childrenOf(cms, childrenOf(cms, wrapped)[0]);
  const signerInfos = childrenOf(cms, signedData[signedData.length - 1]);
  if (signerInfos.length !== 1) {
    throw new Error(`expected exactly one SignerInfo, got ${signerInfos.length}`);
  }
  const fields = childrenOf(cms, signerInfos[0]);
  const signedAttrs = fields.find((field) => field.tag === 0xa0);
  if (!signedAttrs) throw new Error('SignerInfo has no signed attributes');
  const certificates = signedData.find((field) => field.tag === 0xa0);

  return {
    der: cms,
    digestAlgorithm: digestNameOf(cms, fields[2]),
    signedAttrs,
    signerCertificate: certificates && findSignerCertificate(cms, fields[1], certificates),
  };
}

function digestNameOf(der: Buffer, algorithmIdentifier: Tlv): string {
  const oid = oidOf(der, childrenOf(der, algorithmIdentifier)[0]);
  const name = DIGESTS[oid];
  if (!name) throw new Error(`unknown digest algorithm ${oid}`);

  return name;
}

/** Finds the certificate named by an issuerAndSerialNumber SignerIdentifier. */
function findSignerCertificate(der: Buffer, sid: Tlv, certificates: Tlv): Buffer | undefined {
  if (sid.tag !== 0x30) return undefined;
  const [issuer, serial] = childrenOf(der, sid);

  const match = childrenOf(der, certificates).find((certificate) => {
    if (certificate.tag !== 0x30) return false;
    const tbs = childrenOf(der, childrenOf(der, certificate)[0]);
    const first = tbs[0].tag === 0xa0 ? 1 : 0;

    return (
      contentOf(der, tbs[first]).equals(contentOf(der, serial)) &&
      bytesOf(der, tbs[first + 2]).equals(bytesOf(der, issuer))
    );
  });

  return match && bytesOf(der, match);
}

function attributeOf(der: Buffer, tlv: Tlv): Attribute {
  const [type, values] = childrenOf(der, tlv);

  return { oid: oidOf(der, type), encoding: bytesOf(der, tlv), values: childrenOf(der, values) };
}

/**
 * BouncyCastle-based validators re-encode the signed attributes as DER before checking the
 * signature, so an unsorted SET OF (X.690 11.6) or a non-minimal length breaks them even though
 * openssl and pdfsig, which hash the bytes as found, accept it.
 */
function derOrderFailures(signer: SignerInfoParts, attributes: Attribute[]): string[] {
  const failures: string[] = [];
  for (let i = 1; i < attributes.length; i++) {
    if (Buffer.compare(attributes[i - 1].encoding, attributes[i].encoding) > 0) {
      failures.push(
        `signed attributes are not in DER order: ${attributes[i - 1].oid} precedes ${attributes[i].oid}`,
      );
    }
  }
  const original = bytesOf(signer.der, signer.signedAttrs).toString('binary');
  const reencoded = forge.asn1.toDer(forge.asn1.fromDer(original, true)).getBytes();
  if (reencoded !== original) failures.push('signed attributes are not DER-encoded');
  const types = attributes.map((attribute) => attribute.oid);
  const repeated = types.filter((oid, index) => types.indexOf(oid) !== index);
  if (repeated.length > 0) failures.push(`signed attributes repeat ${repeated.join(', ')}`);

  return failures;
}

function contentTypeFailures(cms: Buffer, attributes: Attribute[]): string[] {
  const attribute = attributes.find((candidate) => candidate.oid === OID.contentType);
  if (!attribute) return ['signed attributes lack content-type'];
  const oid = oidOf(cms, attribute.values[0]);

  return oid === OID.data ? [] : [`content-type is ${oid}, expected id-data ${OID.data}`];
}

function messageDigestFailures(
  signer: SignerInfoParts,
  attributes: Attribute[],
  signed: Buffer,
): string[] {
  const attribute = attributes.find((candidate) => candidate.oid === OID.messageDigest);
  if (!attribute) return ['signed attributes lack message-digest'];
  const found = contentOf(signer.der, attribute.values[0]);
  const digest = signer.digestAlgorithm;
  const expected = createHash(digest).update(signed).digest();

  return found.equals(expected)
    ? []
    : [
        `message-digest ${found.toString('hex')} != ${digest} of the signed ranges ${expected.toString('hex')}`,
      ];
}

/** ESS signing-certificate-v2 (RFC 5035) binds the signer certificate into the signature. */
function signingCertificateFailures(
  attributes: Attribute[],
  signer: SignerInfoParts,
  rules: SignedAttributeRules,
): string[] {
  const attribute = attributes.find((candidate) => candidate.oid === OID.signingCertificateV2);
  if (!attribute)
    return rules.requireSigningCertificate ? ['signed attributes lack signing-certificate-v2'] : [];
  if (!signer.signerCertificate)
    return ['the signer certificate (by issuerAndSerialNumber) is not embedded'];

  const der = signer.der;
  const certs = childrenOf(der, attribute.values[0]);
  const essCertId = childrenOf(der, childrenOf(der, certs[0])[0]);
  const hasAlgorithm = essCertId[0].tag === 0x30;
  const algorithm = hasAlgorithm ? digestNameOf(der, essCertId[0]) : 'sha256';
  const certHash = contentOf(der, essCertId[hasAlgorithm ? 1 : 0]);
  const expected = createHash(algorithm).update(signer.signerCertificate).digest();

  return certHash.equals(expected)
    ? []
    : [
        `signing-certificate-v2 certHash ${certHash.toString('hex')} != ${algorithm} of the signer certificate ${expected.toString('hex')}`,
      ];
}

function signingTimeFailures(attributes: Attribute[], rules: SignedAttributeRules): string[] {
  const present = attributes.some((attribute) => attribute.oid === OID.signingTime);

  return rules.forbidSigningTime && present
    ? [
        'signing-time is a signed attribute, which ETSI.CAdES.detached forbids (the time belongs in /M)',
      ]
    : [];
}

import { createHash, sign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

/** One attribute of a distinguished name, e.g. { shortName: 'CN', value: '合同专用章' }. */
export interface NameAttribute {
  shortName: 'CN' | 'O' | 'OU' | 'C' | 'ST' | 'L' | 'serialNumber';
  value: string;
}

export type KeyUsage = 'digitalSignature' | 'nonRepudiation' | 'keyCertSign' | 'cRLSign';

export type ExtendedKeyUsage = 'timeStamping';

/** Where relying parties fetch the issuer's CRL and certificate (RFC 5280 §4.2.1.13, §4.2.2.1). */
export interface IssuerLocations {
  crlUrl?: string;
  caIssuersUrl?: string;
  ocspUrl?: string;
}

/** What a certificate should say; the issuer's key signs it natively. */
export interface CertificateTemplate {
  subject: NameAttribute[];
  issuer: NameAttribute[];
  subjectKey: KeyObject;
  issuerKey: KeyObject;
  /** Issuer's subject key identifier, for the authority key identifier extension. */
  issuerKeyId?: Buffer;
  serialNumber: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** Present for CA certificates. */
  ca?: { pathLength?: number };
  keyUsage: KeyUsage[];
  /** Marked critical: the key may serve these purposes only (RFC 3161 §2.3 for a TSA). */
  extendedKeyUsage?: ExtendedKeyUsage[];
  issuerLocations?: IssuerLocations;
}

/** The facts about a certificate that the API shows. */
export interface CertificateFacts {
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
}

const KEY_USAGE_BITS: Record<KeyUsage, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyCertSign: 5,
  cRLSign: 6,
};

const NAME_OIDS: Record<NameAttribute['shortName'], string> = {
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
};

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  ocsp: '1.3.6.1.5.5.7.48.1',
};

const EXTENDED_KEY_USAGE_OIDS: Record<ExtendedKeyUsage, string> = {
  timeStamping: '1.3.6.1.5.5.7.3.8',
};

/** Builds and signs an X.509 v3 certificate (RFC 5280) for a key of any algorithm. */
export function issueCertificate(template: CertificateTemplate): Buffer {
  const algorithm = signatureAlgorithm(template.issuerKey);
  const tbs = tbsCertificate(template, algorithm);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, template.issuerKey);
  const certificate = sequence([tbs, algorithm, bitString(signature)]);

  return Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = asn1.fromDer(publicKey.export({ type: 'spki', format: 'der' }).toString('binary'));
  const bits = (spki.value as Asn1[])[1].value as string;

  return createHash('sha1')
    .update(Buffer.from(bits.slice(1), 'binary'))
    .digest();
}

export function describeCertificate(der: Buffer): CertificateFacts {
  const x509 = new X509Certificate(der);

  return {
    serialNumber: x509.serialNumber.toLowerCase(),
    subject: x509.subject.split('\n').reverse().join(', '),
    issuer: x509.issuer.split('\n').reverse().join(', '),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprintSha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
}

export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  const body = der.toString('base64').replace(/.{64}/g, '$&\n').trimEnd();

  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function tbsCertificate(t: CertificateTemplate, algorithm: Asn1): Asn1 {
  const spki = asn1.fromDer(
    t.subjectKey.export({ type: 'spki', format: 'der' }).toString('binary'),
  );

  return sequence([
    explicit(0, integer(Buffer.from([2]))),
    integer(t.serialNumber),
    algorithm,
    distinguishedName(t.issuer),
    sequence([time(t.notBefore), time(t.notAfter)]),
    distinguishedName(t.subject),
    spki,
    explicit(3, sequence(extensions(t))),
  ]);
}

function extensions(t: CertificateTemplate): Asn1[] {
  const list = [
    extension(OID.basicConstraints, true, basicConstraints(t.ca)),
    extension(OID.keyUsage, true, keyUsage(t.keyUsage)),
    extension(OID.subjectKeyId, false, octets(keyIdentifier(t.subjectKey))),
  ];
  if (t.issuerKeyId) {
    const aki = sequence([node(asn1.Class.CONTEXT_SPECIFIC, 0, false, t.issuerKeyId)]);
    list.push(extension(OID.authorityKeyId, false, aki));
  }
  if (t.extendedKeyUsage) {
    const purposes = t.extendedKeyUsage.map((usage) => oid(EXTENDED_KEY_USAGE_OIDS[usage]));
    list.push(extension(OID.extendedKeyUsage, true, sequence(purposes)));
  }

  return [...list, ...locationExtensions(t.issuerLocations ?? {})];
}

/** CRL distribution point and OCSP/caIssuers access, each a URI GeneralName ([6] IA5String). */
function locationExtensions({ crlUrl, caIssuersUrl, ocspUrl }: IssuerLocations): Asn1[] {
  const list: Asn1[] = [];
  if (crlUrl) {
    const fullName = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [uri(crlUrl)]);
    const point = sequence([explicit(0, fullName)]);
    list.push(extension(OID.crlDistributionPoints, false, sequence([point])));
  }
  const access = [
    ...(ocspUrl ? [sequence([oid(OID.ocsp), uri(ocspUrl)])] : []),
    ...(caIssuersUrl ? [sequence([oid(OID.caIssuers), uri(caIssuersUrl)])] : []),
  ];
  if (access.length > 0) list.push(extension(OID.authorityInfoAccess, false, sequence(access)));

  return list;
}

const uri = (url: string) =>
  node(asn1.Class.CONTEXT_SPECIFIC, 6, false, Buffer.from(url, 'latin1'));

function basicConstraints(ca: CertificateTemplate['ca']): Asn1 {
  if (!ca) return sequence([]);
  const fields = [node(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, Buffer.from([0xff]))];
  if (ca.pathLength !== undefined) fields.push(integer(Buffer.from([ca.pathLength])));

  return sequence(fields);
}

/** A named bit list: trailing zero bits are dropped and counted in the first octet (X.690 11.2.2). */
function keyUsage(usages: KeyUsage[]): Asn1 {
  let bits = 0;
  for (const usage of usages) bits |= 0x8000 >> KEY_USAGE_BITS[usage];
  const bytes = bits & 0xff ? [bits >> 8, bits & 0xff] : [bits >> 8];
  const last = bytes[bytes.length - 1];
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;

  return node(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, Buffer.from([unused, ...bytes]));
}

/** The AlgorithmIdentifier an issuer key signs with: SHA-256 with RSA or ECDSA. */
export function signatureAlgorithm(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === 'rsa') {
    return sequence([
      oid(OID.sha256WithRSA),
      node(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
    ]);
  }
  if (key.asymmetricKeyType === 'ec') return sequence([oid(OID.ecdsaWithSHA256)]);
  throw new Error(`Unsupported issuer key type ${key.asymmetricKeyType}`);
}

function distinguishedName(attributes: NameAttribute[]): Asn1 {
  return forge.pki.distinguishedNameToAsn1({
    attributes: attributes.map((a) => ({
      type: NAME_OIDS[a.shortName],
      value: a.value,
      // Country and serial number are PrintableString by definition; the rest UTF8String.
      valueTagClass:
        a.shortName === 'C' || a.shortName === 'serialNumber'
          ? asn1.Type.PRINTABLESTRING
          : asn1.Type.UTF8,
    })),
  } as unknown as forge.pki.Certificate['subject']);
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  const fields = [oid(id)];
  if (critical)
    fields.push(node(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, Buffer.from([0xff])));
  fields.push(octets(Buffer.from(asn1.toDer(value).getBytes(), 'binary')));

  return sequence(fields);
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Asn1 {
  if (date.getUTCFullYear() < 2050) {
    return node(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date));
  }

  return node(
    asn1.Class.UNIVERSAL,
    asn1.Type.GENERALIZEDTIME,
    false,
    asn1.dateToGeneralizedTime(date),
  );
}

/** A positive INTEGER: a leading zero octet keeps the top bit from reading as a sign. */
function integer(bytes: Buffer): Asn1 {
  const positive = bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;

  return node(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, positive);
}

const sequence = (items: Asn1[]) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const explicit = (tag: number, inner: Asn1) =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);
const oid = (id: string) =>
  node(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => node(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const bitString = (bytes: Buffer) =>
  node(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, Buffer.concat([Buffer.from([0]), bytes]));

function node(
  cls: forge.asn1.Class,
  type: number,
  constructed: boolean,
  value: Buffer | string,
): Asn1 {
  return asn1.create(
    cls,
    type,
    constructed,
    typeof value === 'string' ? value : value.toString('binary'),
  );
}

/**
 * CRLs for tests (RFC 5280 5.1), built at the ASN.1 level with node-forge and signed with
 * node:crypto by the test CA's key.
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const { UNIVERSAL } = asn1.Class;
const T = asn1.Type;

export interface TestCrlInput {
  /** DER of the issuing CA's certificate, whose subject becomes the CRL issuer. */
  issuerCertificate: Buffer;
  issuerKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked?: { certificate: Buffer; date: Date }[];
}

/** Builds a v2 CRL signed with sha256WithRSAEncryption. */
export function buildCrl(input: TestCrlInput): Buffer {
  const algorithm = seq([oid('1.2.840.113549.1.1.11'), asn1.create(UNIVERSAL, T.NULL, false, '')]);
  const entries = (input.revoked ?? []).map(({ certificate, date }) =>
    seq([tbsFields(certificate).serial, time(date)]),
  );
  const tbs = seq([
    asn1.create(UNIVERSAL, T.INTEGER, false, '\x01'),
    algorithm,
    tbsFields(input.issuerCertificate).subject,
    time(input.thisUpdate),
    time(input.nextUpdate),
    ...(entries.length ? [seq(entries)] : []),
  ]);
  const tbsDer = toDer(tbs);
  const signature = sign('sha256', tbsDer, input.issuerKey);
  const bits = asn1.create(UNIVERSAL, T.BITSTRING, false, `\x00${signature.toString('binary')}`);

  return toDer(seq([tbs, algorithm, bits]));
}

function tbsFields(certificate: Buffer): { serial: Asn1; subject: Asn1 } {
  const cert = asn1.fromDer(certificate.toString('binary'));
  const tbs = (cert.value as Asn1[])[0].value as Asn1[];

  return { serial: tbs[1], subject: tbs[5] };
}

function time(date: Date): Asn1 {
  return asn1.create(UNIVERSAL, T.UTCTIME, false, asn1.dateToUtcTime(date));
}

function seq(items: Asn1[]): Asn1 {
  return asn1.create(UNIVERSAL, T.SEQUENCE, true, items);
}

function oid(id: string): Asn1 {
  return asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(id).getBytes());
}

function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

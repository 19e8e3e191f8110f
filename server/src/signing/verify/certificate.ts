import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import {
  bitStringBytes,
  bytesOf,
  children,
  isContext,
  nameToString,
  oidOf,
  parseDer,
  BOOLEAN_TAG,
  tagOf,
  timeOf,
  toDer,
} from './asn1';
import type { Asn1 } from './asn1';
import { verifySignature } from './signature-algorithm';

/** What a report says about a certificate. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** Serial number, lower-case hex without leading zero octets. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  der: Buffer;
}

/** Key usage bits (RFC 5280 4.2.1.3) that matter for validation. */
export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
}

/** An X.509 certificate parsed at the ASN.1 level (forge's X.509 layer knows no EC keys). */
export class Certificate {
  readonly tbs: Buffer;
  readonly signatureAlgorithm: Asn1;
  readonly signature: Buffer;
  readonly serial: Buffer;
  readonly issuerDer: Buffer;
  readonly subjectDer: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly extensions = new Map<string, Buffer>();
  private readonly subjectNode: Asn1;
  private readonly issuerNode: Asn1;

  constructor(readonly der: Buffer) {
    const [tbs, algorithm, signature] = children(parseDer(der), 'certificate');
    this.tbs = toDer(tbs);
    this.signatureAlgorithm = algorithm;
    this.signature = bitStringBytes(signature, 'certificate signature');
    const fields = children(tbs, 'tbsCertificate');
    const at = isContext(fields[0], 0) ? 1 : 0;
    this.serial = bytesOf(fields[at], 'serialNumber');
    this.issuerNode = fields[at + 2];
    this.issuerDer = toDer(this.issuerNode);
    const [from, to] = children(fields[at + 3], 'validity');
    [this.notBefore, this.notAfter] = [timeOf(from, 'notBefore'), timeOf(to, 'notAfter')];
    this.subjectNode = fields[at + 4];
    this.subjectDer = toDer(this.subjectNode);
    this.publicKey = createPublicKey({ key: toDer(fields[at + 5]), format: 'der', type: 'spki' });
    fields.filter((field) => isContext(field, 3)).forEach((field) => this.readExtensions(field));
  }

  get subject(): string {
    return nameToString(this.subjectNode);
  }

  get issuer(): string {
    return nameToString(this.issuerNode);
  }

  get serialHex(): string {
    return this.serial.toString('hex').replace(/^(00)+(?=.)/, '');
  }

  get isSelfIssued(): boolean {
    return this.subjectDer.equals(this.issuerDer);
  }

  /** The key usage extension, or `undefined` when absent (then every usage is allowed). */
  get keyUsage(): KeyUsage | undefined {
    const value = this.extensions.get('2.5.29.15');
    if (!value) return undefined;
    const bits = bitStringBytes(parseDer(value), 'keyUsage');
    const bit = (index: number): boolean => ((bits[index >> 3] ?? 0) & (0x80 >> (index % 8))) !== 0;

    return {
      digitalSignature: bit(0),
      nonRepudiation: bit(1),
      keyCertSign: bit(5),
      cRLSign: bit(6),
    };
  }

  /** The cA flag of basicConstraints (RFC 5280 4.2.1.9). */
  get isCa(): boolean {
    const value = this.extensions.get('2.5.29.19');
    if (!value) return false;
    const first = children(parseDer(value), 'basicConstraints')[0];

    return first !== undefined && tagOf(first) === BOOLEAN_TAG && bytesOf(first, 'cA')[0] !== 0;
  }

  get facts(): CertificateFacts {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serial: this.serialHex,
      notBefore: this.notBefore,
      notAfter: this.notAfter,
      fingerprint: createHash('sha256').update(this.der).digest('hex'),
      der: this.der,
    };
  }

  /** Whether `issuer` signed this certificate. */
  isSignedBy(issuer: Certificate): boolean {
    return verifySignature(this.signatureAlgorithm, this.tbs, this.signature, issuer.publicKey);
  }

  isValidAt(time: Date): boolean {
    return this.notBefore <= time && time <= this.notAfter;
  }

  private readExtensions(wrapper: Asn1): void {
    for (const extension of children(children(wrapper, 'extensions')[0], 'extensions')) {
      const parts = children(extension, 'extension');
      const value = parts[parts.length - 1];
      this.extensions.set(oidOf(parts[0], 'extnID'), bytesOf(value, 'extnValue'));
    }
  }
}

/** Parses certificates, skipping any that cannot be read. */
export function parseCertificates(ders: Buffer[]): Certificate[] {
  return ders.flatMap((der) => {
    try {
      return [new Certificate(der)];
    } catch {
      return [];
    }
  });
}

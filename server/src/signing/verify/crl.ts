import { bitStringBytes, bytesOf, children, isContext, parseDer, timeOf, toDer, T } from './asn1';
import type { Asn1 } from './asn1';
import type { Certificate } from './certificate';
import { verifySignature } from './signature-algorithm';

/** A certificate revocation list (RFC 5280 5.1) reduced to what status checking needs. */
export class Crl {
  readonly issuerDer: Buffer;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Revocation date by serial number (hex, as in the certificate's DER content octets). */
  readonly revoked = new Map<string, Date>();
  private readonly tbs: Buffer;
  private readonly algorithm: Asn1;
  private readonly signature: Buffer;

  constructor(readonly der: Buffer) {
    const [tbs, algorithm, signature] = children(parseDer(der), 'CertificateList');
    [this.tbs, this.algorithm] = [toDer(tbs), algorithm];
    this.signature = bitStringBytes(signature, 'CRL signature');
    const fields = children(tbs, 'tbsCertList');
    const at = fields[0].type === T.INTEGER ? 1 : 0;
    this.issuerDer = toDer(fields[at + 1]);
    this.thisUpdate = timeOf(fields[at + 2], 'thisUpdate');
    const rest = fields.slice(at + 3);
    if (rest[0] && (rest[0].type === T.UTCTIME || rest[0].type === T.GENERALIZEDTIME)) {
      this.nextUpdate = timeOf(rest.shift(), 'nextUpdate');
    }
    if (rest[0] && !isContext(rest[0], 0)) this.readEntries(rest[0]);
  }

  /** Whether `issuer` signed this list. */
  isSignedBy(issuer: Certificate): boolean {
    try {
      return verifySignature(this.algorithm, this.tbs, this.signature, issuer.publicKey);
    } catch {
      return false;
    }
  }

  private readEntries(list: Asn1): void {
    for (const entry of children(list, 'revokedCertificates')) {
      const [serial, date] = children(entry, 'revoked certificate');
      this.revoked.set(bytesOf(serial, 'userCertificate').toString('hex'), timeOf(date, 'date'));
    }
  }
}

/** Parses CRLs, skipping any that cannot be read. */
export function parseCrls(ders: Buffer[]): Crl[] {
  return ders.flatMap((der) => {
    try {
      return [new Crl(der)];
    } catch {
      return [];
    }
  });
}

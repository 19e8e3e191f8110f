import type { CertificatePath } from './chain';
import type { Certificate } from './certificate';
import type { Crl } from './crl';

export type RevocationStatus = 'GOOD' | 'REVOKED' | 'UNKNOWN';

/** The status of one certificate of the chain. */
export interface CertificateRevocation {
  subject: string;
  status: RevocationStatus;
  /** Set when a CRL lists the certificate, even if it was revoked only after signing. */
  revocationDate?: Date;
  reason?: string;
}

export interface RevocationReport {
  /** The worst status over the chain: REVOKED, else UNKNOWN, else GOOD. */
  status: RevocationStatus;
  certificates: CertificateRevocation[];
  reasons: string[];
}

/**
 * Checks every certificate of the path below the trust anchor against CRLs signed by its issuer.
 * A certificate revoked before the signing time makes the signature REVOKED; one revoked later
 * is GOOD at signing time, with the revocation date reported (ETSI EN 319 102-1 5.2.5).
 */
export function checkRevocation(
  path: CertificatePath,
  crls: Crl[],
  signingTime: Date,
): RevocationReport {
  const checked = path.certificates
    .slice(0, -1)
    .map((cert, index) => statusOf(cert, path.certificates[index + 1], crls, signingTime));
  if (!path.anchored && path.certificates.length > 0) {
    const last = path.certificates[path.certificates.length - 1];
    if (!last.isSelfIssued) checked.push(noIssuer(last));
  }
  const status = checked.some((c) => c.status === 'REVOKED')
    ? 'REVOKED'
    : checked.some((c) => c.status === 'UNKNOWN')
      ? 'UNKNOWN'
      : 'GOOD';

  return {
    status,
    certificates: checked,
    reasons: checked.flatMap((c) => (c.reason && c.status !== 'GOOD' ? [c.reason] : [])),
  };
}

function statusOf(
  cert: Certificate,
  issuer: Certificate,
  crls: Crl[],
  signingTime: Date,
): CertificateRevocation {
  const subject = cert.subject;
  const usable = crls.filter(
    (crl) =>
      crl.issuerDer.equals(cert.issuerDer) &&
      (!crl.nextUpdate || crl.nextUpdate >= signingTime) &&
      crl.isSignedBy(issuer),
  );
  if (usable.length === 0) {
    return {
      subject,
      status: 'UNKNOWN',
      reason: `no valid CRL from "${issuer.subject}" covers "${subject}" at the signing time`,
    };
  }
  const serial = cert.serial.toString('hex');
  const dates = usable.flatMap((crl) =>
    crl.revoked.has(serial) ? [crl.revoked.get(serial)!] : [],
  );
  if (dates.length === 0) return { subject, status: 'GOOD' };
  const revocationDate = new Date(Math.min(...dates.map((date) => date.getTime())));
  if (revocationDate <= signingTime) {
    return {
      subject,
      status: 'REVOKED',
      revocationDate,
      reason: `"${subject}" was revoked at ${revocationDate.toISOString()}, before the signing time ${signingTime.toISOString()}`,
    };
  }

  return {
    subject,
    status: 'GOOD',
    revocationDate,
    reason: `"${subject}" was revoked at ${revocationDate.toISOString()}, after the signing time`,
  };
}

function noIssuer(cert: Certificate): CertificateRevocation {
  return {
    subject: cert.subject,
    status: 'UNKNOWN',
    reason: `the issuer of "${cert.subject}" is unknown, so no CRL can be checked`,
  };
}

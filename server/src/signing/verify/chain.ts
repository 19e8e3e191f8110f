import type { Certificate } from './certificate';

/** How far a chain is followed before giving up: real PKIs are three or four deep. */
const MAX_DEPTH = 8;

/** A certification path from the signer towards a root, and how it ended. */
export interface CertificatePath {
  /** Signer first; ends at a trust anchor when `anchored`. */
  certificates: Certificate[];
  anchored: boolean;
}

/**
 * Builds the path by repeatedly choosing an issuer whose subject is the certificate's issuer and
 * whose key verifies its signature (RFC 5280 6.1), preferring trust anchors over other
 * candidates so that a cross-certified or re-issued root does not hide the anchor.
 */
export function buildPath(
  leaf: Certificate,
  pool: Certificate[],
  anchors: Certificate[],
): CertificatePath {
  const certificates = [leaf];
  for (let current = leaf; certificates.length <= MAX_DEPTH;) {
    if (anchors.some((anchor) => anchor.der.equals(current.der))) {
      return { certificates, anchored: true };
    }
    const issuer = findIssuer(current, anchors) ?? findIssuer(current, pool);
    if (!issuer || certificates.some((cert) => cert.der.equals(issuer.der))) break;
    certificates.push(issuer);
    current = issuer;
  }

  return { certificates, anchored: false };
}

function findIssuer(cert: Certificate, candidates: Certificate[]): Certificate | undefined {
  return candidates.find((candidate) => {
    if (!candidate.subjectDer.equals(cert.issuerDer)) return false;
    try {
      return cert.isSignedBy(candidate);
    } catch {
      return false;
    }
  });
}

/** What the trust evaluation of a signer's chain found. */
export interface TrustReport {
  /** The chain ends at one of the given trust anchors, every link verified. */
  reachesTrustAnchor: boolean;
  /** Every certificate of the chain was within its validity period at `validationTime`. */
  validAtValidationTime: boolean;
  /**
   * Every certificate of the chain is within its validity period now. False for a seal that
   * expired after signing: the signature still holds, judged at its signing time.
   */
  validNow: boolean;
  /** The signer certificate's key usage allows digitalSignature or nonRepudiation. */
  keyUsageAllowsSigning: boolean;
  /** Issuers in the chain are CAs (basicConstraints cA). */
  issuersAreCas: boolean;
  /** The time the chain was judged at: timestamp, else claimed signing time, else now. */
  validationTime: Date;
  validationTimeSource: 'timestamp' | 'claimed' | 'now';
  reasons: string[];
}

/** Judges a built path at a time (ETSI EN 319 102-1 5.2.6, simplified to the basic checks). */
export function evaluateTrust(
  path: CertificatePath,
  validationTime: Date,
  validationTimeSource: TrustReport['validationTimeSource'],
  now: Date,
): TrustReport {
  const reasons: string[] = [];
  const [leaf, ...issuers] = path.certificates;
  if (!path.anchored) reasons.push(`the chain of "${leaf.subject}" reaches no trust anchor`);
  const outOfDate = path.certificates.filter((cert) => !cert.isValidAt(validationTime));
  outOfDate.forEach((cert) => reasons.push(validityReason(cert, validationTime)));
  const usage = leaf.keyUsage;
  const keyUsageAllowsSigning = !usage || usage.digitalSignature || usage.nonRepudiation;
  if (!keyUsageAllowsSigning) {
    reasons.push('the signer key usage allows neither digitalSignature nor nonRepudiation');
  }
  const notCa = issuers.filter((cert) => !cert.isCa && !cert.isSelfIssued);
  notCa.forEach((cert) => reasons.push(`issuer "${cert.subject}" is not a CA`));

  return {
    reachesTrustAnchor: path.anchored,
    validAtValidationTime: outOfDate.length === 0,
    validNow: path.certificates.every((cert) => cert.isValidAt(now)),
    keyUsageAllowsSigning,
    issuersAreCas: notCa.length === 0,
    validationTime,
    validationTimeSource,
    reasons,
  };
}

function validityReason(cert: Certificate, time: Date): string {
  const when = time < cert.notBefore ? 'not yet valid' : 'expired';

  return `"${cert.subject}" was ${when} at ${time.toISOString()} (valid ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()})`;
}

import type { SignatureVerification, Verdict } from './report';

type Judged = Omit<SignatureVerification, 'verdict' | 'reasons'>;

/**
 * The verdict of ETSI EN 319 102-1 5.1.3, reduced: INVALID when the signed bytes or the signature
 * are broken, a later change is not permitted, a timestamp is false or the signer was revoked
 * before signing; INDETERMINATE when all that holds but trust or revocation cannot be
 * established; VALID otherwise.
 */
export function judge(report: Judged, hasSigner: boolean): { verdict: Verdict; reasons: string[] } {
  const invalid = invalidReasons(report);
  if (invalid.length > 0) return { verdict: 'INVALID', reasons: invalid };
  const indeterminate = indeterminateReasons(report, hasSigner);
  if (indeterminate.length > 0) return { verdict: 'INDETERMINATE', reasons: indeterminate };

  return { verdict: 'VALID', reasons: [] };
}

function invalidReasons(report: Judged): string[] {
  const { integrity, timestamp, trust, revocation } = report;
  const reasons = [
    integrity.digest,
    integrity.signature,
    integrity.byteRangeStartsAtZero,
    integrity.holeIsContents,
    integrity.rangesContiguous,
    integrity.revisionEndsAtEof,
  ].flatMap((check) => (check.ok ? [] : [check.reason!]));
  if (report.kind !== 'documentTimestamp' && timestamp) {
    if (!timestamp.imprintMatches.ok)
      reasons.push(`signature timestamp: ${timestamp.imprintMatches.reason}`);
    if (!timestamp.signatureValid.ok)
      reasons.push(`signature timestamp: ${timestamp.signatureValid.reason}`);
  }
  for (const change of report.modifications.filter((m) => !m.allowed)) {
    reasons.push(
      `forbidden ${change.change} object ${change.objectNumber} (${change.category}): ${change.detail}`,
    );
  }
  if (trust && !trust.keyUsageAllowsSigning)
    reasons.push(...trust.reasons.filter((r) => r.includes('key usage')));
  if (revocation?.status === 'REVOKED') reasons.push(...revocation.reasons);

  return [...new Set(reasons)];
}

function indeterminateReasons(report: Judged, hasSigner: boolean): string[] {
  if (!hasSigner) return ['the signer certificate is not available'];
  const reasons = [...(report.trust?.reasons ?? [])];
  if (report.revocation?.status === 'UNKNOWN') reasons.push(...report.revocation.reasons);

  return reasons;
}

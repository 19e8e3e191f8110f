import { toPem } from '../pki/x509';
import type { Seal } from '../seal/seal.entity';
import type * as Engine from '../signing/verify';
import type { CertificateInfo } from './certificate-info.type';
import type { IntegrityReport } from './integrity-report.type';
import {
  ChangeCategory,
  type ModificationInfo,
  ModificationChange,
} from './modification-info.type';
import { type RevocationInfo, RevocationStatus } from './revocation-info.type';
import {
  PadesLevel,
  type SignatureVerification,
  SignatureKind,
} from './signature-verification.type';
import type { TimestampInfo } from './timestamp-info.type';
import { type TrustInfo, ValidationTimeSource } from './trust-info.type';
import { Verdict } from './verdict.enum';
import type { VerificationReport } from './verification-report.type';

/** Platform seals by the SHA-256 fingerprint of their certificate, as the caller may see them. */
export type SealsByFingerprint = ReadonlyMap<string, Seal>;

/** The engine's report in the API's shape, each signature annotated with its seal if known. */
export function toVerificationReport(
  report: Engine.VerificationReport,
  seals: SealsByFingerprint,
): VerificationReport {
  return {
    verdict: VERDICT[report.verdict],
    reasons: report.reasons,
    encrypted: report.encrypted,
    revisions: report.revisions,
    signatures: report.signatures.map((signature) => toSignature(signature, seals)),
  };
}

function toSignature(
  s: Engine.SignatureVerification,
  seals: SealsByFingerprint,
): SignatureVerification {
  return {
    fieldName: s.fieldName,
    subFilter: s.subFilter ?? null,
    kind: KIND[s.kind],
    page: s.page ?? null,
    signerName: s.signerName ?? null,
    reason: s.reason ?? null,
    location: s.location ?? null,
    claimedSigningTime: s.claimedSigningTime ?? null,
    timestampTime: s.timestamp?.genTime ?? null,
    byteRange: s.byteRange ? [...s.byteRange] : null,
    signer: s.signer ? toCertificate(s.signer) : null,
    chain: s.chain.map(toCertificate),
    integrity: toIntegrity(s.integrity),
    timestamp: s.timestamp ? toTimestamp(s.timestamp) : null,
    trust: s.trust ? toTrust(s.trust) : null,
    revocation: s.revocation ? toRevocation(s.revocation) : null,
    level: LEVEL[s.level],
    changePermission: s.changePermission === 'none' ? null : s.changePermission,
    modifications: s.modifications.map(toModification),
    verdict: VERDICT[s.verdict],
    reasons: s.reasons,
    seal: (s.signer && seals.get(s.signer.fingerprint)) ?? null,
  };
}

function toCertificate(facts: Engine.CertificateFacts): CertificateInfo {
  return {
    subject: facts.subject,
    issuer: facts.issuer,
    serialNumber: facts.serial,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    fingerprintSha256: facts.fingerprint,
    pem: toPem(facts.der),
  };
}

function toIntegrity(integrity: Engine.IntegrityReport): IntegrityReport {
  const checks = [
    integrity.digest,
    integrity.signature,
    integrity.byteRangeStartsAtZero,
    integrity.holeIsContents,
    integrity.rangesContiguous,
    integrity.revisionEndsAtEof,
  ];

  return {
    ok: integrity.ok,
    digestMatches: integrity.digest.ok,
    signatureValid: integrity.signature.ok,
    byteRangeStartsAtZero: integrity.byteRangeStartsAtZero.ok,
    holeIsContents: integrity.holeIsContents.ok,
    rangesContiguous: integrity.rangesContiguous.ok,
    revisionEndsAtEof: integrity.revisionEndsAtEof.ok,
    coversWholeDocument: integrity.coversWholeDocument,
    reasons: failures(checks),
  };
}

function toTimestamp(timestamp: Engine.TimestampFacts): TimestampInfo {
  return {
    genTime: timestamp.genTime ?? null,
    tsaName: timestamp.tsaName ?? null,
    imprintMatches: timestamp.imprintMatches.ok,
    signatureValid: timestamp.signatureValid.ok,
    trusted: timestamp.trusted,
    reasons: failures([timestamp.imprintMatches, timestamp.signatureValid]),
  };
}

function toTrust(trust: Engine.TrustReport): TrustInfo {
  return { ...trust, validationTimeSource: TIME_SOURCE[trust.validationTimeSource] };
}

function toRevocation(revocation: Engine.RevocationReport): RevocationInfo {
  return {
    status: REVOCATION[revocation.status],
    reasons: revocation.reasons,
    certificates: revocation.certificates.map((certificate) => ({
      subject: certificate.subject,
      status: REVOCATION[certificate.status],
      revocationDate: certificate.revocationDate ?? null,
      reason: certificate.reason ?? null,
    })),
  };
}

function toModification(modification: Engine.Modification): ModificationInfo {
  return {
    objectNumber: modification.objectNumber,
    change: CHANGE[modification.change],
    category: CATEGORY[modification.category],
    allowed: modification.allowed,
    detail: modification.detail,
  };
}

function failures(checks: Engine.Check[]): string[] {
  return checks.flatMap((check) => (check.ok || !check.reason ? [] : [check.reason]));
}

// Total maps: a value the engine adds later fails to compile here instead of reaching a client.

const VERDICT: Record<Engine.Verdict, Verdict> = {
  VALID: Verdict.VALID,
  INVALID: Verdict.INVALID,
  INDETERMINATE: Verdict.INDETERMINATE,
};

const KIND: Record<Engine.SignatureKind, SignatureKind> = {
  approval: SignatureKind.APPROVAL,
  certification: SignatureKind.CERTIFICATION,
  documentTimestamp: SignatureKind.DOCUMENT_TIMESTAMP,
};

const LEVEL: Record<Engine.PadesLevel, PadesLevel> = {
  'B-B': PadesLevel.B_B,
  'B-T': PadesLevel.B_T,
  'B-LT': PadesLevel.B_LT,
  'B-LTA': PadesLevel.B_LTA,
  NONE: PadesLevel.NONE,
};

const REVOCATION: Record<Engine.RevocationStatus, RevocationStatus> = {
  GOOD: RevocationStatus.GOOD,
  REVOKED: RevocationStatus.REVOKED,
  UNKNOWN: RevocationStatus.UNKNOWN,
};

const TIME_SOURCE: Record<Engine.TrustReport['validationTimeSource'], ValidationTimeSource> = {
  timestamp: ValidationTimeSource.TIMESTAMP,
  claimed: ValidationTimeSource.CLAIMED,
  now: ValidationTimeSource.NOW,
};

const CHANGE: Record<Engine.Modification['change'], ModificationChange> = {
  added: ModificationChange.ADDED,
  changed: ModificationChange.CHANGED,
  deleted: ModificationChange.DELETED,
};

const CATEGORY: Record<Engine.ChangeCategory, ChangeCategory> = {
  newObject: ChangeCategory.NEW_OBJECT,
  structure: ChangeCategory.STRUCTURE,
  dss: ChangeCategory.DSS,
  documentTimestamp: ChangeCategory.DOCUMENT_TIMESTAMP,
  signature: ChangeCategory.SIGNATURE,
  formFill: ChangeCategory.FORM_FILL,
  info: ChangeCategory.INFO,
  metadata: ChangeCategory.METADATA,
  annotationAdded: ChangeCategory.ANNOTATION_ADDED,
  fieldAdded: ChangeCategory.FIELD_ADDED,
  annotationChanged: ChangeCategory.ANNOTATION_CHANGED,
  pageContent: ChangeCategory.PAGE_CONTENT,
  other: ChangeCategory.OTHER,
};

import type { ApplicationType } from '../application/application-type.enum';
import type { SignatureLevel } from '../document/signing-options.enum';
import type { ExportFormat } from '../export/export-format.enum';
import type { OrganizationRole } from '../organization/organization-role.enum';
import type { KeyAlgorithm } from '../seal/key-algorithm.enum';
import type { SealImageSource } from '../seal/seal-image-source.enum';
import type { SealType } from '../seal/seal-type.enum';
import type { UserRole } from '../user/user-role.enum';
import type { VerificationChannel } from '../verification-code/verification-channel.enum';
import type { VerificationPurpose } from '../verification-code/verification-purpose.enum';
import type { HistoryAction } from './history-action.enum';

/** An action that says everything by its name and subject. */
export type NoPayload = Record<string, never>;

/**
 * Who registered: the role, when the account was made an administrator at start; the channel
 * whose code proved the contact, when registration required one.
 */
export interface UserRegisteredPayload {
  role?: UserRole;
  verified?: VerificationChannel;
}

/**
 * A refused login, never the password: why (`UNKNOWN_LOGIN`, `WRONG_PASSWORD`, `ACCOUNT_LOCKED`);
 * for an existing account, the login typed (cut to 64 characters) and the account; for an
 * unknown one only the SHA-256 (hex) of what was typed, which may have been a password.
 */
export interface LoginFailedPayload {
  login?: string;
  loginSha256?: string;
  reason: string;
  userId?: string;
}

/** A code sent (or, for an address with no account, made and not sent); never the code. */
export interface VerificationCodeSentPayload {
  channel: VerificationChannel;
  purpose: VerificationPurpose;
  /** The address or number, masked. */
  target: string;
  /** RESET_PASSWORD only: whether an account has this contact, and which. */
  accountFound?: boolean;
  userId?: string;
}

/** A step of one sign-in's chain of refresh tokens; never the token. */
export interface SessionPayload {
  familyId: string;
}

export interface AccountLockedPayload {
  userId: string;
  /** ISO 8601. */
  lockedUntil: string;
  attempts: number;
}

export interface PasswordResetPayload {
  channel: VerificationChannel;
  /** Refresh-token chains ended by the reset. */
  sessionsEnded: number;
}

/** What a change carried out on approving an application records of it. */
export interface ApplicationOrigin {
  applicationId?: string;
  applicantId?: string;
  /** A cancellation's reason, as the applicant gave it. */
  reason?: string;
}

export interface SealCreatedPayload extends ApplicationOrigin {
  type: SealType;
  keyAlgorithm: KeyAlgorithm;
  serialNumber: string;
  imageSource: SealImageSource;
  /** The organisation the seal belongs to; null for a personal seal. */
  organizationId: string | null;
}

export interface SealImportedPayload {
  /** `PKCS12` or `PEM`. */
  format: string;
  serialNumber: string;
  issuer: string;
  organizationId: string | null;
}

export interface SealUpdatedPayload extends ApplicationOrigin {
  /** The fields that changed (`name`, `ownerName`, …, `image`). */
  changed: string[];
  imageSource: SealImageSource;
  /** The new certificate's serial, when a new name was certified. */
  serialNumber?: string;
}

export interface SealRenewedPayload extends ApplicationOrigin {
  serialNumber: string;
  /** ISO 8601. */
  validTo: string;
}

export interface SealRekeyedPayload {
  keyAlgorithm: KeyAlgorithm;
  serialNumber: string;
}

export interface SealLockedPayload {
  /** ISO 8601. */
  lockedUntil: string;
  attempts: number;
}

export interface AgreementPayload {
  agreementId: string;
  version: number;
}

export interface DocumentUploadedPayload {
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export interface DocumentSignedPayload {
  signatureId: string;
  revision: number;
  /** SHA-256 of the signed revision. */
  sha256: string;
  fieldName: string;
  level: SignatureLevel;
  /** The grant the signer used; null when they keep the seal. */
  permissionId: string | null;
}

/** A refused signing; the ids as given, since they may name nothing. */
export interface SigningFailedPayload {
  code: string;
  sealId: string;
  documentId: string;
}

export interface ExportCreatedPayload {
  exportId: string;
  format: ExportFormat;
  rowCount: number;
  /** The file's name, which says what was exported (`history-…`, `seals-…`). */
  fileName?: string;
}

export interface TrustAnchorAddedPayload {
  anchorId: string;
  subject: string;
  sha256: string;
}

export interface TrustAnchorRemovedPayload {
  anchorId: string;
  subject: string;
}

/** A right to use a seal granted: to whom, for when, how often (null: no limit). */
export interface PermissionGrantedPayload {
  permissionId: string;
  granteeId: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  maxUses: number | null;
}

export interface PermissionRevokedPayload {
  permissionId: string;
  granteeId: string;
  reason: string;
}

/** An application's step: submitted, approved, rejected, withdrawn. */
export interface ApplicationPayload {
  applicationId: string;
  type: ApplicationType;
  organizationId?: string | null;
  /** At submission: the files, described (never their content). */
  attachments?: { fileName: string; contentType: string; sizeBytes: number; sha256: string }[];
  /** At review: whose application it was and the reviewer's note. */
  applicantId?: string;
  note?: string | null;
}

export interface OrganizationCreatedPayload {
  organizationId: string;
  name: string;
  unifiedSocialCreditCode: string;
  legalRepresentative: string;
}

/** A membership added or removed, with the member's role. */
export interface OrganizationMemberPayload {
  organizationId: string;
  userId: string;
  role: OrganizationRole;
}

export interface OrganizationMemberRoleChangedPayload extends OrganizationMemberPayload {
  /** The role before. */
  from: OrganizationRole;
}

/**
 * The catalogue: the one payload type of each action, so that `HistoryService.record` checks the
 * payload against the action. A new action gets its line here, or the build fails.
 */
export type HistoryPayloads = Catalogue<{
  USER_REGISTERED: UserRegisteredPayload;
  LOGGED_IN: NoPayload;
  LOGIN_FAILED: LoginFailedPayload;
  VERIFICATION_CODE_SENT: VerificationCodeSentPayload;
  TOKEN_REFRESHED: SessionPayload;
  REFRESH_TOKEN_REUSED: SessionPayload;
  LOGGED_OUT: SessionPayload;
  ACCOUNT_LOCKED: AccountLockedPayload;
  PASSWORD_RESET: PasswordResetPayload;
  SEAL_CREATED: SealCreatedPayload;
  SEAL_IMPORTED: SealImportedPayload;
  SEAL_UPDATED: SealUpdatedPayload;
  SEAL_RENEWED: SealRenewedPayload;
  SEAL_REKEYED: SealRekeyedPayload;
  SEAL_DELETED: ApplicationOrigin;
  SEAL_PIN_CHANGED: NoPayload;
  SEAL_LOCKED: SealLockedPayload;
  AGREEMENT_PUBLISHED: AgreementPayload;
  AGREEMENT_ACCEPTED: AgreementPayload;
  DOCUMENT_UPLOADED: DocumentUploadedPayload;
  DOCUMENT_SIGNED: DocumentSignedPayload;
  SIGNING_FAILED: SigningFailedPayload;
  EXPORT_CREATED: ExportCreatedPayload;
  TRUST_ANCHOR_ADDED: TrustAnchorAddedPayload;
  TRUST_ANCHOR_REMOVED: TrustAnchorRemovedPayload;
  ORGANIZATION_CREATED: OrganizationCreatedPayload;
  ORGANIZATION_MEMBER_ADDED: OrganizationMemberPayload;
  ORGANIZATION_MEMBER_ROLE_CHANGED: OrganizationMemberRoleChangedPayload;
  ORGANIZATION_MEMBER_REMOVED: OrganizationMemberPayload;
  APPLICATION_SUBMITTED: ApplicationPayload;
  APPLICATION_APPROVED: ApplicationPayload;
  APPLICATION_REJECTED: ApplicationPayload;
  APPLICATION_WITHDRAWN: ApplicationPayload;
  PERMISSION_GRANTED: PermissionGrantedPayload;
  PERMISSION_REVOKED: PermissionRevokedPayload;
}>;

/** Accepts a map only when it names every action, and nothing else. */
type Catalogue<T extends Record<HistoryAction, object>> =
  Exclude<keyof T, `${HistoryAction}`> extends never ? T : never;

/** What an event is about besides who did it; the payload may be left out where it has no fields. */
export type HistorySubject<A extends HistoryAction> = {
  sealId?: string;
  documentId?: string;
} & (NoPayload extends HistoryPayloads[A]
  ? { payload?: HistoryPayloads[A] }
  : { payload: HistoryPayloads[A] });

/** The arguments after the action: the subject, which may be left out when no payload is due. */
export type HistorySubjectArgs<A extends HistoryAction> = NoPayload extends HistoryPayloads[A]
  ? [subject?: HistorySubject<A>]
  : [subject: HistorySubject<A>];

import { registerEnumType } from 'type-graphql';

/** The catalogue of recorded actions, named in the past tense; payloads in history-payloads.ts. */
export enum HistoryAction {
  USER_REGISTERED = 'USER_REGISTERED',
  LOGGED_IN = 'LOGGED_IN',
  LOGIN_FAILED = 'LOGIN_FAILED',
  VERIFICATION_CODE_SENT = 'VERIFICATION_CODE_SENT',
  TOKEN_REFRESHED = 'TOKEN_REFRESHED',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  LOGGED_OUT = 'LOGGED_OUT',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  SEAL_CREATED = 'SEAL_CREATED',
  SEAL_IMPORTED = 'SEAL_IMPORTED',
  SEAL_UPDATED = 'SEAL_UPDATED',
  SEAL_RENEWED = 'SEAL_RENEWED',
  SEAL_REKEYED = 'SEAL_REKEYED',
  SEAL_DELETED = 'SEAL_DELETED',
  SEAL_PIN_CHANGED = 'SEAL_PIN_CHANGED',
  SEAL_LOCKED = 'SEAL_LOCKED',
  AGREEMENT_PUBLISHED = 'AGREEMENT_PUBLISHED',
  AGREEMENT_ACCEPTED = 'AGREEMENT_ACCEPTED',
  DOCUMENT_UPLOADED = 'DOCUMENT_UPLOADED',
  DOCUMENT_SIGNED = 'DOCUMENT_SIGNED',
  SIGNING_FAILED = 'SIGNING_FAILED',
  EXPORT_CREATED = 'EXPORT_CREATED',
  TRUST_ANCHOR_ADDED = 'TRUST_ANCHOR_ADDED',
  TRUST_ANCHOR_REMOVED = 'TRUST_ANCHOR_REMOVED',
  ORGANIZATION_CREATED = 'ORGANIZATION_CREATED',
  ORGANIZATION_MEMBER_ADDED = 'ORGANIZATION_MEMBER_ADDED',
  ORGANIZATION_MEMBER_ROLE_CHANGED = 'ORGANIZATION_MEMBER_ROLE_CHANGED',
  ORGANIZATION_MEMBER_REMOVED = 'ORGANIZATION_MEMBER_REMOVED',
  APPLICATION_SUBMITTED = 'APPLICATION_SUBMITTED',
  APPLICATION_APPROVED = 'APPLICATION_APPROVED',
  APPLICATION_REJECTED = 'APPLICATION_REJECTED',
  APPLICATION_WITHDRAWN = 'APPLICATION_WITHDRAWN',
  PERMISSION_GRANTED = 'PERMISSION_GRANTED',
  PERMISSION_REVOKED = 'PERMISSION_REVOKED',
}

registerEnumType(HistoryAction, {
  name: 'HistoryAction',
  description: 'What happened.',
  valuesConfig: {
    USER_REGISTERED: { description: 'An account was created; payload `{ role? }`.' },
    LOGGED_IN: { description: 'Someone signed in.' },
    LOGIN_FAILED: {
      description:
        'A login was refused; payload `{ reason, login, userId }` for an account, `{ reason, loginSha256 }` for an unknown login (maybe a mistyped password, so never kept in clear).',
    },
    SEAL_CREATED: {
      description:
        'A seal was made; payload `{ type, keyAlgorithm, serialNumber, imageSource, organizationId }`.',
    },
    SEAL_IMPORTED: {
      description:
        'A seal was imported; payload `{ format, serialNumber, issuer, organizationId }`.',
    },
    SEAL_UPDATED: {
      description:
        "A seal's text or image changed; payload `{ changed, imageSource, serialNumber? }`.",
    },
    SEAL_RENEWED: {
      description: 'A new certificate, same key; payload `{ serialNumber, validTo }`.',
    },
    SEAL_REKEYED: { description: 'A new key; payload `{ keyAlgorithm, serialNumber }`.' },
    SEAL_DELETED: { description: 'A seal was deleted: certificates revoked, key erased.' },
    SEAL_PIN_CHANGED: { description: "A seal's PIN was changed." },
    SEAL_LOCKED: {
      description: 'Wrong PINs locked a seal; payload `{ lockedUntil, attempts }`.',
    },
    AGREEMENT_PUBLISHED: {
      description: 'A service agreement version was published; payload `{ agreementId, version }`.',
    },
    AGREEMENT_ACCEPTED: {
      description: 'Someone accepted the agreement; payload `{ agreementId, version }`.',
    },
    DOCUMENT_UPLOADED: {
      description: 'A PDF was stored; payload `{ fileName, sizeBytes, sha256 }`.',
    },
    DOCUMENT_SIGNED: {
      description:
        'A document was signed; payload `{ signatureId, revision, sha256, fieldName, level }`.',
    },
    SIGNING_FAILED: {
      description: 'A signing was refused; payload `{ code, sealId, documentId }` as given.',
    },
    EXPORT_CREATED: {
      description: 'Data was exported; payload `{ exportId, format, rowCount, fileName? }`.',
    },
    TRUST_ANCHOR_ADDED: {
      description: "An imported seal's CA was trusted; payload `{ anchorId, subject, sha256 }`.",
    },
    TRUST_ANCHOR_REMOVED: {
      description: 'A trusted CA was removed; payload `{ anchorId, subject }`.',
    },
    ORGANIZATION_CREATED: {
      description:
        'An organisation was registered; payload `{ organizationId, name, unifiedSocialCreditCode, legalRepresentative }`.',
    },
    ORGANIZATION_MEMBER_ADDED: {
      description: 'Someone joined an organisation; payload `{ organizationId, userId, role }`.',
    },
    ORGANIZATION_MEMBER_ROLE_CHANGED: {
      description: "A member's role changed; payload `{ organizationId, userId, role, from }`.",
    },
    ORGANIZATION_MEMBER_REMOVED: {
      description: 'Someone left an organisation; payload `{ organizationId, userId, role }`.',
    },
  },
});

import { GraphQLError } from 'graphql';

/**
 * The one catalogue of error codes a client can see in `extensions.code`. Mistakes in code or
 * configuration are plain `Error`s instead, and reach clients only as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  INVALID_PDF: 'INVALID_PDF',
  ENCRYPTED_PDF: 'ENCRYPTED_PDF',
  INVALID_IMAGE: 'INVALID_IMAGE',
  SEAL_EXPIRED: 'SEAL_EXPIRED',
  SEAL_REVOKED: 'SEAL_REVOKED',
  DOCUMENT_LOCKED: 'DOCUMENT_LOCKED',
  SIGNING_NOT_PERMITTED: 'SIGNING_NOT_PERMITTED',
  FIELD_NOT_EMPTY: 'FIELD_NOT_EMPTY',
  BAD_CERTIFICATION: 'BAD_CERTIFICATION',
  KEYWORD_NOT_FOUND: 'KEYWORD_NOT_FOUND',
  TIMESTAMP_UNAVAILABLE: 'TIMESTAMP_UNAVAILABLE',
  BAD_PASSWORD: 'BAD_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  KEY_MISMATCH: 'KEY_MISMATCH',
  CERTIFICATE_NOT_YET_VALID: 'CERTIFICATE_NOT_YET_VALID',
  KEY_USAGE_FORBIDS_SIGNING: 'KEY_USAGE_FORBIDS_SIGNING',
  UNSUPPORTED_KEY: 'UNSUPPORTED_KEY',
  AGREEMENT_REQUIRED: 'AGREEMENT_REQUIRED',
  BAD_PIN: 'BAD_PIN',
  SEAL_LOCKED: 'SEAL_LOCKED',
  RATE_LIMITED: 'RATE_LIMITED',
  BAD_VERIFICATION_CODE: 'BAD_VERIFICATION_CODE',
  VERIFICATION_CODE_EXPIRED: 'VERIFICATION_CODE_EXPIRED',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  PERMISSION_EXPIRED: 'PERMISSION_EXPIRED',
  PERMISSION_EXHAUSTED: 'PERMISSION_EXHAUSTED',
  PERMISSION_REVOKED: 'PERMISSION_REVOKED',
  GRANTEE_NOT_MEMBER: 'GRANTEE_NOT_MEMBER',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client-caused error: safe to show, carries its code. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
  }
}

// Every message a client can read is written once, here.

export const unauthenticated = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send "Authorization: Bearer <token>"');

export const invalidToken = () =>
  new AppError(
    ErrorCode.UNAUTHENTICATED,
    'The access token is invalid or has expired: sign in again',
  );

export const badCredentials = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'Unknown login or wrong password');

export const forbidden = (what: string) =>
  new AppError(ErrorCode.FORBIDDEN, `You may not use ${what}`);

export const notFound = (kind: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `${kind} ${id} does not exist`, { id });

export const badInput = (field: string, message: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

export const conflict = (message: string, field?: string) =>
  new AppError(ErrorCode.CONFLICT, message, field ? { field } : {});

export const lastOrganizationAdmin = () =>
  conflict('An organisation keeps at least one ORG_ADMIN: make another member ORG_ADMIN first');

export const applicationDecided = (id: string, status: string) =>
  conflict(
    `Application ${id} is ${status} already: only a PENDING application can be reviewed or withdrawn`,
  );

export const ownApplication = () =>
  new AppError(
    ErrorCode.FORBIDDEN,
    'You may not review your own application: another administrator reviews it',
  );

export const applicantMayNot = (what: string) =>
  new AppError(
    ErrorCode.FORBIDDEN,
    `The applicant may no longer ${what}: reject the application instead`,
  );

export const invalidPdf = (reason: string) =>
  new AppError(ErrorCode.INVALID_PDF, `Not a readable PDF: ${reason}`);

export const handwritingNeedsImage = () =>
  badInput(
    'image',
    "expected an image of the signer's handwriting (image or imageBase64): a handwritten signature is never drawn",
  );

export const invalidImage = (reason: string) =>
  new AppError(ErrorCode.INVALID_IMAGE, `Not a usable seal image: ${reason}`);

export const encryptedPdf = (detail = 'give its password') =>
  new AppError(ErrorCode.ENCRYPTED_PDF, `The PDF is encrypted: ${detail}`);

export const timestampUnavailable = (detail: string) =>
  new AppError(
    ErrorCode.TIMESTAMP_UNAVAILABLE,
    `No time-stamp could be had (${detail}); sign again, or accept level B_B with acceptBaselineLevel`,
  );

/** An engine refusal whose code is also the API's. */
export const pdfRefused = (code: ErrorCode, message: string) => new AppError(code, message);

export const sealExpired = (name: string, validTo: Date) =>
  new AppError(
    ErrorCode.SEAL_EXPIRED,
    `Seal "${name}" expired on ${validTo.toISOString()}; renew it before signing`,
  );

export const sealNotValidYet = (name: string, validFrom: Date) =>
  new AppError(
    ErrorCode.SEAL_EXPIRED,
    `Seal "${name}" is not valid before ${validFrom.toISOString()}`,
  );

export const sealRevoked = (name: string) =>
  new AppError(ErrorCode.SEAL_REVOKED, `Seal "${name}" has been revoked and can never sign again`);

export const agreementRequired = (version: number) =>
  new AppError(
    ErrorCode.AGREEMENT_REQUIRED,
    `Accept the service agreement (version ${version}) first: see currentAgreement and acceptAgreement`,
    { version },
  );

export const badPin = (attemptsLeft: number) =>
  new AppError(
    ErrorCode.BAD_PIN,
    `Wrong PIN: ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before the seal locks`,
    { attemptsLeft },
  );

export const sealLocked = (name: string, until: Date) =>
  new AppError(
    ErrorCode.SEAL_LOCKED,
    `Seal "${name}" is locked after too many wrong PINs until ${until.toISOString()}`,
    { lockedUntil: until.toISOString() },
  );

export const rateLimited = (what: string, retryAt: Date, now = new Date()) =>
  new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many verification codes ${what}: try again after ${retryAt.toISOString()}`,
    {
      retryAt: retryAt.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
    },
  );

export const badVerificationCode = (attemptsLeft: number) =>
  new AppError(
    ErrorCode.BAD_VERIFICATION_CODE,
    attemptsLeft > 0
      ? `Wrong verification code: ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left for this code`
      : 'Wrong verification code, and no attempts are left for it: request a new one',
    { attemptsLeft },
  );

export const verificationCodeExpired = () =>
  new AppError(
    ErrorCode.VERIFICATION_CODE_EXPIRED,
    'No valid verification code for this address: it expired, was used or was never sent; request a new one',
  );

export const deliveryFailed = (delivery: string) =>
  new AppError(
    ErrorCode.DELIVERY_FAILED,
    `The verification code could not be sent (${delivery}): try again later`,
  );

export const accountLocked = (until: Date) =>
  new AppError(
    ErrorCode.ACCOUNT_LOCKED,
    `The account is locked after too many wrong passwords until ${until.toISOString()}`,
    { lockedUntil: until.toISOString() },
  );

export const invalidRefreshToken = () =>
  new AppError(
    ErrorCode.INVALID_REFRESH_TOKEN,
    'The refresh token is invalid, expired or revoked: sign in again',
  );

export const verificationOff = (field: string) =>
  badInput(field, 'this server registers without verification codes (VERIFICATION_REQUIRED=false)');
export const permissionExpired = (validTo: Date) =>
  new AppError(
    ErrorCode.PERMISSION_EXPIRED,
    `Your right to use this seal ended on ${validTo.toISOString()}: ask for a new grant`,
    { validTo: validTo.toISOString() },
  );

export const permissionNotStarted = (validFrom: Date) =>
  new AppError(
    ErrorCode.PERMISSION_EXPIRED,
    `Your right to use this seal begins on ${validFrom.toISOString()}`,
    { validFrom: validFrom.toISOString() },
  );

export const permissionExhausted = (maxUses: number) =>
  new AppError(
    ErrorCode.PERMISSION_EXHAUSTED,
    `Your right to use this seal allowed ${maxUses} signature${maxUses === 1 ? '' : 's'}, all made: ask for a new grant`,
    { maxUses },
  );

export const permissionRevoked = (revokedAt: Date, reason: string | null) =>
  new AppError(
    ErrorCode.PERMISSION_REVOKED,
    `Your right to use this seal was revoked on ${revokedAt.toISOString()}${reason ? `: ${reason}` : ''}`,
    { revokedAt: revokedAt.toISOString() },
  );

export const granteeNotMember = (userId: string) =>
  new AppError(
    ErrorCode.GRANTEE_NOT_MEMBER,
    `User ${userId} is not a member of the organisation that holds the seal: add them first`,
    { field: 'userId' },
  );

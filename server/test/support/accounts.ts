/**
 * The account requests the tests make: codes, registration, sign-in, sessions, password reset.
 * Each returns the whole GraphQL result, so tests can read refusals and their extensions.
 */
import { randomBytes } from 'node:crypto';
import { graphql, type GraphQLResult } from './api';

export const PASSWORD = 'correct horse battery';

const AUTH_FIELDS = `accessToken accessTokenExpiresAt refreshToken
  user { id username email phone emailVerifiedAt phoneVerifiedAt }`;

/** An AuthPayload as the tests read it. */
export interface Auth {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: {
    id: string;
    username: string;
    email: string | null;
    phone: string | null;
    emailVerifiedAt: string | null;
    phoneVerifiedAt: string | null;
  };
}

/** A username, e-mail address and mainland phone number nobody else in the run has. */
export function freshIdentity(prefix = 'acct') {
  const suffix = randomBytes(4).toString('hex');
  const digits = String(parseInt(suffix, 16) % 100_000_000).padStart(8, '0');

  return {
    username: `${prefix}-${suffix}`,
    email: `${prefix}.${suffix}@example.test`,
    phone: `139${digits}`,
  };
}

export function requestCode(channel: 'EMAIL' | 'SMS', target: string, purpose: string) {
  return graphql<{ requestVerificationCode: { expiresAt: string; nextRequestAt: string } }>(
    `
      mutation ($input: RequestVerificationCodeInput!) {
        requestVerificationCode(input: $input) {
          expiresAt
          nextRequestAt
        }
      }
    `,
    { input: { channel, target, purpose } },
  );
}

export function register(input: Record<string, unknown>) {
  return graphql<{ register: Auth }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { password: PASSWORD, displayName: '张三', ...input } },
  );
}

export function login(loginName: string, password = PASSWORD) {
  return graphql<{ login: Auth }>(
    `mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { login: loginName, password } },
  );
}

export function refresh(refreshToken: string) {
  return graphql<{ refreshToken: Auth }>(
    `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { refreshToken } },
  );
}

export function logout(refreshToken: string) {
  return graphql<{ logout: boolean }>(
    `
      mutation ($input: LogoutInput!) {
        logout(input: $input)
      }
    `,
    { input: { refreshToken } },
  );
}

export function resetPassword(input: Record<string, unknown>) {
  return graphql<{ resetPassword: boolean }>(
    `
      mutation ($input: ResetPasswordInput!) {
        resetPassword(input: $input)
      }
    `,
    { input },
  );
}

/** The first error's code, or undefined for a success. */
export function codeOf(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** The first error's extensions. */
export function extensionsOf(result: GraphQLResult<unknown>): Record<string, unknown> {
  return result.errors?.[0]?.extensions ?? {};
}

/** The data of a result that must have succeeded. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }

  return result.data;
}

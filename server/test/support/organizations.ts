/**
 * Organisations for tests: company seals belong to one, so the seal helpers make one per user
 * and holder name when a test does not bring its own.
 */
import { randomInt } from 'node:crypto';
import { uniformCodeCheckCharacter } from '../../src/organization/unified-social-credit-code';
import { ok } from './api';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, well-formed unified social credit code: 91 (enterprise), a division, a random body. */
export function newCreditCode(): string {
  const body = Array.from({ length: 9 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const first17 = `91330100${body}`;

  return first17 + uniformCodeCheckCharacter(first17);
}

export interface OrganizationView {
  id: string;
  name: string;
  unifiedSocialCreditCode: string;
  legalRepresentative: string;
}

export const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id name unifiedSocialCreditCode legalRepresentative }
}`;

/** Registers an organisation whose ORG_ADMIN is the token's user. */
export async function newOrganization(
  token: string,
  input: { name?: string; legalRepresentative?: string; unifiedSocialCreditCode?: string } = {},
): Promise<OrganizationView> {
  const data = await ok<{ createOrganization: OrganizationView }>(
    CREATE_ORGANIZATION,
    {
      input: {
        name: '杭州示例科技有限公司',
        legalRepresentative: '王小明',
        unifiedSocialCreditCode: newCreditCode(),
        ...input,
      },
    },
    token,
  );

  return data.createOrganization;
}

const made = new Map<string, Promise<OrganizationView>>();

/** The organisation of this name (and legal representative) the token's user made, made once. */
export function organizationFor(
  token: string,
  name: string,
  legalRepresentative: string,
): Promise<OrganizationView> {
  const key = `${token}\n${name}\n${legalRepresentative}`;
  let organization = made.get(key);
  if (!organization) {
    organization = newOrganization(token, { name, legalRepresentative });
    made.set(key, organization);
  }

  return organization;
}

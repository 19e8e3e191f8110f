import { createSeal, graphql, newUser, ok } from '../support/api';
import { newOrganization } from '../support/organizations';

/**
 * A list's relations are loaded by per-request DataLoaders, one query per relation, however many
 * rows the page holds. The server reports each response's SQL statement count in `extensions`
 * (EXPOSE_SQL_COUNTS, set for the test server).
 */
const SEALS_WITH_RELATIONS = `query ($page: PageInput) {
  seals(page: $page) {
    totalCount
    items {
      id name status daysRemaining
      owner { id username displayName }
      organization { id name members { role user { id } } }
      certificate { serialNumber notAfter }
      certificates { serialNumber revokedAt }
      permissions { id status usesLeft grantee { id username } grantedBy { id } }
    }
  }
}`;

const GRANT = `mutation ($input: GrantSealPermissionInput!) { grantSealPermission(input: $input) { id } }`;
const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $input) { id }
}`;

async function statementsForPage(token: string, limit: number) {
  const result = await graphql<{ seals: { items: { permissions: unknown[] }[] } }>(
    SEALS_WITH_RELATIONS,
    { page: { limit } },
    token,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.seals.items).toHaveLength(limit);
  expect(result.data!.seals.items.every((seal) => seal.permissions.length === 1)).toBe(true);

  return result.extensions!.sqlStatements;
}

/** `count` company seals of one organisation, each granted to one of two members in turn. */
async function grantedSeals(count: number) {
  const admin = await newUser('lister');
  const members = await Promise.all([newUser('grantee'), newUser('grantee')]);
  const organization = await newOrganization(admin.token);
  for (const member of members) {
    const input = { organizationId: organization.id, userId: member.id };
    await ok(ADD_MEMBER, { input }, admin.token);
  }
  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, async (_, i) => {
      const seal = await createSeal(admin.token, {
        name: `章${start + i}`,
        keyAlgorithm: 'EC_P256',
        organizationId: organization.id,
        ownerName: undefined,
      });
      const input = { sealId: seal.id, userId: members[i % 2].id, validTo, maxUses: 5 };
      await ok(GRANT, { input }, admin.token);
    });
    await Promise.all(batch);
  }

  return admin.token;
}

describe('listing seals with their relations', () => {
  it('sends the same few SQL statements for 10 seals as for 200, with organisation and grants', async () => {
    const token = await grantedSeals(200);

    const forTen = await statementsForPage(token, 10);
    const forTwoHundred = await statementsForPage(token, 200);

    expect(forTwoHundred).toBe(forTen);
    expect(forTen).toBeLessThanOrEqual(12);
  }, 180_000);
});

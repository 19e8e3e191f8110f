import { createSeal, graphql, newUser } from '../support/api';

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
      certificate { serialNumber notAfter }
      certificates { serialNumber revokedAt }
    }
  }
}`;

async function statementsForPage(token: string, limit: number) {
  const result = await graphql<{ seals: { items: unknown[] } }>(
    SEALS_WITH_RELATIONS,
    { page: { limit } },
    token,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.seals.items).toHaveLength(limit);

  return result.extensions!.sqlStatements;
}

async function createSeals(token: string, count: number) {
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) =>
      createSeal(token, { name: `章${start + i}`, keyAlgorithm: 'EC_P256' }),
    );
    await Promise.all(batch);
  }
}

describe('listing seals with their relations', () => {
  it('sends the same few SQL statements for 10 seals as for 100', async () => {
    const { token } = await newUser();
    await createSeals(token, 100);

    const forTen = await statementsForPage(token, 10);
    const forHundred = await statementsForPage(token, 100);

    expect(forHundred).toBe(forTen);
    expect(forTen).toBeLessThanOrEqual(8);
  });
});

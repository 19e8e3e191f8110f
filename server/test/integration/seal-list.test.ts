import { createSeal, errorCode, newUser, ok } from '../support/api';
import { sql } from '../support/database';

interface SealPageView {
  seals: {
    items: { id: string; name: string; status: string }[];
    totalCount: number;
    counts: { status: string; count: number }[];
  };
}

const SEALS = `query ($filter: SealFilter, $page: PageInput) {
  seals(filter: $filter, page: $page) {
    items { id name status }
    totalCount
    counts { status count }
  }
}`;

const list = (token: string, filter: Record<string, unknown> = {}, page?: object) =>
  ok<SealPageView>(SEALS, { filter, page }, token).then((data) => data.seals);

const countsOf = (page: SealPageView['seals']) =>
  Object.fromEntries(page.counts.map(({ status, count }) => [status, count]));

/** An owner with five seals: two active contract seals, one finance seal ending in 3 days
 * (EXPIRING), one expired and one revoked. */
async function ownerWithSeals() {
  const owner = await newUser('lister');
  const contract = await createSeal(owner.token, { name: '合同专用章' });
  const second = await createSeal(owner.token, { name: '100%_合同章', ownerName: '北京某公司' });
  const finance = await createSeal(owner.token, { name: '财务专用章', type: 'FINANCE' });
  const expired = await createSeal(owner.token, { name: '旧章' });
  const revoked = await createSeal(owner.token, { name: '作废章' });
  await sql(`update seal set valid_to = now() + interval '3 days' where id = $1`, [finance.id]);
  await sql(`update seal set valid_to = now() - interval '1 day' where id = $1`, [expired.id]);
  await sql(`update seal set revoked_at = now() where id = $1`, [revoked.id]);

  return { owner, contract, second, finance, expired, revoked };
}

describe('listing seals', () => {
  it('pages newest first with the total and counts per status of the whole list', async () => {
    const { owner, contract, second, finance, expired, revoked } = await ownerWithSeals();

    const first = await list(owner.token, {}, { offset: 0, limit: 2 });
    const rest = await list(owner.token, {}, { offset: 2, limit: 2 });
    const last = await list(owner.token, {}, { offset: 4, limit: 2 });

    expect(first.items.map((s) => s.id)).toEqual([revoked.id, expired.id]);
    expect(rest.items.map((s) => s.id)).toEqual([finance.id, second.id]);
    expect(last.items.map((s) => s.id)).toEqual([contract.id]);
    expect(first.totalCount).toBe(5);
    expect(countsOf(first)).toEqual({ ACTIVE: 2, EXPIRING: 1, EXPIRED: 1, LOCKED: 0, REVOKED: 1 });
  });

  it('filters by status, type, expiry and text, counting per status under the other conditions', async () => {
    const { owner, contract, second, finance, expired, revoked } = await ownerWithSeals();
    const ids = async (filter: Record<string, unknown>) =>
      (await list(owner.token, filter)).items.map((s) => s.id).sort();

    expect(await ids({ status: 'ACTIVE' })).toEqual([contract.id, second.id].sort());
    expect(await ids({ status: 'EXPIRING' })).toEqual([finance.id]);
    expect(await ids({ status: 'REVOKED' })).toEqual([revoked.id]);
    expect(await ids({ type: 'FINANCE' })).toEqual([finance.id]);
    expect(await ids({ expired: true })).toEqual([expired.id]);
    expect(await ids({ expiringWithinDays: 7 })).toEqual([finance.id]);
    expect(await ids({ search: '合同' })).toEqual([contract.id, second.id].sort());
    expect(await ids({ search: '北京' })).toEqual([second.id]);
    const byType = await list(owner.token, { type: 'CONTRACT', status: 'EXPIRED' });
    expect(byType.items.map((s) => s.id)).toEqual([expired.id]);
    expect(countsOf(byType)).toEqual({ ACTIVE: 2, EXPIRING: 0, EXPIRED: 1, LOCKED: 0, REVOKED: 1 });
    await sql(`update seal set locked_until = now() + interval '10 minutes' where id = $1`, [
      second.id,
    ]);
    expect(await ids({ status: 'LOCKED' })).toEqual([second.id]);
    expect(await ids({ status: 'ACTIVE' })).toEqual([contract.id]);
  });

  it('takes % and _ in the search text literally', async () => {
    const { owner, second } = await ownerWithSeals();

    expect((await list(owner.token, { search: '0%_' })).items.map((s) => s.id)).toEqual([
      second.id,
    ]);
    expect((await list(owner.token, { search: '%' })).totalCount).toBe(1);
    expect((await list(owner.token, { search: '_' })).totalCount).toBe(1);
  });

  it("shows only the seals a user may see: naming another's yields none of them", async () => {
    const { owner } = await ownerWithSeals();
    const other = await newUser('other');

    expect((await list(other.token)).totalCount).toBe(0);
    expect((await list(owner.token, { ownerId: owner.id })).totalCount).toBe(5);
    expect((await list(other.token, { ownerId: owner.id })).totalCount).toBe(0);
    expect(await errorCode(SEALS, { filter: { ownerId: 'x' } }, other.token)).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses pages and filters out of range with BAD_USER_INPUT', async () => {
    const { token } = await newUser();
    const refusal = (variables: Record<string, unknown>) => errorCode(SEALS, variables, token);

    expect(await refusal({ page: { limit: 201 } })).toBe('BAD_USER_INPUT');
    expect(await refusal({ page: { limit: 0 } })).toBe('BAD_USER_INPUT');
    expect(await refusal({ page: { offset: -1 } })).toBe('BAD_USER_INPUT');
    expect(await refusal({ filter: { expiringWithinDays: 0 } })).toBe('BAD_USER_INPUT');
    expect(await refusal({ filter: { search: ' ' } })).toBe('BAD_USER_INPUT');
  });

  it('returns 20 seals when no page is given', async () => {
    const { token } = await newUser();
    await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        createSeal(token, { name: `章${i}`, keyAlgorithm: 'EC_P256' }),
      ),
    );

    const page = await list(token);
    expect(page.items).toHaveLength(20);
    expect(page.totalCount).toBe(21);
  });
});

describe('seal list cursors', () => {
  const PAGE = `query ($page: PageInput) {
    seals(page: $page) { items { id } totalCount pageInfo { endCursor hasNextPage } }
  }`;
  interface CursorPage {
    seals: {
      items: { id: string }[];
      totalCount: number;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  }
  const page = (token: string, value: object) =>
    ok<CursorPage>(PAGE, { page: value }, token).then((data) => data.seals);

  it('walks the list with after, unshaken by seals made meanwhile, in the offset order', async () => {
    const { owner } = await ownerWithSeals();
    const everything = await page(owner.token, { limit: 100 });

    const first = await page(owner.token, { limit: 2 });
    await createSeal(owner.token, { name: '新章' });
    const second = await page(owner.token, { limit: 2, after: first.pageInfo.endCursor });
    const third = await page(owner.token, { limit: 2, after: second.pageInfo.endCursor });

    expect([...first.items, ...second.items, ...third.items]).toEqual(everything.items);
    expect([first, second, third].map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(third.totalCount).toBe(6);
  });

  it('refuses a cursor with an offset, a forged cursor and one from another list', async () => {
    const { owner } = await ownerWithSeals();
    const { pageInfo } = await page(owner.token, { limit: 1 });
    const organizations = await ok<{ organizations: { pageInfo: { endCursor: string } } }>(
      `{ organizations { pageInfo { endCursor } } }`,
      {},
      owner.token,
    );
    const forged = Buffer.from(JSON.stringify(['seals', 'yesterday', 'x'])).toString('base64url');

    for (const value of [
      { offset: 1, after: pageInfo.endCursor },
      { after: 'not a cursor' },
      { after: forged },
      { after: organizations.organizations.pageInfo.endCursor },
    ]) {
      expect(await errorCode(PAGE, { page: value }, owner.token)).toBe('BAD_USER_INPUT');
    }
  });
});

import { adminToken, createSeal, errorCode, graphql, newUser, ok } from '../support/api';
import { sql } from '../support/database';
import {
  ageGrant,
  company,
  daysFromNow,
  grant,
  newDocument,
  revoke,
  REVOKE,
  tryGrant,
  trySignWith,
  type PermissionView,
} from '../support/seal-permissions';

const PERMISSIONS = `query ($filter: SealPermissionFilter, $page: PageInput) {
  sealPermissions(filter: $filter, page: $page) { totalCount items { id status } }
}`;
const SEAL_PERMISSIONS = `query ($id: ID!) { seal(id: $id) { permissions { id } } }`;
const MY_GRANTS = `{ me { grants { id seal { id } } } }`;
const SEALS = `query ($filter: SealFilter) { seals(filter: $filter) { totalCount items { id } } }`;
const DELETE = `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { status } }`;
const REMOVE_MEMBER = `mutation ($input: RemoveOrganizationMemberInput!) {
  removeOrganizationMember(input: $input) { role }
}`;

type Page = { sealPermissions: { totalCount: number; items: { id: string; status: string }[] } };

const listed = async (token: string, filter: Record<string, unknown>) =>
  (await ok<Page>(PERMISSIONS, { filter }, token)).sealPermissions;

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

const refusal = async (token: string, input: Record<string, unknown>) =>
  (await tryGrant(token, input)).errors?.[0]?.extensions;

const signingCode = async (token: string, sealId: string) =>
  (await trySignWith(token, sealId)).errors?.[0]?.extensions?.code;

describe('seal grants', () => {
  it('lets an ORG_ADMIN grant a member the use of a company seal, recorded in the history', async () => {
    const { admin, member, seal } = await company();
    const validTo = daysFromNow(10);

    const permission = await grant(admin.token, {
      sealId: seal.id,
      userId: member.id,
      validTo,
      maxUses: 2,
      note: '合同签署',
    });

    expect(permission).toMatchObject({
      status: 'ACTIVE',
      validTo,
      maxUses: 2,
      usedCount: 0,
      usesLeft: 2,
      note: '合同签署',
      revokedAt: null,
      seal: { id: seal.id },
      grantee: { id: member.id },
      grantedBy: { id: admin.id },
    });
    const history = await sql<{ actor_id: string; payload: Record<string, unknown> }>(
      `select actor_id, payload from history_event where seal_id = $1 and action = 'PERMISSION_GRANTED'`,
      [seal.id],
    );
    expect(history).toEqual([
      {
        actor_id: admin.id,
        payload: {
          permissionId: permission.id,
          granteeId: member.id,
          validFrom: permission.validFrom,
          validTo,
          maxUses: 2,
        },
      },
    ]);
  });

  it('refuses grants that cannot work, each with its code', async () => {
    const { admin, keeper, member, seal } = await company();
    const stranger = await newUser('stranger');
    const base = { sealId: seal.id, userId: member.id };
    const now = Date.now();
    const inYears = (years: number, from = new Date(now)) => {
      const at = new Date(from);
      at.setUTCFullYear(at.getUTCFullYear() + years);

      return at;
    };

    expect(await refusal(admin.token, { ...base, userId: keeper.id })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await refusal(admin.token, { ...base, userId: stranger.id })).toMatchObject({
      code: 'GRANTEE_NOT_MEMBER',
      field: 'userId',
    });
    expect((await refusal(admin.token, { ...base, userId: seal.id }))?.code).toBe('NOT_FOUND');
    const backwards = { validFrom: daysFromNow(5), validTo: daysFromNow(4) };
    const past = { validFrom: daysFromNow(-5), validTo: daysFromNow(-1) };
    const tooLong = {
      validFrom: new Date(now + 60_000).toISOString(),
      validTo: new Date(inYears(3).getTime() + 120_000).toISOString(),
    };
    for (const period of [backwards, past, tooLong]) {
      expect(await refusal(admin.token, { ...base, ...period })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'validTo',
      });
    }
    expect(await refusal(admin.token, { ...base, maxUses: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxUses',
    });
    for (const user of [keeper, member, stranger]) {
      expect((await refusal(user.token, base))?.code).toBe('FORBIDDEN');
    }
    const threeYears = {
      validFrom: daysFromNow(1),
      validTo: inYears(3, new Date(now + 86_400_000)),
    };
    expect((await grant(admin.token, { ...base, ...threeYears })).status).toBe('PENDING');

    await ok(DELETE, { input: { id: seal.id, confirmName: '合同专用章' } }, admin.token);
    expect((await refusal(admin.token, base))?.code).toBe('SEAL_REVOKED');
  });

  it('lists grants to those who may grant the seal and to their holders, and no one else', async () => {
    const { admin, keeper, member, other, seal } = await company();
    const forMember = await grant(admin.token, { sealId: seal.id, userId: member.id });
    const forOther = await grant(admin.token, { sealId: seal.id, userId: other.id });
    const bySeal = { sealId: seal.id };

    expect(ids((await listed(admin.token, bySeal)).items)).toEqual(ids([forMember, forOther]));
    expect((await listed(member.token, bySeal)).items).toEqual([
      { id: forMember.id, status: 'ACTIVE' },
    ]);
    expect((await listed(keeper.token, bySeal)).totalCount).toBe(0);
    expect((await listed(admin.token, { userId: other.id })).items).toEqual([
      { id: forOther.id, status: 'ACTIVE' },
    ]);
    const onSeal = async (token: string) =>
      (
        await ok<{ seal: { permissions: { id: string }[] } }>(
          SEAL_PERMISSIONS,
          { id: seal.id },
          token,
        )
      ).seal.permissions;
    expect(ids(await onSeal(admin.token))).toEqual(ids([forMember, forOther]));
    expect(await onSeal(member.token)).toEqual([{ id: forMember.id }]);
    expect(await onSeal(keeper.token)).toEqual([]);

    expect(await ok(MY_GRANTS, {}, member.token)).toEqual({
      me: { grants: [{ id: forMember.id, seal: { id: seal.id } }] },
    });
    const theirGrants = `query ($filter: SealPermissionFilter) {
      sealPermissions(filter: $filter) { items { grantee { grants { id } } } }
    }`;
    const asOrgAdmin = await graphql(theirGrants, { filter: { userId: member.id } }, admin.token);
    expect(asOrgAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asPlatformAdmin = await ok(
      theirGrants,
      { filter: { userId: member.id } },
      await adminToken(),
    );
    expect(asPlatformAdmin).toEqual({
      sealPermissions: { items: [{ grantee: { grants: [{ id: forMember.id }] } }] },
    });
  });

  it('signs under a grant, counting each signature, until its uses are spent', async () => {
    const { admin, keeper, member, seal } = await company();
    const permission = await grant(admin.token, { sealId: seal.id, userId: member.id, maxUses: 2 });

    const first = await trySignWith(member.token, seal.id);
    expect(first.data?.signDocument).toMatchObject({
      permission: { id: permission.id, usedCount: 1 },
      seal: { id: seal.id, usageCount: 1 },
    });
    const offPage = await graphql(
      `
        mutation ($input: SignDocumentInput!) {
          signDocument(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          documentId: await newDocument(member.token),
          sealId: seal.id,
          signerName: '李四',
          pin: '123456',
          placement: { page: 9, x: 200, y: 200 },
        },
      },
      member.token,
    );
    expect(offPage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const second = await trySignWith(member.token, seal.id);
    expect(second.data?.signDocument.permission).toEqual({ id: permission.id, usedCount: 2 });
    expect(await signingCode(member.token, seal.id)).toBe('PERMISSION_EXHAUSTED');
    const byKeeper = await trySignWith(keeper.token, seal.id);
    expect(byKeeper.data?.signDocument).toMatchObject({
      permission: null,
      seal: { usageCount: 3 },
    });

    const [stored] = await sql<{ used_count: number; signatures: number }>(
      `select used_count, (select count(*)::int from signature where permission_id = p.id) as signatures
         from seal_permission p where id = $1`,
      [permission.id],
    );
    expect(stored).toEqual({ used_count: 2, signatures: 2 });
    const signed = await sql<{ payload: { permissionId: string } }>(
      `select payload from history_event where seal_id = $1 and action = 'DOCUMENT_SIGNED' order by at`,
      [seal.id],
    );
    expect(signed.map((event) => event.payload.permissionId)).toEqual([
      permission.id,
      permission.id,
      null,
    ]);
  });

  it('tells a holder why their grant does not let them sign', async () => {
    const { organization, admin, keeper, member, other, seal } = await company();
    expect(await signingCode(member.token, seal.id)).toBe('FORBIDDEN');

    const later = await grant(admin.token, {
      sealId: seal.id,
      userId: member.id,
      validFrom: daysFromNow(2),
      validTo: daysFromNow(5),
    });
    expect(later.status).toBe('PENDING');
    expect(await signingCode(member.token, seal.id)).toBe('PERMISSION_EXPIRED');
    await ageGrant(later.id, {
      validFrom: new Date(Date.now() - 10 * 86_400_000),
      validTo: new Date(Date.now() - 86_400_000),
    });
    expect(await signingCode(member.token, seal.id)).toBe('PERMISSION_EXPIRED');

    const current = await grant(admin.token, { sealId: seal.id, userId: member.id });
    expect((await trySignWith(member.token, seal.id)).data?.signDocument.permission?.id).toBe(
      current.id,
    );
    expect(
      await errorCode(REVOKE, { input: { id: current.id, reason: '越权' } }, keeper.token),
    ).toBe('FORBIDDEN');
    const revoked = await revoke(admin.token, current.id, '项目结束');
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      revokeReason: '项目结束',
      revokedBy: { id: admin.id },
      usedCount: 1,
    });
    expect(await signingCode(member.token, seal.id)).toBe('PERMISSION_REVOKED');
    expect(
      await errorCode(REVOKE, { input: { id: current.id, reason: '再次' } }, admin.token),
    ).toBe('CONFLICT');
    expect(
      await sql(
        `select payload->>'reason' as reason from history_event where seal_id = $1 and action = 'PERMISSION_REVOKED'`,
        [seal.id],
      ),
    ).toEqual([{ reason: '项目结束' }]);

    await grant(admin.token, { sealId: seal.id, userId: other.id });
    await ok(
      REMOVE_MEMBER,
      { input: { organizationId: organization.id, userId: other.id } },
      admin.token,
    );
    expect(await signingCode(other.token, seal.id)).toBe('FORBIDDEN');
  });

  it('filters grants by status exactly as each grant reports its status', async () => {
    const { admin, member, seal } = await company();
    const make = (input: Record<string, unknown> = {}) =>
      grant(admin.token, { sealId: seal.id, userId: member.id, ...input });
    const active = await make();
    const pending = await make({ validFrom: daysFromNow(3), validTo: daysFromNow(4) });
    const expired = await make();
    await ageGrant(expired.id, {
      validFrom: new Date(Date.now() - 5 * 86_400_000),
      validTo: new Date(Date.now() - 1000),
    });
    const exhausted = await make({ maxUses: 1 });
    await sql(`update seal_permission set used_count = 1 where id = $1`, [exhausted.id]);
    const revoked = await make();
    await revoke(admin.token, revoked.id);
    const expected: Record<string, PermissionView> = {
      ACTIVE: active,
      PENDING: pending,
      EXPIRED: expired,
      EXHAUSTED: exhausted,
      REVOKED: revoked,
    };

    const all = await listed(admin.token, { sealId: seal.id });
    expect(Object.fromEntries(all.items.map((item) => [item.status, item.id]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([status, p]) => [status, p.id])),
    );
    for (const [status, permission] of Object.entries(expected)) {
      const page = await listed(admin.token, { sealId: seal.id, status });
      expect(page.items).toEqual([{ id: permission.id, status }]);
    }
    expect((await listed(admin.token, { sealId: seal.id, active: true })).items).toEqual([
      { id: active.id, status: 'ACTIVE' },
    ]);
    expect((await listed(admin.token, { sealId: seal.id, active: false })).totalCount).toBe(4);
    const firstTwo = await ok<Page>(
      PERMISSIONS,
      { filter: { sealId: seal.id }, page: { limit: 2 } },
      admin.token,
    );
    expect(firstTwo.sealPermissions.totalCount).toBe(5);
    expect(firstTwo.sealPermissions.items.map((item) => item.id)).toEqual([
      revoked.id,
      exhausted.id,
    ]);
  });

  it('shows a personal seal to its grantee while the grant stands, and lists it as usable', async () => {
    const owner = await newUser('owner');
    const assistant = await newUser('assistant');
    const seal = await createSeal(owner.token, { type: 'PERSONAL', name: '张三' });
    const SEAL = `query ($id: ID!) { seal(id: $id) { id } }`;
    expect(await errorCode(SEAL, { id: seal.id }, assistant.token)).toBe('FORBIDDEN');

    const permission = await grant(owner.token, {
      sealId: seal.id,
      userId: assistant.id,
      maxUses: 1,
    });
    expect(await ok(SEAL, { id: seal.id }, assistant.token)).toEqual({ seal: { id: seal.id } });
    const seals = async (token: string, filter: Record<string, unknown> = {}) =>
      ids((await ok<{ seals: { items: { id: string }[] } }>(SEALS, { filter }, token)).seals.items);
    expect(await seals(assistant.token)).toEqual([seal.id]);
    expect(await seals(assistant.token, { usable: true })).toEqual([seal.id]);
    expect(await seals(owner.token, { usable: true })).toEqual([seal.id]);

    expect((await trySignWith(assistant.token, seal.id)).errors).toBeUndefined();
    expect(await seals(assistant.token, { usable: true })).toEqual([]);
    expect(await seals(assistant.token, { usable: false })).toEqual([seal.id]);

    await revoke(owner.token, permission.id);
    expect(await errorCode(SEAL, { id: seal.id }, assistant.token)).toBe('FORBIDDEN');
    expect(await seals(assistant.token)).toEqual([]);
    expect(await ok(MY_GRANTS, {}, assistant.token)).toEqual({
      me: { grants: [{ id: permission.id, seal: null }] },
    });
  });

  it('lists company seals as usable to their keeper and to members with an active grant', async () => {
    const { admin, keeper, member, other, seal } = await company();
    await grant(admin.token, { sealId: seal.id, userId: member.id });
    const usable = async (token: string) =>
      ids(
        (
          await ok<{ seals: { items: { id: string }[] } }>(
            SEALS,
            { filter: { usable: true } },
            token,
          )
        ).seals.items,
      );

    expect(await usable(keeper.token)).toEqual([seal.id]);
    expect(await usable(member.token)).toEqual([seal.id]);
    expect(await usable(other.token)).toEqual([]);
    expect(await usable(admin.token)).toEqual([]);
  });

  it('makes exactly as many signatures as a grant allows when its holder signs in parallel', async () => {
    const { admin, member, seal } = await company();
    const permission = await grant(admin.token, { sealId: seal.id, userId: member.id, maxUses: 3 });
    const documents = await Promise.all(Array.from({ length: 8 }, () => newDocument(member.token)));

    const results = await Promise.all(
      documents.map((documentId) => trySignWith(member.token, seal.id, documentId)),
    );

    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'SIGNED');
    expect(codes.filter((code) => code === 'SIGNED')).toHaveLength(3);
    expect(codes.filter((code) => code !== 'SIGNED')).toEqual(
      Array(5).fill('PERMISSION_EXHAUSTED'),
    );
    const [row] = await sql<{ used_count: number; signatures: number }>(
      `select used_count, (select count(*)::int from signature where seal_id = $2) as signatures
         from seal_permission where id = $1`,
      [permission.id, seal.id],
    );
    expect(row).toEqual({ used_count: 3, signatures: 3 });
  });
});

describe('grants that outlive their reason', () => {
  const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
    addOrganizationMember(input: $input) { id }
  }`;
  const statusOf = async (token: string, id: string) => {
    const { sealPermissions } = await ok<{
      sealPermissions: { items: { id: string; status: string; revokeReason: string | null }[] };
    }>(
      `query ($filter: SealPermissionFilter) {
        sealPermissions(filter: $filter) { items { id status revokeReason } }
      }`,
      { filter: {} },
      token,
    );

    return sealPermissions.items.find((item) => item.id === id);
  };

  it('are revoked when their holder leaves the organisation, and stay so if they come back', async () => {
    const { organization, admin, member, seal } = await company();
    const held = await grant(admin.token, { sealId: seal.id, userId: member.id });
    const input = { organizationId: organization.id, userId: member.id };

    await ok(REMOVE_MEMBER, { input }, admin.token);
    await ok(ADD_MEMBER, { input }, admin.token);

    expect(await statusOf(admin.token, held.id)).toEqual({
      id: held.id,
      status: 'REVOKED',
      revokeReason: 'the holder left the organisation',
    });
    expect(await signingCode(member.token, seal.id)).toBe('PERMISSION_REVOKED');
  });

  it('are revoked when their seal is deleted', async () => {
    const { admin, member, other, seal } = await company();
    const now = await grant(admin.token, { sealId: seal.id, userId: member.id });
    const later = await grant(admin.token, {
      sealId: seal.id,
      userId: other.id,
      validFrom: daysFromNow(3),
      validTo: daysFromNow(9),
    });

    await ok(DELETE, { input: { id: seal.id, confirmName: '合同专用章' } }, admin.token);

    for (const id of [now.id, later.id]) {
      expect(await statusOf(admin.token, id)).toMatchObject({
        status: 'REVOKED',
        revokeReason: 'the seal was deleted',
      });
    }
  });
});

import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  adminToken,
  caPem,
  downloadBytes,
  createSeal,
  errorCode,
  graphql,
  newUser,
  ok,
  signingRefusal,
  tryCreateSeal,
  uploadPdf,
} from '../support/api';
import { sql } from '../support/database';
import { CREATE_ORGANIZATION, newCreditCode, newOrganization } from '../support/organizations';
import { samplePdf } from '../support/sample-pdf';
import { CONTRACT_SEAL_PT } from '../support/signing-session';

const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $input) { id role user { id } organization { id } }
}`;
const CHANGE_ROLE = `mutation ($input: ChangeOrganizationMemberRoleInput!) {
  changeOrganizationMemberRole(input: $input) { role }
}`;
const REMOVE_MEMBER = `mutation ($input: RemoveOrganizationMemberInput!) {
  removeOrganizationMember(input: $input) { role }
}`;
const SEAL = `query ($id: ID!) { seal(id: $id) { id status organization { id name } owner { id } } }`;
const SEALS = `query ($filter: SealFilter) { seals(filter: $filter) { totalCount items { id } } }`;
const RENEW = `mutation ($input: RenewSealInput!) { renewSeal(input: $input) { id } }`;
const DELETE = `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { status } }`;
const MEMBERSHIPS = `{ me { memberships { role organization { id name } } } }`;

type User = Awaited<ReturnType<typeof newUser>>;

/** An organisation with an ORG_ADMIN, a SEAL_KEEPER and a MEMBER, and a stranger outside it. */
async function company() {
  const [admin, keeper, member, stranger] = await Promise.all(
    ['org-admin', 'keeper', 'member', 'stranger'].map((prefix) => newUser(prefix)),
  );
  const organization = await newOrganization(admin.token, { name: '宁波港口物流有限公司' });
  const add = (user: User, role: string) =>
    ok(
      ADD_MEMBER,
      { input: { organizationId: organization.id, login: user.username, role } },
      admin.token,
    );
  await add(keeper, 'SEAL_KEEPER');
  await add(member, 'MEMBER');

  return { organization, admin: admin, keeper: keeper, member: member, stranger: stranger };
}

const contractSeal = (user: User, organizationId: string) =>
  createSeal(user.token, { organizationId, ownerName: undefined });

describe('organisations', () => {
  it('registers an organisation with a checked credit code; its creator is ORG_ADMIN', async () => {
    const user = await newUser('founder');
    const code = newCreditCode();
    const input = {
      name: '杭州测试有限公司',
      legalRepresentative: '李雷',
      unifiedSocialCreditCode: code,
    };
    const created = await ok<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { input: { ...input, unifiedSocialCreditCode: code.toLowerCase() } },
      user.token,
    );

    expect(await ok(MEMBERSHIPS, {}, user.token)).toEqual({
      me: {
        memberships: [
          {
            role: 'ORG_ADMIN',
            organization: { id: created.createOrganization.id, name: input.name },
          },
        ],
      },
    });
    const again = await graphql(CREATE_ORGANIZATION, { input }, (await newUser()).token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const wrongCheck = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const bad = await graphql(
      CREATE_ORGANIZATION,
      { input: { ...input, unifiedSocialCreditCode: wrongCheck } },
      user.token,
    );
    expect(bad.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'unifiedSocialCreditCode' },
    });
    expect(bad.errors?.[0]?.message).toMatch(/check character/);
    for (const unifiedSocialCreditCode of ['91330100MA2XXXXX1', '91330100MA2GXXXXXI']) {
      const refused = await errorCode(
        CREATE_ORGANIZATION,
        { input: { ...input, unifiedSocialCreditCode } },
        user.token,
      );
      expect(refused).toBe('BAD_USER_INPUT');
    }
  });

  it('draws and certifies company seals with the registered names', async () => {
    const { organization, admin } = await company();
    const official = await createSeal(admin.token, {
      type: 'OFFICIAL',
      name: '公章',
      organizationId: organization.id,
      ownerName: undefined,
    });
    expect(official.certificate.subject).toContain(`O=${organization.name}`);
    const representative = await ok<{ createSeal: { ownerName: string } }>(
      `mutation ($input: CreateSealInput!) { createSeal(input: $input) { ownerName } }`,
      {
        input: {
          type: 'LEGAL_REPRESENTATIVE',
          name: '法定代表人章',
          organizationId: organization.id,
          pin: '123456',
        },
      },
      admin.token,
    );
    expect(representative.createSeal.ownerName).toBe('王小明');
    const invoice = await ok<{ createSeal: { taxpayerNumber: string } }>(
      `mutation ($input: CreateSealInput!) { createSeal(input: $input) { taxpayerNumber } }`,
      {
        input: {
          type: 'INVOICE',
          name: '发票专用章',
          organizationId: organization.id,
          pin: '123456',
        },
      },
      admin.token,
    );
    expect(invoice.createSeal.taxpayerNumber).toBe(organization.unifiedSocialCreditCode);

    const refusal = async (input: Record<string, unknown>) =>
      (await tryCreateSeal(admin.token, input)).errors?.[0]?.extensions;
    expect(await refusal({ organizationId: null })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organizationId',
    });
    expect(await refusal({ organizationId: organization.id, ownerName: '别的公司' })).toMatchObject(
      { code: 'BAD_USER_INPUT', field: 'ownerName' },
    );
    expect(
      await refusal({ type: 'PERSONAL', name: '张三', organizationId: organization.id }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it('lets ORG_ADMINs and SEAL_KEEPERs make company seals, and no one else', async () => {
    const { organization, keeper, member, stranger } = await company();

    expect((await contractSeal(keeper, organization.id)).id).toBeDefined();
    for (const user of [member, stranger]) {
      const result = await tryCreateSeal(user.token, { organizationId: organization.id });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('shows company seals to members only; platform admins see any', async () => {
    const { organization, keeper, member, stranger } = await company();
    const seal = await contractSeal(keeper, organization.id);
    const inOrganization = { filter: { organizationId: organization.id } };

    const seen = await ok<{ seal: { organization: { id: string }; owner: { id: string } } }>(
      SEAL,
      { id: seal.id },
      member.token,
    );
    expect(seen.seal).toMatchObject({
      organization: { id: organization.id },
      owner: { id: keeper.id },
    });
    expect(await ok(SEALS, inOrganization, member.token)).toEqual({
      seals: { totalCount: 1, items: [{ id: seal.id }] },
    });
    expect(await ok(SEALS, {}, member.token)).toEqual({
      seals: { totalCount: 1, items: [{ id: seal.id }] },
    });
    expect(await errorCode(SEAL, { id: seal.id }, stranger.token)).toBe('FORBIDDEN');
    expect(await errorCode(SEALS, inOrganization, stranger.token)).toBe('FORBIDDEN');
    expect(
      (await ok<{ seals: { totalCount: number } }>(SEALS, {}, stranger.token)).seals.totalCount,
    ).toBe(0);

    const admin = await adminToken();
    expect(await ok(SEALS, inOrganization, admin)).toEqual({
      seals: { totalCount: 1, items: [{ id: seal.id }] },
    });
    expect(await errorCode(RENEW, { input: { id: seal.id, validDays: 30 } }, admin)).toBe(
      'FORBIDDEN',
    );
  });

  it('lets keepers maintain, only ORG_ADMINs and the seal’s keeper delete', async () => {
    const { organization, admin, keeper, member } = await company();
    const otherKeeper = await newUser('keeper-2');
    await ok(
      ADD_MEMBER,
      { input: { organizationId: organization.id, userId: otherKeeper.id, role: 'SEAL_KEEPER' } },
      admin.token,
    );
    const seal = await contractSeal(keeper, organization.id);
    const confirm = { input: { id: seal.id, confirmName: '合同专用章' } };

    expect(
      await errorCode(RENEW, { input: { id: seal.id, validDays: 30 } }, otherKeeper.token),
    ).toBeUndefined();
    expect(await errorCode(RENEW, { input: { id: seal.id, validDays: 30 } }, member.token)).toBe(
      'FORBIDDEN',
    );
    expect(await errorCode(DELETE, confirm, member.token)).toBe('FORBIDDEN');
    expect(await errorCode(DELETE, confirm, otherKeeper.token)).toBe('FORBIDDEN');

    const deleted = await ok<{ deleteSeal: { status: string } }>(DELETE, confirm, admin.token);
    expect(deleted.deleteSeal.status).toBe('REVOKED');
    const [event] = await sql<{ actor_id: string }>(
      `select actor_id from history_event where seal_id = $1 and action = 'SEAL_DELETED'`,
      [seal.id],
    );
    expect(event?.actor_id).toBe(admin.id);
    const certificates = await sql<{ revocation_reason: string }>(
      'select revocation_reason from seal_certificate where seal_id = $1',
      [seal.id],
    );
    expect(certificates).toHaveLength(2);
    expect(certificates.every((c) => c.revocation_reason === 'cessationOfOperation')).toBe(true);
  });

  it('signs with a company seal only as its keeper, and not once they have left', async () => {
    const { organization, admin, keeper, member } = await company();
    const seal = await contractSeal(keeper, organization.id);
    const placement = { page: 1, x: 200, y: 200 };
    const sign = async (user: User) => {
      const input = await samplePdf(1);
      const document = await uploadPdf(user.token, input);
      const code = await signingRefusal(user.token, {
        documentId: document.id,
        sealId: seal.id,
        signerName: '签署人',
        placement,
      });
      if (code === undefined) {
        const output = await downloadBytes(document.downloadUrl, user.token);
        const size = { width: CONTRACT_SEAL_PT, height: CONTRACT_SEAL_PT };
        await expectValidSignedPdf({
          input,
          output,
          caPem: await caPem(),
          seal: { ...placement, ...size },
        });
      }

      return code;
    };

    expect(await sign(keeper)).toBeUndefined();
    expect(await sign(member)).toBe('FORBIDDEN');
    expect(await sign(admin)).toBe('FORBIDDEN');
    await ok(
      REMOVE_MEMBER,
      { input: { organizationId: organization.id, userId: keeper.id } },
      admin.token,
    );
    expect(await sign(keeper)).toBe('FORBIDDEN');
    expect(await errorCode(SEAL, { id: seal.id }, keeper.token)).toBe('FORBIDDEN');
  });

  it('keeps at least one ORG_ADMIN, and lets only ORG_ADMINs change members', async () => {
    const { organization, admin, keeper, member } = await company();
    const organizationId = organization.id;
    const self = { organizationId, userId: admin.id };

    expect(await errorCode(CHANGE_ROLE, { input: { ...self, role: 'MEMBER' } }, admin.token)).toBe(
      'CONFLICT',
    );
    expect(await errorCode(REMOVE_MEMBER, { input: self }, admin.token)).toBe('CONFLICT');
    const promote = { input: { organizationId, userId: member.id, role: 'ORG_ADMIN' } };
    expect(await errorCode(CHANGE_ROLE, promote, keeper.token)).toBe('FORBIDDEN');
    const newcomer = await newUser('newcomer');
    const addNewcomer = { input: { organizationId, userId: newcomer.id } };
    expect(await errorCode(ADD_MEMBER, addNewcomer, member.token)).toBe('FORBIDDEN');
    expect(
      await errorCode(ADD_MEMBER, { input: { organizationId, userId: member.id } }, admin.token),
    ).toBe('CONFLICT');

    await ok(CHANGE_ROLE, promote, admin.token);
    expect(await errorCode(REMOVE_MEMBER, { input: self }, admin.token)).toBeUndefined();
    expect(
      await errorCode(
        REMOVE_MEMBER,
        { input: { organizationId, userId: keeper.id } },
        keeper.token,
      ),
    ).toBeUndefined();
    const members = await ok<{
      organization: { members: { role: string; user: { id: string } }[] };
    }>(
      `query ($id: ID!) { organization(id: $id) { members { role user { id } } } }`,
      { id: organizationId },
      member.token,
    );
    expect(members.organization.members).toEqual([{ role: 'ORG_ADMIN', user: { id: member.id } }]);
    const actions = await sql<{ action: string }>(
      `select action from history_event where payload->>'organizationId' = $1 order by at, action`,
      [organizationId],
    );
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'ORGANIZATION_CREATED',
        'ORGANIZATION_MEMBER_ADDED',
        'ORGANIZATION_MEMBER_ROLE_CHANGED',
        'ORGANIZATION_MEMBER_REMOVED',
      ]),
    );
  });

  it("shows an organisation's ORG_ADMINs the history of its seals and members, and no one else", async () => {
    const { organization, admin, keeper, member } = await company();
    const seal = await contractSeal(keeper, organization.id);
    const HISTORY = `query ($filter: HistoryFilter) {
      history(filter: $filter, first: 100) { edges { node { action actor { id } } } }
    }`;
    const actions = async (token: string, filter = {}) => {
      const data = await ok<{ history: { edges: { node: { action: string } }[] } }>(
        HISTORY,
        { filter },
        token,
      );

      return data.history.edges.map((edge) => edge.node.action);
    };

    expect(await actions(admin.token, { sealId: seal.id })).toEqual(['SEAL_CREATED']);
    expect(await actions(admin.token)).toEqual(
      expect.arrayContaining(['ORGANIZATION_MEMBER_ADDED', 'SEAL_CREATED']),
    );
    expect(await actions(member.token, { sealId: seal.id })).toEqual([]);
    expect(await actions(keeper.token, { sealId: seal.id })).toEqual(['SEAL_CREATED']);
  });

  it("hides members' e-mail addresses and phones from each other, not from themselves", async () => {
    const { organization, admin, member } = await company();
    await sql(`update "user" set email = $2, phone = $3 where id = $1`, [
      member.id,
      `${member.username}@example.test`,
      '13800138000',
    ]);
    const MEMBERS = `query ($id: ID!) { organization(id: $id) { members { user { id email phone } } } }`;
    const contactsSeenBy = async (token: string) => {
      const data = await ok<{
        organization: { members: { user: { id: string; email: string | null } }[] };
      }>(MEMBERS, { id: organization.id }, token);

      return data.organization.members.find((m) => m.user.id === member.id)?.user;
    };

    expect(await contactsSeenBy(admin.token)).toEqual({ id: member.id, email: null, phone: null });
    expect(await contactsSeenBy(member.token)).toEqual({
      id: member.id,
      email: `${member.username}@example.test`,
      phone: '13800138000',
    });
    expect((await contactsSeenBy(await adminToken()))?.email).toBe(
      `${member.username}@example.test`,
    );
  });

  it('serialises concurrent demotions so an organisation never loses its last ORG_ADMIN', async () => {
    const { organization, admin, member } = await company();
    const organizationId = organization.id;
    await ok(
      CHANGE_ROLE,
      { input: { organizationId, userId: member.id, role: 'ORG_ADMIN' } },
      admin.token,
    );

    const results = await Promise.all([
      graphql(
        CHANGE_ROLE,
        { input: { organizationId, userId: admin.id, role: 'MEMBER' } },
        member.token,
      ),
      graphql(
        CHANGE_ROLE,
        { input: { organizationId, userId: member.id, role: 'MEMBER' } },
        admin.token,
      ),
    ]);

    // Whoever comes second is no longer entitled (FORBIDDEN) or would leave none (CONFLICT).
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes.filter((code) => code === undefined)).toHaveLength(1);
    expect(codes.filter((code) => code === 'FORBIDDEN' || code === 'CONFLICT')).toHaveLength(1);
    const [row] = await sql<{ admins: number }>(
      `select count(*)::int as admins from organization_member where organization_id = $1 and role = 'ORG_ADMIN'`,
      [organizationId],
    );
    expect(row?.admins).toBe(1);
  });
});

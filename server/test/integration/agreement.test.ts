import {
  acceptCurrentAgreement,
  adminToken,
  baseUrl,
  createSeal,
  graphql,
  importSealPem,
  newUser,
  ok,
  tryCreateSeal,
} from '../support/api';
import { sql } from '../support/database';
import { useChildServer } from '../support/spawn-test-server';

const CURRENT = `{ currentAgreement { id version title body publishedAt } }`;
const ACCEPT = `mutation ($input: AcceptAgreementInput!) {
  acceptAgreement(input: $input) { acceptedAt ipAddress userAgent agreement { version } }
}`;
const PUBLISH = `mutation ($input: PublishAgreementInput!) {
  publishAgreement(input: $input) { id version title }
}`;

interface AgreementView {
  id: string;
  version: number;
  title: string;
  body: string;
}

const current = async () =>
  (await ok<{ currentAgreement: AgreementView }>(CURRENT)).currentAgreement;

const code = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions?.code;

const acceptedVersion = async (token: string) =>
  (
    await ok<{ me: { acceptedAgreementVersion: number | null } }>(
      `{ me { acceptedAgreementVersion } }`,
      {},
      token,
    )
  ).me.acceptedAgreementVersion;

/**
 * Publishing a version asks every user again, so these tests run on a server of their own: on
 * the shared one they would send every other test's new seals to AGREEMENT_REQUIRED.
 */
describe('the service agreement', () => {
  useChildServer(() => ({}));

  it('is public, and a fresh platform has version 1, 电子印章服务协议', async () => {
    const agreement = await current();

    expect(agreement).toMatchObject({ version: 1, title: '电子印章服务协议' });
    expect(agreement.body).toContain('PIN');
  });

  it('refuses to create or import a seal before acceptance with AGREEMENT_REQUIRED', async () => {
    const { token } = await newUser('pending', { acceptAgreement: false });
    const pem = { name: '公章', type: 'OFFICIAL', certificateChainPem: 'x', privateKeyPem: 'x' };

    expect(await acceptedVersion(token)).toBeNull();
    expect(code(await tryCreateSeal(token))).toBe('AGREEMENT_REQUIRED');
    expect(code(await importSealPem(token, pem))).toBe('AGREEMENT_REQUIRED');
    await acceptCurrentAgreement(token);
    expect(await acceptedVersion(token)).toBe((await current()).version);
    expect((await createSeal(token)).status).toBe('ACTIVE');
  });

  it('records where an acceptance came from, once however often it is repeated', async () => {
    const { token, id: userId } = await newUser('accepting', { acceptAgreement: false });
    const { id: agreementId } = await current();
    const accept = () => acceptWithUserAgent(token, agreementId, 'AgreementTest/1.0 (Linux)');

    const first = await accept();
    const again = await accept();
    const rows = await sql<{ ip_address: string; user_agent: string }>(
      `select ip_address, user_agent from agreement_acceptance where user_id = $1`,
      [userId],
    );
    const events = await sql<{ action: string; payload: { version: number } }>(
      `select action, payload from history_event where actor_id = $1 and action = 'AGREEMENT_ACCEPTED'`,
      [userId],
    );

    expect(first.userAgent).toBe('AgreementTest/1.0 (Linux)');
    expect(first.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(again.acceptedAt).toBe(first.acceptedAt);
    expect(rows).toEqual([{ ip_address: first.ipAddress, user_agent: first.userAgent }]);
    expect(events).toHaveLength(1);
  });

  it('lets only administrators publish, and a new version must be accepted again', async () => {
    const { token } = await newUser('signer');
    const admin = await adminToken();
    const before = await current();
    const input = { title: '电子印章服务协议（修订版）', body: '第二版。\nSecond edition.' };

    expect(
      (
        await graphql(
          `
            {
              me {
                role
              }
            }
          `,
          {},
          admin,
        )
      ).data,
    ).toEqual({ me: { role: 'ADMIN' } });
    expect(code(await graphql(PUBLISH, { input }, token))).toBe('FORBIDDEN');
    expect(code(await graphql(PUBLISH, { input: { ...input, title: ' ' } }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    const published = await ok<{ publishAgreement: AgreementView }>(PUBLISH, { input }, admin);
    const next = published.publishAgreement;
    expect(next.version).toBe(before.version + 1);
    expect((await current()).id).toBe(next.id);
    expect(code(await tryCreateSeal(token))).toBe('AGREEMENT_REQUIRED');
    const stale = await graphql(ACCEPT, { input: { agreementId: before.id } }, token);
    expect(code(stale)).toBe('CONFLICT');
    await acceptCurrentAgreement(token);
    expect(await acceptedVersion(token)).toBe(next.version);
    expect((await createSeal(token)).status).toBe('ACTIVE');
    const events = await sql<{ payload: { version: number } }>(
      `select payload from history_event where action = 'AGREEMENT_PUBLISHED'`,
    );
    expect(events.map((event) => event.payload.version)).toContain(next.version);
  });
});

/** Accepts with a chosen User-Agent header, which the API helpers do not set. */
async function acceptWithUserAgent(token: string, agreementId: string, userAgent: string) {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'user-agent': userAgent,
    },
    body: JSON.stringify({ query: ACCEPT, variables: { input: { agreementId } } }),
  });
  const result = (await response.json()) as {
    data: { acceptAgreement: { acceptedAt: string; ipAddress: string; userAgent: string } };
  };

  return result.data.acceptAgreement;
}

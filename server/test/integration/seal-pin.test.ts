import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  DEFAULT_SEAL_PIN,
  downloadBytes,
  graphql,
  newUser,
  ok,
  SEAL_FIELDS,
  signDocument,
  trySignDocument,
  tryCreateSeal,
  uploadPdf,
  type SealView,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

const WRONG_PIN = '654321';
const CHANGE_PIN = `mutation ($input: ChangeSealPinInput!) { changeSealPin(input: $input) { ${SEAL_FIELDS} } }`;

/** A signer with a seal and a one-page document, and the signing requests the tests make. */
async function signer() {
  const { token, id: userId } = await newUser('pin');
  const seal = await createSeal(token);
  const input = await samplePdf(1);
  const document = await uploadPdf(token, input);
  const signing = { documentId: document.id, sealId: seal.id, signerName: '张三' };
  const attempt = async (pin: string) => {
    const result = await trySignDocument(token, { ...signing, pin, placement: PLACE });
    const error = result.errors?.[0];

    return { code: error?.extensions?.code, message: error?.message ?? '' };
  };
  const sealNow = async () =>
    (
      await ok<{ seal: SealView }>(
        `query ($id: ID!) { seal(id: $id) { ${SEAL_FIELDS} } }`,
        {
          id: seal.id,
        },
        token,
      )
    ).seal;

  return { token, userId, seal, input, document, signing, attempt, sealNow };
}

const PLACE = { page: 1, x: 200, y: 200 };

describe('seal PINs', () => {
  it('refuses a wrong PIN with BAD_PIN naming the attempts left; a right one resets the count', async () => {
    const { attempt } = await signer();

    const first = await attempt(WRONG_PIN);
    const second = await attempt(WRONG_PIN);
    const right = await attempt(DEFAULT_SEAL_PIN);
    const afterReset = [];
    for (let i = 0; i < 4; i += 1) afterReset.push(await attempt(WRONG_PIN));

    expect(first.code).toBe('BAD_PIN');
    expect(first.message).toContain('4 attempts left');
    expect(second.message).toContain('3 attempts left');
    expect(right.code).toBeUndefined();
    expect(afterReset.map((outcome) => outcome.code)).toEqual(Array<string>(4).fill('BAD_PIN'));
    expect(afterReset[3].message).toContain('1 attempt left');
  });

  it('refuses what cannot be a PIN with BAD_USER_INPUT, without counting it as a wrong guess', async () => {
    const { attempt } = await signer();

    const malformed = [
      await attempt(''),
      await attempt('1'.repeat(100_000)),
      await attempt('12ab56'),
    ];
    const wrong = await attempt(WRONG_PIN);

    expect(malformed.map((outcome) => outcome.code)).toEqual(
      Array<string>(3).fill('BAD_USER_INPUT'),
    );
    expect(wrong.message).toContain('4 attempts left');
  });

  it('locks the seal after 5 wrong PINs, refusing even the right one with SEAL_LOCKED until the lock ends', async () => {
    const { token, seal, input, document, attempt, sealNow } = await signer();

    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push((await attempt(WRONG_PIN)).code);
    const whileLocked = await attempt(DEFAULT_SEAL_PIN);
    const locked = await sealNow();
    const events = await sql<{ action: string; payload: { code?: string } }>(
      `select action, payload from history_event where seal_id = $1 order by at`,
      [seal.id],
    );

    expect(outcomes).toEqual([...Array<string>(4).fill('BAD_PIN'), 'SEAL_LOCKED']);
    expect(whileLocked.code).toBe('SEAL_LOCKED');
    expect(locked.status).toBe('LOCKED');
    const minutes = (Date.parse(locked.lockedUntil!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(events.map((event) => event.action)).toEqual([
      'SEAL_CREATED',
      ...Array<string>(4).fill('SIGNING_FAILED'),
      // The lock commits with the count, before the refused signing's own record.
      'SEAL_LOCKED',
      'SIGNING_FAILED',
      'SIGNING_FAILED',
    ]);

    // The lock's time passes.
    await sql(`update seal set locked_until = now() - interval '1 second' where id = $1`, [
      seal.id,
    ]);
    expect((await sealNow()).status).toBe('ACTIVE');
    expect((await sealNow()).lockedUntil).toBeNull();
    const signature = await signDocument(token, {
      documentId: document.id,
      sealId: seal.id,
      signerName: '张三',
      placement: PLACE,
    });
    expect(signature.document.revision).toBe(2);
    const output = await downloadBytes(document.downloadUrl, token);
    await expectValidSignedPdf({ input, output, caPem: await caPem() });
  });

  it('changes the PIN given the current one; a wrong current PIN counts as a failure', async () => {
    const { token, seal, attempt } = await signer();
    const other = await newUser('other');
    const change = (input: Record<string, unknown>, as = token) =>
      graphql<{ changeSealPin: SealView }>(CHANGE_PIN, { input: { id: seal.id, ...input } }, as);

    const wrong = await change({ currentPin: WRONG_PIN, newPin: '24681357' });
    const malformed = await change({ currentPin: DEFAULT_SEAL_PIN, newPin: '12ab56' });
    const foreign = await change({ currentPin: DEFAULT_SEAL_PIN, newPin: '24681357' }, other.token);
    const changed = await change({ currentPin: DEFAULT_SEAL_PIN, newPin: '24681357' });

    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_PIN');
    expect(wrong.errors?.[0]?.message).toContain('4 attempts left');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(changed.data?.changeSealPin.id).toBe(seal.id);
    expect((await attempt(DEFAULT_SEAL_PIN)).code).toBe('BAD_PIN');
    expect((await attempt('24681357')).code).toBeUndefined();
    const events = await sql<{ action: string }>(
      `select action from history_event where seal_id = $1 and action = 'SEAL_PIN_CHANGED'`,
      [seal.id],
    );
    expect(events).toHaveLength(1);
  });

  it('refuses a PIN that is not 6–12 digits with BAD_USER_INPUT', async () => {
    const { token } = await newUser();

    for (const pin of ['12345', '1234567890123', 'abcdef', '12345６']) {
      const result = await tryCreateSeal(token, { pin });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await createSeal(token, { pin: '123456789012' })).status).toBe('ACTIVE');
  });

  it('keeps the PIN only as an argon2id hash that no response ever carries', async () => {
    const { token, seal, signing, sealNow } = await signer();
    const responses = [
      await tryCreateSeal(token, { pin: '97531864' }),
      await trySignDocument(token, { ...signing, placement: PLACE }),
      await graphql(`{ seals { ${SEAL_FIELDS} owner { id username } } }`, {}, token),
      await graphql(
        CHANGE_PIN,
        {
          input: { id: seal.id, currentPin: DEFAULT_SEAL_PIN, newPin: '11223344' },
        },
        token,
      ),
      await graphql(
        `
          query ($id: ID!) {
            seal(id: $id) {
              pinHash
            }
          }
        `,
        { id: seal.id },
        token,
      ),
      { seal: await sealNow() },
    ];
    const stored = await sql<{ pin_hash: string }>(`select pin_hash from seal where id = $1`, [
      seal.id,
    ]);

    expect(stored[0].pin_hash).toMatch(/^\$argon2id\$/);
    for (const response of responses) {
      const text = JSON.stringify(response);
      expect(text).not.toContain('argon2');
      expect(text).not.toContain(stored[0].pin_hash);
      expect(text).not.toMatch(/"pin(Hash)?"\s*:/);
    }
    expect(responses[4]).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });
});

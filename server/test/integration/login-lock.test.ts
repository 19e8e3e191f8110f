import { createHash } from 'node:crypto';
import {
  codeOf,
  dataOf,
  extensionsOf,
  freshIdentity,
  login,
  PASSWORD,
  register,
} from '../support/accounts';
import { sql } from '../support/database';

const WRONG = 'not the password';

/** A new account with an e-mail address and a phone (the shared server needs no codes). */
async function account() {
  const identity = freshIdentity('lock');
  const { user } = dataOf(await register(identity)).register;

  return { ...identity, id: user.id };
}

async function loginEvents(userId: string) {
  return sql<{ action: string; payload: Record<string, unknown>; row: string }>(
    `select action, payload, e::text as row from history_event e
      where payload->>'userId' = $1::text or actor_id = $1::uuid order by at`,
    [userId],
  );
}

describe('signing in', () => {
  it('signs in by username, e-mail address or phone', async () => {
    const { username, email, phone, id } = await account();

    const outcomes = [
      await login(username.toUpperCase()),
      await login(email),
      await login(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`),
    ];

    expect(outcomes.map((outcome) => dataOf(outcome).login.user.id)).toEqual([id, id, id]);
  });

  it('refuses a wrong password with UNAUTHENTICATED and counts it, the count committed though the request failed', async () => {
    const { username, id } = await account();

    const outcome = await login(username, WRONG);
    const [row] = await sql<{ failed_login_attempts: number }>(
      `select failed_login_attempts from "user" where id = $1`,
      [id],
    );
    const events = await loginEvents(id);

    expect(codeOf(outcome)).toBe('UNAUTHENTICATED');
    expect(row.failed_login_attempts).toBe(1);
    expect(events.map((event) => event.action)).toEqual(['USER_REGISTERED', 'LOGIN_FAILED']);
    expect(events[1].payload).toMatchObject({ reason: 'WRONG_PASSWORD', userId: id });
    expect(events[1].row).not.toContain(WRONG);
  });

  it('records a failed login for an unknown name too, answering as for a wrong password', async () => {
    const login_ = `nobody-${freshIdentity().username}`;

    const outcome = await login(login_, WRONG);
    const events = await sql<{ payload: Record<string, unknown> }>(
      `select payload from history_event where action = 'LOGIN_FAILED' and payload->>'loginSha256' = $1`,
      [createHash('sha256').update(login_).digest('hex')],
    );

    expect(codeOf(outcome)).toBe('UNAUTHENTICATED');
    expect(events.map((event) => event.payload.reason)).toEqual(['UNKNOWN_LOGIN']);
    expect(JSON.stringify(events)).not.toContain(login_);
  });

  it('locks the account after 5 wrong passwords in a row, refusing even the right one with ACCOUNT_LOCKED', async () => {
    const { username, id } = await account();

    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await login(username, WRONG));
    const right = await login(username);
    const events = await loginEvents(id);

    expect(outcomes.map(codeOf)).toEqual([
      ...Array<string>(4).fill('UNAUTHENTICATED'),
      'ACCOUNT_LOCKED',
    ]);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    const lockedUntil = extensionsOf(right).lockedUntil as string;
    expect(lockedUntil).toBe(extensionsOf(outcomes[4]).lockedUntil);
    const minutes = (Date.parse(lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(events.map((event) => event.action)).toEqual([
      'USER_REGISTERED',
      ...Array<string>(5).fill('LOGIN_FAILED'),
      'ACCOUNT_LOCKED',
      'LOGIN_FAILED',
    ]);
    expect(events[7].payload.reason).toBe('ACCOUNT_LOCKED');
  });

  it('signs in again once the lock has passed', async () => {
    const { username, id } = await account();
    for (let i = 0; i < 5; i += 1) await login(username, WRONG);

    await sql(`update "user" set locked_until = now() - interval '1 second' where id = $1`, [id]);
    const right = await login(username);
    const wrong = await login(username, WRONG);

    expect(dataOf(right).login.user.id).toBe(id);
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
  });

  it('resets the count with a right password', async () => {
    const { username } = await account();

    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(codeOf(await login(username, WRONG)));
    outcomes.push(codeOf(await login(username)));
    for (let i = 0; i < 4; i += 1) outcomes.push(codeOf(await login(username, WRONG)));

    expect(outcomes).toEqual([
      ...Array<string>(4).fill('UNAUTHENTICATED'),
      undefined,
      ...Array<string>(4).fill('UNAUTHENTICATED'),
    ]);
  });

  it('lets parallel wrong guesses try the password 5 times at most before the lock', async () => {
    const { username, id } = await account();

    const outcomes = await Promise.all(Array.from({ length: 12 }, () => login(username, WRONG)));
    const right = await login(username, PASSWORD);
    const events = await loginEvents(id);
    const reasons = events.map((event) => event.payload.reason).filter(Boolean);

    expect(outcomes.filter((outcome) => codeOf(outcome) === 'UNAUTHENTICATED')).toHaveLength(4);
    expect(outcomes.filter((outcome) => codeOf(outcome) === 'ACCOUNT_LOCKED')).toHaveLength(8);
    expect(reasons.filter((reason) => reason === 'WRONG_PASSWORD')).toHaveLength(5);
    expect(events.filter((event) => event.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
  });
});

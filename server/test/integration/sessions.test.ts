import { createHash } from 'node:crypto';
import { ok } from '../support/api';
import {
  codeOf,
  dataOf,
  freshIdentity,
  login,
  logout,
  refresh,
  register,
  type Auth,
} from '../support/accounts';
import { sql } from '../support/database';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A new account's first session. */
async function signedIn(): Promise<Auth> {
  const { username } = freshIdentity('session');

  return dataOf(await register({ username })).register;
}

async function meWith(accessToken: string): Promise<string> {
  return (await ok<{ me: { id: string } }>(`{ me { id } }`, {}, accessToken)).me.id;
}

describe('sessions', () => {
  it('signs in with a short-lived access token and a refresh token', async () => {
    const session = await signedIn();
    const again = dataOf(await login(session.user.username)).login;

    expect(await meWith(again.accessToken)).toBe(session.user.id);
    expect(again.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again.refreshToken).not.toBe(session.refreshToken);
    // ACCESS_TOKEN_TTL's default, a quarter of an hour.
    const minutes = (Date.parse(again.accessTokenExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('exchanges a refresh token for a new pair, which refreshes in turn', async () => {
    const session = await signedIn();

    const renewed = dataOf(await refresh(session.refreshToken)).refreshToken;

    expect(await meWith(renewed.accessToken)).toBe(session.user.id);
    expect(renewed.refreshToken).not.toBe(session.refreshToken);
    expect(codeOf(await refresh(renewed.refreshToken))).toBeUndefined();
  });

  it('revokes the whole family when a used refresh token comes back, so the thief and the owner both sign in again', async () => {
    const session = await signedIn();
    const owner = dataOf(await refresh(session.refreshToken)).refreshToken;

    const replayed = await refresh(session.refreshToken);
    const ownerNext = await refresh(owner.refreshToken);
    const events = await sql<{ action: string; row: string }>(
      `select action, e::text as row from history_event e where actor_id = $1 order by at`,
      [session.user.id],
    );

    expect(codeOf(replayed)).toBe('INVALID_REFRESH_TOKEN');
    expect(codeOf(ownerNext)).toBe('INVALID_REFRESH_TOKEN');
    expect(events.map((event) => event.action)).toEqual([
      'USER_REGISTERED',
      'TOKEN_REFRESHED',
      'REFRESH_TOKEN_REUSED',
    ]);
    const rows = events.map((event) => event.row).join('\n');
    expect(rows).not.toContain(session.refreshToken);
    expect(rows).not.toContain(owner.refreshToken);
  });

  it('lets only one of two parallel refreshes with the same token through, and ends that session', async () => {
    const session = await signedIn();

    const outcomes = await Promise.all([
      refresh(session.refreshToken),
      refresh(session.refreshToken),
    ]);
    const winner = outcomes.find((outcome) => codeOf(outcome) === undefined);

    expect(outcomes.map(codeOf).sort()).toEqual([undefined, 'INVALID_REFRESH_TOKEN'].sort());
    expect(codeOf(await refresh(winner!.data!.refreshToken.refreshToken))).toBe(
      'INVALID_REFRESH_TOKEN',
    );
  });

  it('ends one session at logout and leaves the others', async () => {
    const session = await signedIn();
    const other = dataOf(await login(session.user.username)).login;
    const renewed = dataOf(await refresh(session.refreshToken)).refreshToken;

    const loggedOut = dataOf(await logout(renewed.refreshToken));
    const again = dataOf(await logout(renewed.refreshToken));

    expect([loggedOut.logout, again.logout]).toEqual([true, true]);
    expect(codeOf(await refresh(renewed.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(codeOf(await refresh(other.refreshToken))).toBeUndefined();
    const [{ count }] = await sql<{ count: string }>(
      `select count(*) from history_event where actor_id = $1 and action = 'LOGGED_OUT'`,
      [session.user.id],
    );
    expect(Number(count)).toBe(1);
  });

  it('answers logout with an unknown token as with a known one', async () => {
    expect(dataOf(await logout('not-a-token')).logout).toBe(true);
  });

  it('refuses an unknown or expired refresh token with INVALID_REFRESH_TOKEN', async () => {
    const session = await signedIn();
    await sql(
      `update refresh_token set expires_at = now() - interval '1 second' where token_hash = $1`,
      [sha256(session.refreshToken)],
    );

    expect(codeOf(await refresh('not-a-token'))).toBe('INVALID_REFRESH_TOKEN');
    expect(codeOf(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('stores refresh tokens only as SHA-256 hashes, valid for REFRESH_TOKEN_TTL (30 days)', async () => {
    const session = await signedIn();

    const rows = await sql<{ row: string; token_hash: string; ttl_days: number }>(
      `select t::text as row, token_hash,
         extract(epoch from expires_at - created_at) / 86400 as ttl_days
         from refresh_token t where user_id = $1`,
      [session.user.id],
    );

    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(session.refreshToken));
    expect(rows[0].row).not.toContain(session.refreshToken);
    expect(Number(rows[0].ttl_days)).toBe(30);
  });
});

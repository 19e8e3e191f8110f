import {
  codeOf,
  dataOf,
  freshIdentity,
  login,
  PASSWORD,
  refresh,
  register,
  requestCode,
  resetPassword,
} from '../support/accounts';
import { sql } from '../support/database';
import { TestMailbox } from '../support/mailbox';
import { TestSmsProvider } from '../support/sms-provider';
import { useChildServer } from '../support/spawn-test-server';

const NEW_PASSWORD = 'a brand new password';

let mailbox: TestMailbox;
let sms: TestSmsProvider;

/** An account with an e-mail address and a phone, and its first session. */
async function account() {
  const identity = freshIdentity('reset');
  const session = dataOf(await register(identity)).register;

  return { ...identity, session, id: session.user.id };
}

/**
 * Registration needs no codes here (VERIFICATION_REQUIRED=false), which resetting a password
 * does not change: it always takes a code sent to the account.
 */
describe('resetting a password', () => {
  useChildServer(async () => {
    [mailbox, sms] = await Promise.all([TestMailbox.start(), TestSmsProvider.start()]);

    return {
      VERIFICATION_REQUIRED: 'false',
      SMTP_URL: mailbox.url,
      MAIL_FROM: 'no-reply@eseal.test',
      SMS_WEBHOOK_URL: sms.url,
    };
  });
  afterAll(async () => {
    await Promise.all([mailbox.stop(), sms.stop()]);
  });

  it('sets a new password with the code mailed to the account, ending its sessions', async () => {
    const { email, username, session, id } = await account();

    dataOf(await requestCode('EMAIL', email, 'RESET_PASSWORD'));
    const code = await mailbox.nextCode(email);
    const reset = dataOf(
      await resetPassword({
        channel: 'EMAIL',
        target: email,
        verificationCode: code,
        newPassword: NEW_PASSWORD,
      }),
    );
    const events = await sql<{ action: string; payload: Record<string, unknown>; row: string }>(
      `select action, payload, e::text as row from history_event e
        where actor_id = $1::uuid or payload->>'userId' = $1::text order by at`,
      [id],
    );

    expect(reset.resetPassword).toBe(true);
    expect(codeOf(await login(username, PASSWORD))).toBe('UNAUTHENTICATED');
    expect(dataOf(await login(username, NEW_PASSWORD)).login.user.emailVerifiedAt).not.toBeNull();
    expect(codeOf(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(events.map((event) => event.action)).toEqual([
      'USER_REGISTERED',
      'VERIFICATION_CODE_SENT',
      'PASSWORD_RESET',
    ]);
    expect(events[2].payload).toMatchObject({ channel: 'EMAIL', sessionsEnded: 1 });
    const rows = events.map((event) => event.row).join('\n');
    for (const secret of [code, NEW_PASSWORD, session.refreshToken])
      expect(rows).not.toContain(secret);
  });

  it('sets a new password with the code texted to the phone', async () => {
    const { phone, username } = await account();

    dataOf(await requestCode('SMS', phone, 'RESET_PASSWORD'));
    const code = await sms.nextCode(phone);
    const reset = await resetPassword({
      channel: 'SMS',
      target: phone,
      verificationCode: code,
      newPassword: NEW_PASSWORD,
    });

    expect(codeOf(reset)).toBeUndefined();
    expect(codeOf(await login(username, NEW_PASSWORD))).toBeUndefined();
  });

  it('lifts a password lock', async () => {
    const { email, username } = await account();
    for (let i = 0; i < 5; i += 1) await login(username, 'not the password');
    expect(codeOf(await login(username))).toBe('ACCOUNT_LOCKED');

    dataOf(await requestCode('EMAIL', email, 'RESET_PASSWORD'));
    const code = await mailbox.nextCode(email);
    dataOf(
      await resetPassword({
        channel: 'EMAIL',
        target: email,
        verificationCode: code,
        newPassword: NEW_PASSWORD,
      }),
    );

    expect(codeOf(await login(username, NEW_PASSWORD))).toBeUndefined();
  });

  it('answers a request for an address without an account exactly as for one with, and sends nothing', async () => {
    const known = await account();
    const unknown = freshIdentity('nobody').email;

    const forUnknown = await requestCode('EMAIL', unknown, 'RESET_PASSWORD');
    const forKnown = await requestCode('EMAIL', known.email, 'RESET_PASSWORD');
    await mailbox.next(known.email);
    const events = await sql<{ payload: Record<string, unknown> }>(
      `select payload from history_event where action = 'VERIFICATION_CODE_SENT'
        and payload->>'target' = $1`,
      [`n***${unknown.slice(unknown.indexOf('@'))}`],
    );

    expect(forUnknown.errors).toBeUndefined();
    expect(Object.keys(forUnknown.data!.requestVerificationCode)).toEqual(
      Object.keys(forKnown.data!.requestVerificationCode),
    );
    expect(mailbox.pending(unknown)).toBe(0);
    expect(events.map((event) => event.payload.accountFound)).toContain(false);
  });

  it('refuses a guessed code for an address without an account as for one with: BAD_VERIFICATION_CODE', async () => {
    const known = await account();
    const unknown = freshIdentity('nobody').email;
    dataOf(await requestCode('EMAIL', unknown, 'RESET_PASSWORD'));
    dataOf(await requestCode('EMAIL', known.email, 'RESET_PASSWORD'));
    const real = await mailbox.nextCode(known.email);
    const guess = real === '424242' ? '424243' : '424242';

    const outcomes = [unknown, known.email].map((target) =>
      resetPassword({
        channel: 'EMAIL',
        target,
        verificationCode: guess,
        newPassword: NEW_PASSWORD,
      }),
    );
    const [forUnknown, forKnown] = await Promise.all(outcomes);

    expect(forUnknown.errors![0].extensions).toEqual(forKnown.errors![0].extensions);
    expect(codeOf(forUnknown)).toBe('BAD_VERIFICATION_CODE');
  });

  it('refuses a reset code anywhere else: in registration, or for another address', async () => {
    const { email, username } = await account();
    dataOf(await requestCode('EMAIL', email, 'RESET_PASSWORD'));
    const code = await mailbox.nextCode(email);

    const asRegistration = await register({
      username: `${username}-2`,
      email,
      verificationCode: code,
    });
    const withoutCode = await resetPassword({
      channel: 'SMS',
      target: '13800000000',
      verificationCode: code,
      newPassword: NEW_PASSWORD,
    });

    // This server registers without codes at all; and no code went to that phone.
    expect(codeOf(asRegistration)).toBe('BAD_USER_INPUT');
    expect(codeOf(withoutCode)).toBe('VERIFICATION_CODE_EXPIRED');
  });

  it('refuses a short new password with BAD_USER_INPUT before using the code', async () => {
    const { email } = await account();
    dataOf(await requestCode('EMAIL', email, 'RESET_PASSWORD'));
    const code = await mailbox.nextCode(email);

    const short = await resetPassword({
      channel: 'EMAIL',
      target: email,
      verificationCode: code,
      newPassword: 'short',
    });
    const good = await resetPassword({
      channel: 'EMAIL',
      target: email,
      verificationCode: code,
      newPassword: NEW_PASSWORD,
    });

    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(codeOf(good)).toBeUndefined();
  });
});

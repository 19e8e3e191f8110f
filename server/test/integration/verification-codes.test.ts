import {
  codeOf,
  dataOf,
  extensionsOf,
  freshIdentity,
  register,
  requestCode,
} from '../support/accounts';
import { sql } from '../support/database';
import { TestMailbox } from '../support/mailbox';
import { TestSmsProvider } from '../support/sms-provider';
import { useChildServer } from '../support/spawn-test-server';

const SMS_TOKEN = 'sms-webhook-test-token';
const MAIL_FROM = 'eSeal <no-reply@eseal.test>';

let mailbox: TestMailbox;
let sms: TestSmsProvider;

/** A code by e-mail for registering `email`, read from the mail it came in. */
async function registrationCode(email: string): Promise<string> {
  dataOf(await requestCode('EMAIL', email, 'REGISTER'));

  return mailbox.nextCode(email);
}

/** Makes the codes sent to `target` look `seconds` older, as if time had passed. */
async function ageCodes(target: string, seconds: number): Promise<void> {
  await sql(
    `update verification_code set created_at = created_at - make_interval(secs => $2),
       expires_at = expires_at - make_interval(secs => $2) where target = $1`,
    [target, seconds],
  );
}

describe('verification codes', () => {
  useChildServer(async () => {
    [mailbox, sms] = await Promise.all([TestMailbox.start(), TestSmsProvider.start()]);

    return {
      VERIFICATION_REQUIRED: 'true',
      SMTP_URL: mailbox.url,
      MAIL_FROM,
      SMS_WEBHOOK_URL: sms.url,
      SMS_WEBHOOK_TOKEN: SMS_TOKEN,
      VERIFICATION_CODES_PER_IP_HOUR: '1000',
    };
  });
  afterAll(async () => {
    await Promise.all([mailbox.stop(), sms.stop()]);
  });

  it('registers with the code mailed to the address, which is then stored as verified', async () => {
    const { username, email } = freshIdentity('mail');

    const requested = dataOf(await requestCode('EMAIL', email.toUpperCase(), 'REGISTER'));
    const mail = await mailbox.next(email);
    const code = /\d{6}/.exec(mail.text ?? '')![0];
    const registered = dataOf(await register({ username, email, verificationCode: code }));

    expect(mail.from?.value[0].address).toBe('no-reply@eseal.test');
    expect(mail.text).toContain('5 分钟');
    const minutes = (Date.parse(requested.requestVerificationCode.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5);
    expect(registered.register.user).toMatchObject({ username, email, phone: null });
    expect(registered.register.user.emailVerifiedAt).not.toBeNull();
    expect(registered.register.user.phoneVerifiedAt).toBeNull();
  });

  it('registers with the code texted to the phone through the SMS webhook', async () => {
    const { username, phone } = freshIdentity('sms');

    dataOf(
      await requestCode(
        'SMS',
        `${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`,
        'REGISTER',
      ),
    );
    const message = await sms.next(phone);
    const code = /\d{6}/.exec(message.text)![0];
    const registered = dataOf(await register({ username, phone, verificationCode: code }));

    expect(message.authorization).toBe(`Bearer ${SMS_TOKEN}`);
    expect(registered.register.user).toMatchObject({ username, phone, email: null });
    expect(registered.register.user.phoneVerifiedAt).not.toBeNull();
  });

  it('refuses with DELIVERY_FAILED when the provider does not take the message, keeping no code', async () => {
    const { username, phone } = freshIdentity('down');
    sms.refuseNext();

    const refused = await requestCode('SMS', phone, 'REGISTER');
    const stored = await sql(`select id from verification_code where target = $1`, [phone]);
    const retried = await requestCode('SMS', phone, 'REGISTER');
    const code = await sms.nextCode(phone);

    expect(codeOf(refused)).toBe('DELIVERY_FAILED');
    expect(stored).toHaveLength(0);
    expect(codeOf(retried)).toBeUndefined();
    expect(codeOf(await register({ username, phone, verificationCode: code }))).toBeUndefined();
  });

  it('stores only an HMAC of the code, and records the sending without it', async () => {
    const { email } = freshIdentity('hash');

    const code = await registrationCode(email);
    const rows = await sql<{ row: string; code_hash: string }>(
      `select c::text as row, code_hash from verification_code c where target = $1`,
      [email],
    );
    const events = await sql<{ row: string; payload: Record<string, unknown> }>(
      `select e::text as row, payload from history_event e
        where action = 'VERIFICATION_CODE_SENT' and payload->>'purpose' = 'REGISTER'
          and payload->>'target' = $1`,
      [`${email[0]}***${email.slice(email.indexOf('@'))}`],
    );

    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].row).not.toContain(code);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.map((event) => event.row).join()).not.toContain(code);
    expect(events[0].payload).toMatchObject({ channel: 'EMAIL', purpose: 'REGISTER' });
  });

  it('uses a code once: registering again with it is refused with VERIFICATION_CODE_EXPIRED', async () => {
    const { username, email } = freshIdentity('once');
    const code = await registrationCode(email);

    dataOf(await register({ username, email, verificationCode: code }));
    const again = await register({ username: `${username}-2`, email, verificationCode: code });

    expect(codeOf(again)).toBe('VERIFICATION_CODE_EXPIRED');
  });

  it('keeps the code usable when registration is refused for a taken username', async () => {
    const taken = freshIdentity('taken');
    dataOf(
      await register({
        ...taken,
        phone: undefined,
        verificationCode: await registrationCode(taken.email),
      }),
    );
    const { username, email } = freshIdentity('retry');
    const code = await registrationCode(email);

    const refused = await register({ username: taken.username, email, verificationCode: code });
    const retried = await register({ username, email, verificationCode: code });

    expect(codeOf(refused)).toBe('CONFLICT');
    expect(codeOf(retried)).toBeUndefined();
  });

  it('refuses registration without a contact, without a code, with both contacts, or with a malformed code, with BAD_USER_INPUT', async () => {
    const { username, email, phone } = freshIdentity('input');

    const outcomes = [
      await register({ username }),
      await register({ username, email }),
      await register({ username, email, phone, verificationCode: '123456' }),
      await register({ username, email, verificationCode: '12345a' }),
    ];

    expect(outcomes.map(codeOf)).toEqual(Array<string>(4).fill('BAD_USER_INPUT'));
    expect(outcomes.map((outcome) => extensionsOf(outcome).field)).toEqual([
      'email',
      'verificationCode',
      'phone',
      'verificationCode',
    ]);
  });

  it('refuses a code sent to another address with VERIFICATION_CODE_EXPIRED', async () => {
    const first = freshIdentity('first');
    const second = freshIdentity('second');
    const code = await registrationCode(first.email);

    const outcome = await register({
      username: second.username,
      email: second.email,
      verificationCode: code,
    });

    expect(codeOf(outcome)).toBe('VERIFICATION_CODE_EXPIRED');
  });

  it('counts wrong codes with BAD_VERIFICATION_CODE; after 5 even the right code is refused', async () => {
    const { username, email } = freshIdentity('wrong');
    const code = await registrationCode(email);
    const wrong = code === '000000' ? '000001' : '000000';

    const outcomes = [];
    for (let i = 0; i < 5; i += 1)
      outcomes.push(await register({ username, email, verificationCode: wrong }));
    const right = await register({ username, email, verificationCode: code });

    expect(outcomes.map(codeOf)).toEqual(Array<string>(5).fill('BAD_VERIFICATION_CODE'));
    expect(outcomes.map((outcome) => extensionsOf(outcome).attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(codeOf(right)).toBe('VERIFICATION_CODE_EXPIRED');
  });

  it('lets parallel wrong guesses use up exactly the 5 tries a code has', async () => {
    const { username, email } = freshIdentity('race');
    const code = await registrationCode(email);
    const wrong = code === '111111' ? '111112' : '111111';

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => register({ username, email, verificationCode: wrong })),
    );
    const [row] = await sql<{ failed_attempts: number }>(
      `select failed_attempts from verification_code where target = $1`,
      [email],
    );

    expect(row.failed_attempts).toBe(5);
    expect(outcomes.filter((outcome) => codeOf(outcome) === 'BAD_VERIFICATION_CODE')).toHaveLength(
      5,
    );
    expect(
      outcomes.filter((outcome) => codeOf(outcome) === 'VERIFICATION_CODE_EXPIRED'),
    ).toHaveLength(7);
  });

  it('refuses a code older than 5 minutes with VERIFICATION_CODE_EXPIRED', async () => {
    const { username, email } = freshIdentity('late');
    const code = await registrationCode(email);

    await ageCodes(email, 5 * 60 + 1);
    const outcome = await register({ username, email, verificationCode: code });

    expect(codeOf(outcome)).toBe('VERIFICATION_CODE_EXPIRED');
  });

  it('accepts only the newest code sent to an address', async () => {
    const { username, email } = freshIdentity('newest');
    const older = await registrationCode(email);
    let newer = older;
    // Two codes in a row are the same one time in a million; then the test asks for another.
    while (newer === older) {
      await ageCodes(email, 61);
      newer = await registrationCode(email);
    }

    const withOlder = await register({ username, email, verificationCode: older });
    const withNewer = await register({ username, email, verificationCode: newer });

    expect(codeOf(withOlder)).toBe('BAD_VERIFICATION_CODE');
    expect(codeOf(withNewer)).toBeUndefined();
  });

  it('sends one code a minute to an address, refusing sooner ones with RATE_LIMITED and when to retry', async () => {
    const { email } = freshIdentity('minute');
    const first = dataOf(await requestCode('EMAIL', email, 'REGISTER'));

    const second = await requestCode('EMAIL', email, 'REGISTER');

    expect(codeOf(second)).toBe('RATE_LIMITED');
    const { retryAt, retryAfterSeconds } = extensionsOf(second);
    expect(retryAt).toBe(first.requestVerificationCode.nextRequestAt);
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('sends at most 5 codes an hour to an address', async () => {
    const { email } = freshIdentity('hour');
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) {
      outcomes.push(codeOf(await requestCode('EMAIL', email, 'REGISTER')));
      await ageCodes(email, 61);
    }
    const [oldest] = await sql<{ created_at: Date }>(
      `select min(created_at) as created_at from verification_code where target = $1`,
      [email],
    );
    const refused = await requestCode('EMAIL', email, 'REGISTER');

    expect(outcomes).toEqual([...Array<undefined>(5).fill(undefined), 'RATE_LIMITED']);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(Date.parse(extensionsOf(refused).retryAt as string)).toBe(
      +oldest.created_at + 3_600_000,
    );
  });

  it('refuses a registration code for an address an account has, with CONFLICT', async () => {
    const { username, email } = freshIdentity('owned');
    dataOf(await register({ username, email, verificationCode: await registrationCode(email) }));

    const outcome = await requestCode('EMAIL', email, 'REGISTER');

    expect(codeOf(outcome)).toBe('CONFLICT');
  });

  it('refuses a malformed address with BAD_USER_INPUT naming the target', async () => {
    const outcomes = [
      await requestCode('EMAIL', 'not an address', 'REGISTER'),
      await requestCode('SMS', '12345', 'REGISTER'),
    ];

    expect(outcomes.map(codeOf)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(outcomes.map((outcome) => extensionsOf(outcome).field)).toEqual(['target', 'target']);
  });
});

describe('verification codes on a server without delivery configured', () => {
  useChildServer(() => ({ VERIFICATION_REQUIRED: 'false', VERIFICATION_CODES_PER_IP_HOUR: '3' }));

  it('limits the codes one IP address may ask for in an hour', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) {
      outcomes.push(await requestCode('EMAIL', freshIdentity('ip').email, 'RESET_PASSWORD'));
    }

    expect(outcomes.map(codeOf)).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    expect(outcomes[3].errors![0].message).toContain('IP address');
  });

  it('refuses registration codes when registration needs none, and codes in register', async () => {
    const { username, email } = freshIdentity('off');

    const requested = await requestCode('EMAIL', email, 'REGISTER');
    const registered = await register({ username, email, verificationCode: '123456' });

    expect(codeOf(requested)).toBe('BAD_USER_INPUT');
    expect(codeOf(registered)).toBe('BAD_USER_INPUT');
    expect(extensionsOf(registered).field).toBe('verificationCode');
  });
});

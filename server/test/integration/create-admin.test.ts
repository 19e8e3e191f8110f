import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ok } from '../support/api';
import { codeOf, dataOf, freshIdentity, login, register } from '../support/accounts';
import { sql } from '../support/database';
import { useChildServer } from '../support/spawn-test-server';

const run = promisify(execFile);
const SERVER_DIR = path.resolve(__dirname, '../..');
const PASSWORD = 'an admin password';

/** `npm run create-admin` as the server workspace runs it, against the test server's database. */
async function createAdmin(args: string[], env: Record<string, string> = {}) {
  const outcome = await run(
    process.execPath,
    ['-r', '@swc-node/register', 'src/create-admin.ts', ...args],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        ADMIN_USERNAME: '',
        ADMIN_PASSWORD: '',
        DATABASE_URL: process.env.ESEAL_TEST_DATABASE_URL,
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

  return { code: outcome.code, output: outcome.stdout + outcome.stderr };
}

describe('npm run create-admin', () => {
  useChildServer(() => ({}));

  it('creates an administrator from arguments, who signs in with the ADMIN role', async () => {
    const { username } = freshIdentity('admin');

    const created = await createAdmin(['--username', username, '--password', PASSWORD]);
    const session = dataOf(await login(username, PASSWORD)).login;
    const me = await ok<{ me: { role: string } }>(`{ me { role } }`, {}, session.accessToken);
    const events = await sql<{ payload: Record<string, unknown>; request_id: string }>(
      `select payload, request_id from history_event
        where actor_id = $1::uuid and action = 'USER_REGISTERED'`,
      [session.user.id],
    );

    expect(created).toEqual({ code: 0, output: `created administrator "${username}"\n` });
    expect(me.me.role).toBe('ADMIN');
    expect(events[0]).toEqual({ payload: { role: 'ADMIN' }, request_id: 'create-admin' });
  });

  it('takes the name and password from ADMIN_USERNAME and ADMIN_PASSWORD, and leaves an existing administrator alone', async () => {
    const { username } = freshIdentity('envadmin');
    const env = { ADMIN_USERNAME: username, ADMIN_PASSWORD: PASSWORD };

    const first = await createAdmin([], env);
    const second = await createAdmin([], { ...env, ADMIN_PASSWORD: 'another password' });

    expect(first.code).toBe(0);
    expect(second).toEqual({ code: 0, output: `"${username}" is already an administrator\n` });
    expect(codeOf(await login(username, PASSWORD))).toBeUndefined();
  });

  it('refuses the name of an ordinary account, and a short password, exiting with 1', async () => {
    const { username } = freshIdentity('ordinary');
    dataOf(await register({ username }));

    const taken = await createAdmin(['--username', username, '--password', PASSWORD]);
    const short = await createAdmin(['--username', `${username}-2`, '--password', 'short']);
    const [row] = await sql<{ role: string }>(`select role from "user" where username = $1`, [
      username,
    ]);

    expect(taken.code).toBe(1);
    expect(taken.output).toContain(`an ordinary account "${username}" exists`);
    expect(short.code).toBe(1);
    expect(short.output).toContain('ADMIN_PASSWORD: expected at least 8 characters');
    expect(short.output).not.toContain('short');
    expect(row.role).toBe('USER');
  });
});

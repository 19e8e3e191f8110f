import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  newUser,
  ok,
  signDocument,
  uploadPdf,
  type SealView,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';
import { spawnTestServer, type ChildServer } from '../support/spawn-test-server';

const run = promisify(execFile);
const SERVER_DIR = path.resolve(__dirname, '../..');

const keyA = randomBytes(32).toString('hex');
const keyB = randomBytes(32).toString('hex');
const idOf = (hex: string) =>
  createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex').slice(0, 16);

/**
 * Servers in child processes sharing the first one's database; the helpers talk to the newest.
 * The first is stopped last, since stopping it drops the database.
 */
describe('rotating the master key', () => {
  const saved = { url: process.env.ESEAL_TEST_URL, db: process.env.ESEAL_TEST_DATABASE_URL };
  const servers: ChildServer[] = [];

  async function start(env: Record<string, string>): Promise<ChildServer> {
    const server = await spawnTestServer(env);
    servers.push(server);
    process.env.ESEAL_TEST_URL = server.url;
    process.env.ESEAL_TEST_DATABASE_URL = server.databaseUrl;

    return server;
  }

  afterAll(async () => {
    process.env.ESEAL_TEST_URL = saved.url;
    process.env.ESEAL_TEST_DATABASE_URL = saved.db;
    for (const server of servers.reverse()) await server.stop();
  });

  async function rotate(databaseUrl: string): Promise<string> {
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'src/rotate-master-key.ts'],
      {
        cwd: SERVER_DIR,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          MASTER_KEY: keyB,
          MASTER_KEY_PREVIOUS: keyA,
          LOG_LEVEL: 'warn',
        },
      },
    );
    expect(stdout).not.toContain(keyA);
    expect(stdout).not.toContain(keyB);

    return stdout;
  }

  async function expectSigns(token: string, seal: SealView): Promise<void> {
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);
    const signature = await signDocument(token, {
      documentId: document.id,
      sealId: seal.id,
      signerName: '张三',
      placement: { page: 1, x: 200, y: 200 },
    });
    const output = await downloadBytes(signature.document.downloadUrl, token);
    await expectValidSignedPdf({ input, output, caPem: await caPem() });
  }

  it('rewraps every key from A to B while servers keep signing; B alone signs afterwards', async () => {
    const first = await start({ MASTER_KEY: keyA });
    const owner = await newUser('rotation');
    const ec = await createSeal(owner.token, { keyAlgorithm: 'EC_P256' });
    const rsa = await createSeal(owner.token);

    const shared = { DATABASE_URL: first.databaseUrl };
    await start({ ...shared, MASTER_KEY: keyB, MASTER_KEY_PREVIOUS: keyA });
    await expectSigns(owner.token, ec);
    const rotated = await rotate(first.databaseUrl);
    const again = await rotate(first.databaseUrl);

    expect(rotated).toContain(`rotating to master key ${idOf(keyB)} from ${idOf(keyA)}`);
    const done = /done: rewrapped (\d+), already current (\d+), under an unknown master key 0/;
    const [, rewrapped, current] = done.exec(rotated)!.map(Number);
    expect(rewrapped).toBeGreaterThanOrEqual(2 + 3); // both seals, the root, issuing and TSA keys
    expect(current).toBe(0);
    expect(again).toMatch(`done: rewrapped 0, already current ${rewrapped}`);
    const left = await sql<{ master_key_id: string }>(
      `select distinct master_key_id from wrapped_key where wrapped_data_key is not null`,
    );
    expect(left).toEqual([{ master_key_id: idOf(keyB) }]);

    await start({ ...shared, MASTER_KEY: keyB });
    const login = await ok<{ login: { accessToken: string } }>(
      `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { login: owner.username, password: 'correct horse battery' } },
    );
    await expectSigns(login.login.accessToken, rsa);
    await expectSigns(login.login.accessToken, ec);
  }, 300_000);
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TimeStampAuthority } from '../../../src/pki/tsa/time-stamp-authority';
import { createTestTsa } from '../../fixtures/tsa-pki';
import { runTool } from '../../helpers/external-tool';

const tsa = createTestTsa();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsa-'));
  await writeFile(join(dir, 'data.txt'), 'the document to time-stamp\n');
  await writeFile(join(dir, 'ca.pem'), tsa.rootPem);
  await writeFile(join(dir, 'tsa.pem'), tsa.tsaPem);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** openssl makes the query, our authority answers it; returns the response file. */
async function answer(queryArgs: string[], authority = tsa.authority): Promise<string> {
  const query = join(dir, 'req.tsq');
  const reply = join(dir, 'resp.tsr');
  await openssl(['ts', '-query', '-data', join(dir, 'data.txt'), ...queryArgs, '-out', query]);
  await writeFile(reply, authority.respond(await readFile(query)));

  return reply;
}

async function openssl(args: string[]): Promise<string> {
  const result = await runTool('openssl', args);
  if (result.exitCode !== 0) throw new Error(`openssl ${args.join(' ')}:\n${result.stderr}`);

  return result.stdout;
}

async function replyText(reply: string): Promise<string> {
  return openssl(['ts', '-reply', '-in', reply, '-text']);
}

function verify(reply: string): Promise<string> {
  return openssl([
    ...['ts', '-verify', '-data', join(dir, 'data.txt'), '-in', reply],
    ...['-CAfile', join(dir, 'ca.pem'), '-untrusted', join(dir, 'tsa.pem')],
  ]);
}

describe('TimeStampAuthority', () => {
  it.each(['-sha256', '-sha384', '-sha512'])(
    'grants an openssl %s query with a token openssl ts -verify accepts',
    async (hash) => {
      const reply = await answer([hash, '-cert']);

      expect(await replyText(reply)).toMatch(/Status: Granted\.[\s\S]*Hash Algorithm: sha\d+/);
      expect(await verify(reply)).toMatch(/Verification: OK/);
    },
  );

  it('states version 1, our policy, the nonce, one second of accuracy and the TSA name', async () => {
    const text = await replyText(await answer(['-sha256', '-cert']));

    expect(text).toMatch(/Version: 1/);
    expect(text).toMatch(/Policy OID: 2\.25\.140584226490869799661212225788292990767/);
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text).toMatch(/Accuracy: 0x01 seconds/);
    expect(text).toMatch(/TSA: DirName:.*CN=Test Time Stamping Authority/);
  });

  it('writes genTime with its milliseconds and no trailing zeros', async () => {
    const pinned = new TimeStampAuthority({
      signer: tsa.signer,
      now: () => new Date('2025-03-01T10:20:30.120Z'),
    });
    const text = await replyText(await answer(['-sha256', '-cert'], pinned));

    expect(text).toMatch(/Time stamp: Mar {2}1 10:20:30\.12 2025 GMT/);
  });

  it('leaves the certificates out unless the query asks, and still verifies with -untrusted', async () => {
    const reply = await answer(['-sha256']);
    const token = join(dir, 'token.der');
    await openssl(['ts', '-reply', '-in', reply, '-token_out', '-out', token]);
    const pkcs7 = await openssl(['pkcs7', '-inform', 'DER', '-in', token, '-print_certs']);

    expect(pkcs7).not.toMatch(/subject=/);
    expect(await verify(reply)).toMatch(/Verification: OK/);
  });

  it('rejects a SHA-1 imprint with badAlg', async () => {
    const text = await replyText(await answer(['-sha1']));

    expect(text).toMatch(/Status: Rejected\./);
    expect(text).toMatch(/Failure info: unrecognized or unsupported algorithm identifier/);
  });

  it('rejects bytes that are not a TimeStampReq with badDataFormat', async () => {
    const reply = join(dir, 'garbage.tsr');
    await writeFile(reply, tsa.authority.respond(Buffer.from('not a request')));

    expect(await replyText(reply)).toMatch(/Failure info: the data submitted has the wrong format/);
  });

  it('rejects an imprint whose length does not fit its hash with badDataFormat', async () => {
    const request = Buffer.from(
      '3030020101302b300d06096086480165030402010500041a' + '11'.repeat(26),
      'hex',
    );
    const reply = join(dir, 'short.tsr');
    await writeFile(reply, tsa.authority.respond(request));

    expect(await replyText(reply)).toMatch(/expected a 32-byte sha256 imprint, got 26 bytes/);
  });

  it('rejects a request of another version with badRequest', async () => {
    const request = Buffer.from(
      '3036020102303130' + '0d06096086480165030402010500' + '0420' + '22'.repeat(32),
      'hex',
    );
    const reply = join(dir, 'version.tsr');
    await writeFile(reply, tsa.authority.respond(request));

    expect(await replyText(reply)).toMatch(/Failure info: transaction not permitted or supported/);
  });

  it('rejects a policy it does not follow with unacceptedPolicy', async () => {
    const text = await replyText(await answer(['-sha256', '-tspolicy', '1.2.3.4']));

    expect(text).toMatch(/Status: Rejected\.[\s\S]*expected policy 2\.25\./);
    expect(text).toMatch(/Failure info: the requested TSA policy is not supported by the TSA/);
  });
});

describe('TSA certificate', () => {
  it('carries a critical id-kp-timeStamping extended key usage and digitalSignature only', async () => {
    const text = await openssl(['x509', '-in', join(dir, 'tsa.pem'), '-noout', '-text']);

    expect(text).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping\s/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\s/);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import express from 'express';

import { explicit, octets, oid, seq, smallInteger, toDer } from '../../../src/pki/asn1';
import type { CertificateStatus, StatusLookup } from '../../../src/pki/ocsp/ocsp-protocol';
import { OcspResponder } from '../../../src/pki/ocsp/ocsp-responder';
import { ocspHandler } from '../../../src/pki/ocsp/ocsp-route';
import { createOcspPki, type OcspTestPki } from '../../fixtures/ocsp-pki';
import { runTool } from '../../helpers/external-tool';

const pki = createOcspPki('rsa');
const [good, revoked] = pki.leaves;
const REVOKED_AT = new Date('2025-03-01T10:20:30Z');
/** What the certificate database knows; any other serial is "unknown". */
const statuses = new Map<string, CertificateStatus>([
  [good.serialHex, { status: 'good' }],
  [revoked.serialHex, { status: 'revoked', revokedAt: REVOKED_AT, reason: 'cessationOfOperation' }],
]);
const looked: string[] = [];
const lookup: StatusLookup = (serialHex) => {
  looked.push(serialHex);

  return statuses.get(serialHex) ?? { status: 'unknown' };
};
let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocsp-'));
  await writeFile(join(dir, 'root.pem'), pki.root.pem);
  await writeFile(join(dir, 'issuing.pem'), pki.issuing.pem);
  await writeFile(join(dir, 'leaf.pem'), good.pem);
  await writeFile(join(dir, 'revoked.pem'), revoked.pem);
  const app = express();
  app.use('/pki/ocsp', ocspHandler(responderFor(pki), lookup));
  app.use(
    '/failing/ocsp',
    ocspHandler(responderFor(pki), () => Promise.reject(new Error('db'))),
  );
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  looked.length = 0;
});

function responderFor(ca: OcspTestPki): OcspResponder {
  return new OcspResponder({ issuerCertificate: ca.issuing.der, issuerKey: ca.issuingKey });
}

/** Runs openssl ocsp in the fixture directory; a non-zero exit is a failure. */
async function openssl(args: string[]): Promise<string> {
  const result = await runTool('openssl', ['ocsp', ...args.map((a) => a.replace(/^@/, `${dir}/`))]);
  if (result.exitCode !== 0) throw new Error(`openssl ocsp ${args.join(' ')}:\n${result.stderr}`);

  return result.stdout + result.stderr;
}

/** Asks our responder over HTTP POST, as a relying party would, and verifies to the root. */
function ask(args: string[], path = '/pki/ocsp'): Promise<string> {
  return openssl([...args, '-url', `${url}${path}`, '-CAfile', '@root.pem', '-resp_text']);
}

describe('OCSP responder', () => {
  it('answers good for a certificate in good standing, signed by the issuing CA', async () => {
    const text = await ask(['-issuer', '@issuing.pem', '-cert', '@leaf.pem']);

    expect(text).toMatch(/Response verify OK/);
    expect(text).toMatch(/leaf\.pem: good/);
    expect(text).toMatch(/Responder Id: [0-9A-F]{40}/);
    expect(looked).toEqual([good.serialHex]);
  });

  it('states thisUpdate now and nextUpdate one day later, in whole seconds', async () => {
    const text = await ask(['-issuer', '@issuing.pem', '-cert', '@leaf.pem']);
    const [, thisUpdate] = /This Update: (.+ GMT)/.exec(text) ?? [];
    const [, nextUpdate] = /Next Update: (.+ GMT)/.exec(text) ?? [];

    expect(Date.parse(nextUpdate) - Date.parse(thisUpdate)).toBe(86_400_000);
    expect(Math.abs(Date.parse(thisUpdate) - Date.now())).toBeLessThan(60_000);
  });

  it('answers revoked with the revocation time and reason cessationOfOperation', async () => {
    const text = await ask(['-issuer', '@issuing.pem', '-cert', '@revoked.pem']);

    expect(text).toMatch(/Response verify OK/);
    expect(text).toMatch(/revoked\.pem: revoked/);
    expect(text).toMatch(/Reason: cessationOfOperation/);
    expect(text).toMatch(/Revocation Time: Mar {2}1 10:20:30 2025 GMT/);
  });

  it('answers unknown for a serial number the issuing CA never issued', async () => {
    const text = await ask(['-issuer', '@issuing.pem', '-serial', '0x0123456789abcdef']);

    expect(text).toMatch(/Response verify OK/);
    expect(text).toMatch(/0x0123456789abcdef: unknown/);
    expect(looked).toEqual(['0123456789abcdef']);
  });

  it('recognises a CertID hashed with SHA-256', async () => {
    const text = await ask(['-sha256', '-issuer', '@issuing.pem', '-cert', '@leaf.pem']);

    expect(text).toMatch(/Hash Algorithm: sha256[\s\S]*leaf\.pem: good/);
    expect(text).toMatch(/Response verify OK/);
  });

  it('answers several CertIDs of the issuing CA at once', async () => {
    const text = await ask([
      '-issuer',
      '@issuing.pem',
      '-cert',
      '@leaf.pem',
      '-cert',
      '@revoked.pem',
    ]);

    expect(text).toMatch(/Response verify OK/);
    expect(text).toMatch(/leaf\.pem: good/);
    expect(text).toMatch(/revoked\.pem: revoked/);
    expect(looked).toEqual([good.serialHex, revoked.serialHex]);
  });

  it('echoes the request nonce, and sends none when none was asked', async () => {
    const text = await ask(['-issuer', '@issuing.pem', '-cert', '@leaf.pem', '-req_text']);
    const nonces = [...text.matchAll(/OCSP Nonce: *\n? *([0-9A-F]+)/g)].map((m) => m[1]);
    const plain = await ask(['-no_nonce', '-issuer', '@issuing.pem', '-cert', '@leaf.pem']);

    expect(nonces).toHaveLength(2);
    expect(nonces[1]).toBe(nonces[0]);
    expect(text).not.toMatch(/WARNING: no nonce/);
    expect(plain).not.toMatch(/OCSP Nonce/);
  });

  it('signs with an EC issuing key as well', async () => {
    const ec = createOcspPki('ec', 1);
    const app = express().use(
      '/',
      ocspHandler(responderFor(ec), () => ({ status: 'good' })),
    );
    const ecServer = createServer(app);
    await new Promise<void>((resolve) => ecServer.listen(0, '127.0.0.1', resolve));
    await writeFile(join(dir, 'ec-root.pem'), ec.root.pem);
    await writeFile(join(dir, 'ec-issuing.pem'), ec.issuing.pem);
    await writeFile(join(dir, 'ec-leaf.pem'), ec.leaves[0].pem);
    const port = (ecServer.address() as AddressInfo).port;
    try {
      const text = await openssl([
        ...['-issuer', '@ec-issuing.pem', '-cert', '@ec-leaf.pem', '-CAfile', '@ec-root.pem'],
        ...['-url', `http://127.0.0.1:${port}/`, '-resp_text'],
      ]);

      expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
      expect(text).toMatch(/Response verify OK/);
      expect(text).toMatch(/ec-leaf\.pem: good/);
    } finally {
      ecServer.closeAllConnections();
      ecServer.close();
    }
  });
});

describe('OCSP over HTTP', () => {
  /** A DER OCSPRequest for the good leaf, from openssl; no nonce, as GETs are for caching. */
  async function requestDer(): Promise<Buffer> {
    await openssl([
      '-no_nonce',
      '-issuer',
      '@issuing.pem',
      '-cert',
      '@leaf.pem',
      '-reqout',
      '@req.der',
    ]);

    return readFile(join(dir, 'req.der'));
  }

  /** Reads a response we fetched with openssl, verifying it against the root. */
  async function readResponse(body: ArrayBuffer): Promise<string> {
    await writeFile(join(dir, 'resp.der'), Buffer.from(body));

    return openssl([
      ...['-respin', '@resp.der', '-issuer', '@issuing.pem', '-cert', '@leaf.pem'],
      ...['-CAfile', '@root.pem', '-resp_text'],
    ]);
  }

  it.each([
    ['base64url', (der: Buffer) => der.toString('base64url')],
    ['percent-encoded base64', (der: Buffer) => encodeURIComponent(der.toString('base64'))],
  ])('answers GET with the request as %s in the path (RFC 6960 A.1)', async (_, encode) => {
    const response = await fetch(`${url}/pki/ocsp/${encode(await requestDer())}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ocsp-response');
    const text = await readResponse(await response.arrayBuffer());
    expect(text).toMatch(/Response verify OK/);
    expect(text).toMatch(/leaf\.pem: good/);
  });

  it.each([
    ['garbage', Buffer.from('not an OCSP request')],
    ['an empty requestList', Buffer.from('30043002' + '3000', 'hex')],
  ])('answers malformedRequest to %s', async (_, body) => {
    const response = await post(body);

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('hex')).toBe('30030a0101');
  });

  it('answers malformedRequest to a nonce over 32 octets (RFC 8954 §2.1)', async () => {
    const sha1 = seq([oid('1.3.14.3.2.26')]);
    const certId = seq([sha1, octets(Buffer.alloc(20)), octets(Buffer.alloc(20)), smallInteger(1)]);
    const longNonce = octets(toDer(octets(Buffer.alloc(33, 1))));
    const extensions = seq([seq([oid('1.3.6.1.5.5.7.48.1.2'), longNonce])]);
    const tbs = seq([seq([seq([certId])]), explicit(2, extensions)]);
    const response = await post(toDer(seq([tbs])));

    expect(Buffer.from(await response.arrayBuffer()).toString('hex')).toBe('30030a0101');
  });

  it('answers malformedRequest to garbage sent by GET', async () => {
    const response = await fetch(`${url}/pki/ocsp/${Buffer.from('garbage').toString('base64')}`);

    expect(Buffer.from(await response.arrayBuffer()).toString('hex')).toBe('30030a0101');
  });

  it.each([
    ['a certificate of another CA', ['-issuer', '@root.pem', '-cert', '@issuing.pem']],
    [
      "ours and another CA's together",
      [
        '-issuer',
        '@issuing.pem',
        '-cert',
        '@leaf.pem',
        '-issuer',
        '@root.pem',
        '-cert',
        '@issuing.pem',
      ],
    ],
  ])('answers unauthorized to a request about %s', async (_, args) => {
    const command = ['ocsp', ...args.map((a) => a.replace(/^@/, `${dir}/`))];
    const result = await runTool('openssl', [...command, '-url', `${url}/pki/ocsp`]);

    expect(result.stdout + result.stderr).toMatch(/Responder Error: unauthorized \(6\)/);
    expect(looked).toEqual([]);
  });

  it('answers internalError when the status lookup fails', async () => {
    const response = await post(await requestDer(), '/failing/ocsp');

    expect(Buffer.from(await response.arrayBuffer()).toString('hex')).toBe('30030a0102');
  });

  it('refuses a body that is not application/ocsp-request with HTTP 415', async () => {
    const response = await post(await requestDer(), '/pki/ocsp', 'application/octet-stream');

    expect(response.status).toBe(415);
  });

  it('refuses a path that is not base64 with HTTP 400', async () => {
    expect((await fetch(`${url}/pki/ocsp/not*base64`)).status).toBe(400);
  });

  function post(body: Buffer, path = '/pki/ocsp', type = 'application/ocsp-request') {
    return fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: new Uint8Array(body),
    });
  }
});

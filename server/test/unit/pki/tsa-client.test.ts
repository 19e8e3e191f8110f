import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';

import { grantedResponse } from '../../../src/pki/tsa/time-stamp-response';
import { TimestampError, requestTimestamp } from '../../../src/pki/tsa/tsa-client';
import { tsaHandler } from '../../../src/pki/tsa/tsa-route';
import { verifyTimeStampToken } from '../../../src/pki/tsa/time-stamp-verifier';
import { createTestTsa } from '../../fixtures/tsa-pki';

const tsa = createTestTsa();
const other = createTestTsa();
const digest = createHash('sha256').update('signature value').digest();

/** What the fake TSA does with the next request. */
let behaviour: 'serve' | 'fail' | 'hang' | 'wrong-imprint' = 'serve';
let lastHeaders: IncomingHttpHeaders = {};
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  const handler = tsaHandler(tsa.authority);
  app.post('/tsa', (req, res, next) => {
    lastHeaders = req.headers;
    if (behaviour === 'fail') return void res.status(503).send('down');
    if (behaviour === 'hang') return;
    if (behaviour === 'wrong-imprint') return void wrongImprint(res);
    handler(req, res, next);
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  behaviour = 'serve';
});

/** Answers with a genuine token for another digest, as a confused or malicious TSA might. */
function wrongImprint(res: express.Response): void {
  const token = tsa.authority.issue({
    imprint: { hash: 'sha256', hashedMessage: Buffer.alloc(32, 7) },
    certReq: true,
  });
  res.type('application/timestamp-reply').send(grantedResponse(token));
}

describe('requestTimestamp', () => {
  it('returns a token for the digest whose signature verifies', async () => {
    const token = await requestTimestamp(digest, { url, trust: [tsa.rootDer] });
    const stated = verifyTimeStampToken(token, { trust: [tsa.rootDer] });

    expect(stated.imprint.hashedMessage.equals(digest)).toBe(true);
    expect(stated.tsaCertificate.equals(tsa.tsaDer)).toBe(true);
  });

  it('sends basic credentials or a bearer token', async () => {
    await requestTimestamp(digest, { url, credentials: { username: 'seal', password: 'pw' } });
    expect(lastHeaders.authorization).toBe(`Basic ${Buffer.from('seal:pw').toString('base64')}`);

    await requestTimestamp(digest, { url, bearerToken: 'abc' });
    expect(lastHeaders.authorization).toBe('Bearer abc');
  });

  it.each([
    ['an HTTP error', 'fail', 'HTTP_ERROR'],
    ['no answer within the timeout', 'hang', 'UNREACHABLE'],
    ['a token over another imprint', 'wrong-imprint', 'INVALID_RESPONSE'],
  ] as const)('fails with TIMESTAMP_UNAVAILABLE on %s', async (_, mode, failure) => {
    behaviour = mode;

    await expect(requestTimestamp(digest, { url, timeoutMs: 300 })).rejects.toMatchObject({
      name: 'TimestampError',
      code: 'TIMESTAMP_UNAVAILABLE',
      failure,
    });
  });

  it('fails when the TSA rejects the request, with its reason', async () => {
    const failure = requestTimestamp(digest, { url, reqPolicy: '1.2.3.4' });

    await expect(failure).rejects.toBeInstanceOf(TimestampError);
    await expect(failure).rejects.toThrow(/refused the time-stamp request: expected policy/);
  });

  it('fails when the TSA certificate is not issued by a trusted one', async () => {
    const failure = requestTimestamp(digest, { url, trust: [other.rootDer] });

    await expect(failure).rejects.toMatchObject({ failure: 'INVALID_RESPONSE' });
    await expect(failure).rejects.toThrow(/is not trusted/);
  });
});

describe('tsaHandler', () => {
  it('answers a query with application/timestamp-reply and refuses other media types', async () => {
    const wrongType = await fetch(url, {
      method: 'POST',
      body: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    const garbage = await fetch(url, {
      method: 'POST',
      body: 'x',
      headers: { 'Content-Type': 'application/timestamp-query' },
    });

    expect(wrongType.status).toBe(415);
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toBe('application/timestamp-reply');
  });
});

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';

import { requestTimestamp, TimestampError } from '../../../src/pki/tsa/tsa-client';
import { tsaHandler } from '../../../src/pki/tsa/tsa-route';
import { verifyTimeStampToken } from '../../../src/pki/tsa/time-stamp-verifier';
import { signPdf } from '../../../src/signing';
import type { SignPdfInput } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import { createTestTsa } from '../../fixtures/tsa-pki';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';
import { signatureTimestampOf } from '../../helpers/timestamp-checks';

const pki = createTestPki('rsa');
const tsa = createTestTsa();
const png = sealPng();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** The in-process TSA, called directly: the token's imprint is SHA-256 of the signature value. */
const stampSignature = (value: Buffer) =>
  Promise.resolve(
    tsa.authority.issue({
      imprint: { hash: 'sha256', hashedMessage: sha256(value) },
      certReq: true,
    }),
  );

function input(pdf: Buffer, extra: Partial<SignPdfInput> = {}): SignPdfInput {
  return {
    pdf,
    signer: pki.signer,
    appearance: { png, width: 119.06, height: 119.06 },
    placement: { page: 1, x: 150, y: 150 },
    signingTime: new Date('2025-03-01T10:20:30Z'),
    timestamp: stampSignature,
    ...extra,
  };
}

describe('PAdES B-T', () => {
  it.each([
    ['a classic xref table', {}],
    ['an xref stream with object streams', { xref: 'stream', objectStreams: true }],
  ] as const)(
    'time-stamps the signature value in %s so that openssl ts verifies it',
    async (_, options) => {
      const pdf = buildPdf(options);
      const { pdf: signed, report } = await signPdf(input(pdf));

      expect(report.level).toBe('B-T');
      await expectValidSignedPdf({
        input: pdf,
        output: signed,
        caPem: pki.caPem,
        tsaCaPem: tsa.rootPem,
        seal: { page: 1, x: 150, y: 150, width: 119.06, height: 119.06 },
      });
    },
  );

  it('puts a token over SHA-256 of the signature value in the unsigned attributes', async () => {
    const { pdf } = await signPdf(input(buildPdf()));
    const [signature] = (
      await expectValidSignedPdf({
        ...{ input: buildPdf(), output: pdf, caPem: pki.caPem, tsaCaPem: tsa.rootPem },
      })
    ).signatures;
    const stamp = signatureTimestampOf(signature.cmsDer)!;
    const stated = verifyTimeStampToken(stamp.token, { trust: [tsa.rootDer] });

    expect(stated.imprint.hashedMessage.equals(sha256(stamp.signatureValue))).toBe(true);
  });

  it('fails the checker when the token stamps other bytes than the signature value', async () => {
    const pdf = buildPdf();
    const wrong = (value: Buffer) => stampSignature(Buffer.concat([value, Buffer.from('x')]));
    const { pdf: signed } = await signPdf(input(pdf, { timestamp: wrong }));

    await expect(
      expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem, tsaCaPem: tsa.rootPem }),
    ).rejects.toThrow(/\[10 openssl ts -verify\].*message imprint mismatch/is);
  });

  it('reports B-B and embeds no token without a timestamper', async () => {
    const { report } = await signPdf(input(buildPdf(), { timestamp: undefined }));

    expect(report.level).toBe('B-B');
  });

  it('surfaces the TSA failure and returns nothing', async () => {
    const failing = () => Promise.reject(new TimestampError('UNREACHABLE', 'tsa.example: timeout'));

    await expect(signPdf(input(buildPdf(), { timestamp: failing }))).rejects.toMatchObject({
      code: 'TIMESTAMP_UNAVAILABLE',
      failure: 'UNREACHABLE',
    });
  });

  it('refuses with SIGNATURE_TOO_LARGE a token that does not fit the reserved room', async () => {
    const huge = Buffer.concat([Buffer.from('04824e20', 'hex'), Buffer.alloc(20_000)]);
    const oversized = () => Promise.resolve(huge);

    await expect(signPdf(input(buildPdf(), { timestamp: oversized }))).rejects.toMatchObject({
      code: 'SIGNATURE_TOO_LARGE',
    });
  });

  describe('through the HTTP route and client', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      const app = express();
      app.post('/tsa', tsaHandler(tsa.authority));
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
    });
    afterAll(() => {
      server.closeAllConnections();
      server.close();
    });

    it('signs B-T with a token fetched from POST /tsa', async () => {
      const pdf = buildPdf();
      const timestamp = (value: Buffer) =>
        requestTimestamp(sha256(value), { url, trust: [tsa.rootDer] });
      const { pdf: signed, report } = await signPdf(input(pdf, { timestamp }));

      expect(report.level).toBe('B-T');
      await expectValidSignedPdf({
        input: pdf,
        output: signed,
        caPem: pki.caPem,
        tsaCaPem: tsa.rootPem,
      });
    });
  });
});

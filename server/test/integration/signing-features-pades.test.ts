import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { outputOf, runTool } from '../helpers/external-tool';
import { expectOcspGoodInDss } from '../helpers/dss';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { signatureTimestampOf } from '../helpers/timestamp-checks';
import { baseUrl, caPem } from '../support/api';
import { samplePdf } from '../support/sample-pdf';
import { SigningSession } from '../support/signing-session';

const PLACEMENT = { page: 1, x: 200, y: 300, width: 80 };

/** A one-page document signed at `level` (the server's default when undefined). */
async function signedAt(level?: string) {
  const session = await SigningSession.start();
  const input = await samplePdf(1);
  const documentId = await session.upload(input);
  const signature = await session.sign(documentId, { placement: PLACEMENT, level });

  return { session, documentId, input, signature, output: await session.bytes(documentId) };
}

describe('PAdES levels', () => {
  it('signs at B-T by default, with a signature time-stamp that openssl ts verifies', async () => {
    const { input, output, signature } = await signedAt();

    const report = await expectValidSignedPdf({ input, output, caPem: await caPem() });

    expect(signature.level).toBe('B_T');
    expect(signatureTimestampOf(report.signatures[0].cmsDer)).toBeDefined();
  });

  it('adds a /DSS for B-LT, after which the signature stays valid and verifies as B_LT', async () => {
    const { session, documentId, input, output, signature } = await signedAt('B_LT');

    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      endsWithValidationData: true,
    });
    await expectOcspGoodInDss(output, await caPem());
    const report = await session.verify(documentId);

    expect(signature.level).toBe('B_LT');
    expect(output.subarray(input.length).includes('/DSS')).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      kind: 'APPROVAL',
      level: 'B_LT',
      integrity: { ok: true },
      verdict: 'VALID',
    });
  });

  it('archives B-LTA under a document time-stamp that verifyDocument lists', async () => {
    const { session, documentId, input, output, signature } = await signedAt('B_LTA');

    await expectValidSignedPdf({ input, output, caPem: await caPem(), newSignatures: 2 });
    const report = await session.verify(documentId);

    expect(signature.level).toBe('B_LTA');
    expect(output.subarray(input.length).includes('/DSS')).toBe(true);
    expect(report.signatures.map((s) => s.kind)).toEqual(['APPROVAL', 'DOCUMENT_TIMESTAMP']);
    expect(report.signatures[0].level).toBe('B_LTA');
    expect(report.verdict).toBe('VALID');
    expect(report.signatures[1]).toMatchObject({
      subFilter: 'ETSI.RFC3161',
      integrity: { ok: true },
      timestamp: { imprintMatches: true, signatureValid: true, trusted: true },
    });
  });
});

describe('verifying a platform-signed document', () => {
  it('finds the signature intact, anchored at the root, not revoked, and VALID', async () => {
    const { session, documentId } = await signedAt();

    const report = await session.verify(documentId);

    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      kind: 'APPROVAL',
      level: 'B_T',
      integrity: { ok: true, digestMatches: true, signatureValid: true },
      timestamp: { imprintMatches: true, signatureValid: true, trusted: true },
      trust: { reachesTrustAnchor: true, validAtValidationTime: true, validNow: true, reasons: [] },
      revocation: { status: 'GOOD' },
      verdict: 'VALID',
      reasons: [],
    });
    // The seal certificate (from the issuing CA's CRL) and the issuing CA (from the root's).
    expect(report.signatures[0].revocation!.certificates.map((c) => c.status)).toEqual([
      'GOOD',
      'GOOD',
    ]);
    expect(report).toMatchObject({ verdict: 'VALID', reasons: [] });
  });
});

describe('the platform time-stamping authority at /tsa', () => {
  it('answers an openssl time-stamp query with a token that verifies against /pki/ca.pem', async () => {
    await inTemporaryDir(async (dir) => {
      await writeFile(join(dir, 'data.txt'), 'contract text to time-stamp\n');
      await writeFile(join(dir, 'ca.pem'), await caPem());
      await openssl(dir, 'ts -query -data data.txt -sha256 -cert -out req.tsq');

      const response = await fetch(`${baseUrl()}/tsa`, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: await readFile(join(dir, 'req.tsq')),
      });
      await writeFile(join(dir, 'resp.tsr'), Buffer.from(await response.arrayBuffer()));

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/timestamp-reply/);
      const verified = await openssl(dir, 'ts -verify -data data.txt -in resp.tsr -CAfile ca.pem');
      expect(verified.stdout).toContain('Verification: OK');
    });
  });

  it('refuses a body that is not a time-stamp query: 415 by type, a rejection by content', async () => {
    await inTemporaryDir(async (dir) => {
      const post = (type: string) =>
        fetch(`${baseUrl()}/tsa`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: 'this is not a TimeStampReq',
        });

      const wrongType = await post('text/plain');
      const garbage = await post('application/timestamp-query');
      await writeFile(join(dir, 'resp.tsr'), Buffer.from(await garbage.arrayBuffer()));

      expect(wrongType.status).toBe(415);
      expect(garbage.status).toBe(200);
      const reply = await openssl(dir, 'ts -reply -in resp.tsr -text');
      expect(reply.stdout).toContain('Status: Rejected.');
      expect(reply.stdout).toContain('Failure info: the data submitted has the wrong format');
    });
  });
});

describe('the platform CA at /pki', () => {
  it.each([
    ['/pki/crl', 'the issuing CA (seal certificates)', '/pki/issuing-ca.crt'],
    ['/pki/root.crl', 'the root (the issuing CA)', '/pki/ca.crt'],
  ])(
    'serves at %s the DER CRL of %s, which openssl parses and verifies',
    async (path, _, issuer) => {
      await inTemporaryDir(async (dir) => {
        await writeFile(join(dir, 'crl.der'), await fetchBytes(path));
        await writeFile(join(dir, 'ca.pem'), await caPem());
        const authority = new X509Certificate(await fetchBytes(issuer));

        const text = await openssl(dir, 'crl -inform DER -in crl.der -noout -text');
        const verified = await openssl(dir, 'crl -inform DER -in crl.der -CAfile ca.pem -noout');

        expect(text.stdout).toContain('Certificate Revocation List (CRL)');
        expect(text.stdout).toContain(`Issuer: ${opensslName(authority.subject)}`);
        expect(outputOf(verified)).toContain('verify OK');
      });
    },
  );

  it('serves the root and the issuing CA certificates in DER, the issuing one signed by the root', async () => {
    const [rootDer, issuingDer] = await Promise.all(
      ['/pki/ca.crt', '/pki/issuing-ca.crt'].map(fetchBytes),
    );
    const pems = (await caPem()).match(
      /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g,
    )!;

    for (const der of [rootDer, issuingDer]) {
      expect(der.subarray(0, 1)).toEqual(Buffer.from([0x30]));
      expect(der.includes('-----BEGIN')).toBe(false);
    }
    const [root, issuing] = [rootDer, issuingDer].map((der) => new X509Certificate(der));
    expect(root.verify(root.publicKey)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(issuing.ca && root.ca).toBe(true);
    const served = pems.map((pem) => new X509Certificate(pem).fingerprint256);
    expect(served.sort()).toEqual([root.fingerprint256, issuing.fingerprint256].sort());
  });
});

async function fetchBytes(path: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl()}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);

  return Buffer.from(await response.arrayBuffer());
}

async function inTemporaryDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'signing-features-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs openssl in `dir` (arguments split on spaces); throws with its output unless it exits 0. */
async function openssl(dir: string, args: string) {
  const result = await runTool(
    'openssl',
    args.split(' ').map((arg) => fileIn(dir, arg)),
  );
  if (result.exitCode !== 0) {
    throw new Error(`openssl ${args}: exit ${result.exitCode}\n${outputOf(result)}`);
  }

  return result;
}

function fileIn(dir: string, arg: string): string {
  return /\.(txt|tsq|tsr|pem|der)$/.test(arg) ? join(dir, arg) : arg;
}

/** A distinguished name as openssl -text prints it ("C = CN, O = ..."), from Node's lines. */
function opensslName(subject: string): string {
  return subject
    .split('\n')
    .map((part) => part.replace('=', ' = '))
    .join(', ');
}

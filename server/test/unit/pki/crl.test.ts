import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { issueCrl } from '../../../src/pki/crl';
import { issueCertificate, toPem } from '../../../src/pki/x509';
import { createTestTsa } from '../../fixtures/tsa-pki';
import { runTool } from '../../helpers/external-tool';

const tsa = createTestTsa();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crl-'));
  await writeFile(join(dir, 'ca.pem'), tsa.rootPem);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function openssl(args: string[]): Promise<string> {
  const result = await runTool('openssl', args);
  if (result.exitCode !== 0) throw new Error(`openssl ${args.join(' ')}:\n${result.stderr}`);

  return `${result.stdout}${result.stderr}`;
}

describe('issueCrl', () => {
  it('issues a v2 CRL that openssl verifies under its CA, listing the revoked serials', async () => {
    const crl = issueCrl({
      issuerCertificate: tsa.rootDer,
      issuerKey: tsa.rootKey,
      thisUpdate: new Date('2025-03-01T00:00:00Z'),
      nextUpdate: new Date('2025-03-02T00:00:00Z'),
      crlNumber: 1740787200,
      revoked: [{ serialNumber: '00c0ffee01', revokedAt: new Date('2025-02-28T12:00:00Z') }],
    });
    await writeFile(join(dir, 'crl.der'), crl);
    const text = await openssl([
      ...['crl', '-inform', 'DER', '-in', join(dir, 'crl.der')],
      ...['-CAfile', join(dir, 'ca.pem'), '-noout', '-text'],
    ]);

    expect(text).toMatch(/verify OK/);
    expect(text).toMatch(/Version 2 \(0x1\)/);
    expect(text).toMatch(/Next Update: Mar {2}2 00:00:00 2025 GMT/);
    expect(text).toMatch(/X509v3 CRL Number:\s+1740787200/);
    expect(text).toMatch(/X509v3 Authority Key Identifier:/);
    expect(text).toMatch(/Serial Number: C0FFEE01\s+Revocation Date: Feb 28 12:00:00 2025 GMT/);
  });

  it('omits the revoked list when nothing is revoked', async () => {
    const crl = issueCrl({
      issuerCertificate: tsa.rootDer,
      issuerKey: tsa.rootKey,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 3600_000),
      crlNumber: 2,
      revoked: [],
    });
    await writeFile(join(dir, 'empty.der'), crl);
    const text = await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      join(dir, 'empty.der'),
      '-noout',
      '-text',
    ]);

    expect(text).toMatch(/No Revoked Certificates\./);
  });
});

describe('issueCertificate issuer locations', () => {
  it('names the CRL distribution point and the caIssuers URL when given', async () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = issueCertificate({
      subject: [{ shortName: 'CN', value: 'Seal' }],
      issuer: [{ shortName: 'CN', value: 'Test TSA Root' }],
      subjectKey: keys.publicKey,
      issuerKey: tsa.rootKey,
      serialNumber: randomBytes(8),
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
      keyUsage: ['digitalSignature'],
      issuerLocations: {
        crlUrl: 'https://seal.example/pki/crl',
        caIssuersUrl: 'https://seal.example/pki/issuing-ca.crt',
      },
    });
    await writeFile(join(dir, 'seal.pem'), toPem(der));
    const text = await openssl(['x509', '-in', join(dir, 'seal.pem'), '-noout', '-text']);

    expect(text).toMatch(
      /CRL Distribution Points:\s+Full Name:\s+URI:https:\/\/seal\.example\/pki\/crl/,
    );
    expect(text).toMatch(/CA Issuers - URI:https:\/\/seal\.example\/pki\/issuing-ca\.crt/);
  });
});

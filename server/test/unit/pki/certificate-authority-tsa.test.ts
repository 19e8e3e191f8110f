import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { EntityManager } from '@mikro-orm/postgresql';

import { createLogger } from '../../../src/common/logger';
import { CertificateAuthorityService } from '../../../src/pki/certificate-authority.service';
import { KeyVault } from '../../../src/pki/key-vault';
import { TimeStampAuthority } from '../../../src/pki/tsa/time-stamp-authority';
import { WrappedKey } from '../../../src/pki/wrapped-key.entity';
import { runTool } from '../../helpers/external-tool';

/**
 * Just enough of an EntityManager for the CA to create and load itself in memory; the real
 * persistence is covered by the integration suite.
 */
function memoryEntityManager(): EntityManager & { stored: object[] } {
  const stored: object[] = [];
  const em = {
    stored,
    find: (type: new () => object) => Promise.resolve(stored.filter((e) => e instanceof type)),
    findOneOrFail: (_: unknown, id: string) =>
      Promise.resolve(stored.find((e) => (e as { id?: string }).id === id)),
    create: (type: new () => object, data: object) => Object.assign(new type(), data),
    persist: (entity: object) => void stored.push(entity),
    transactional: (work: (tx: unknown) => Promise<void>) => work(em),
  };

  return em as unknown as EntityManager & { stored: object[] };
}

const vault = new KeyVault(randomBytes(32));
const ca = new CertificateAuthorityService(vault, createLogger('silent'), {
  publicBaseUrl: 'https://seal.example',
});
const em = memoryEntityManager();
let dir: string;

beforeAll(async () => {
  await ca.start(em);
  dir = await mkdtemp(join(tmpdir(), 'ca-tsa-'));
  await writeFile(join(dir, 'ca.pem'), ca.pem);
  await writeFile(join(dir, 'data.txt'), 'document\n');
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function openssl(args: string[]): Promise<string> {
  const result = await runTool('openssl', args);
  if (result.exitCode !== 0) throw new Error(`openssl ${args.join(' ')}:\n${result.stderr}`);

  return `${result.stdout}${result.stderr}`;
}

describe('CertificateAuthorityService', () => {
  it('issues a TSA certificate whose tokens openssl ts verifies up to the platform root', async () => {
    const tsa = await ca.issueTsaCertificate(em, 'RSA_2048');
    const authority = new TimeStampAuthority({
      signer: { privateKey: tsa.privateKey, certificates: [tsa.certificateDer, ...ca.chain] },
    });
    const query = join(dir, 'req.tsq');
    await openssl([
      'ts',
      '-query',
      '-data',
      join(dir, 'data.txt'),
      '-sha256',
      '-cert',
      '-out',
      query,
    ]);
    await writeFile(join(dir, 'resp.tsr'), authority.respond(await readFile(query)));
    const verified = await openssl([
      ...['ts', '-verify', '-data', join(dir, 'data.txt'), '-in', join(dir, 'resp.tsr')],
      ...['-CAfile', join(dir, 'ca.pem')],
    ]);

    expect(verified).toMatch(/Verification: OK/);
    expect(new X509Certificate(tsa.certificateDer).keyUsage).toEqual(['1.3.6.1.5.5.7.3.8']);
    expect(em.stored).toContain(tsa.key);
    expect(tsa.key).toBeInstanceOf(WrappedKey);
    expect(ca.openKey(tsa.key).equals(tsa.privateKey)).toBe(true);
  });

  it('names its CRL and issuer certificate URLs in what it issues', async () => {
    const tsa = await ca.issueTsaCertificate(em, 'EC_P256');
    await writeFile(join(dir, 'tsa.pem'), new X509Certificate(tsa.certificateDer).toString());
    const text = await openssl(['x509', '-in', join(dir, 'tsa.pem'), '-noout', '-text']);

    expect(text).toMatch(/URI:https:\/\/seal\.example\/pki\/crl/);
    expect(text).toMatch(/CA Issuers - URI:https:\/\/seal\.example\/pki\/issuing-ca\.crt/);
  });

  it('signs a current CRL with the issuing CA, listing the serials it is given', async () => {
    const revoked = [{ serialNumber: '0123abcd', revokedAt: new Date('2025-01-02T03:04:05Z') }];
    await writeFile(join(dir, 'crl.der'), ca.currentCrl(revoked));
    const text = await openssl([
      ...['crl', '-inform', 'DER', '-in', join(dir, 'crl.der'), '-noout', '-text'],
      ...['-CAfile', join(dir, 'ca.pem')],
    ]);

    expect(text).toMatch(/verify OK/);
    expect(text).toMatch(/Issuer: C = CN, O = eSeal Platform, CN = eSeal Platform Issuing CA/);
    expect(text).toMatch(/Serial Number: 0123ABCD/);
  });
});

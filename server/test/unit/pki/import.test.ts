import { createPrivateKey, randomBytes, sign, verify, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path, { join } from 'node:path';
import { generateKeys } from '../../../src/pki/key-pairs';
import { issueCertificate } from '../../../src/pki/x509';
import {
  checkSigningCredentials,
  ImportError,
  readPem,
  readPkcs12,
  type ImportedCredentials,
  type ImportErrorCode,
} from '../../../src/pki/import';
import { OpensslPki } from './import-openssl-pki';

const SEAL_USAGE = 'keyUsage=critical,digitalSignature,nonRepudiation\n';
const RSA = ['rsa:2048'];
const EC = ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
const CORPUS_PKI =
  process.env.CORPUS_DIR !== undefined
    ? path.join(process.env.CORPUS_DIR, 'pki')
    : path.resolve(__dirname, '../../../../../shared/corpus/pki');

let pki: OpensslPki;

beforeAll(() => {
  pki = new OpensslPki();
  pki.makeLeaf('rsa-seal', RSA, SEAL_USAGE);
  pki.makeLeaf('ec-seal', EC, SEAL_USAGE);
  pki.makeLeaf('ca-only', RSA, 'keyUsage=critical,keyCertSign\n');
  pki.makeLeaf('tls-only', RSA, `${SEAL_USAGE}extendedKeyUsage=serverAuth\n`);
  pki.makeLeaf('doc-signing', EC, `${SEAL_USAGE}extendedKeyUsage=1.3.6.1.5.5.7.3.36\n`);
  pki.makeLeaf('small-rsa', ['rsa:1024'], SEAL_USAGE);
});

afterAll(() => pki.dispose());

describe('readPkcs12', () => {
  it.each([
    ['RSA', 'rsa-seal', []],
    ['RSA', 'rsa-seal', ['-legacy']],
    ['EC P-256', 'ec-seal', []],
    ['EC P-256', 'ec-seal', ['-legacy']],
  ])('reads a %s seal from openssl pkcs12 -export %j', (_kind, name, options) => {
    const file = pki.exportPkcs12(name, 'pässwörd 1', ...options);

    const credentials = readPkcs12(file, 'pässwörd 1');

    expectSealFrom(credentials, name);
  });

  it('reads the encodings it claims: PBES2/AES-256 with a SHA-256 MAC, 3DES/RC2 with SHA-1', () => {
    const modern = pki.describePkcs12(pki.exportPkcs12('rsa-seal', 'pw'), 'pw');
    const legacy = pki.describePkcs12(pki.exportPkcs12('rsa-seal', 'pw', '-legacy'), 'pw');

    expect(modern).toMatch(/MAC: sha256[\s\S]*Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    expect(legacy).toMatch(/MAC: sha1[\s\S]*pbeWithSHA1And40BitRC2-CBC/);
    expect(legacy).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
  });

  it('reads a file with an empty password', () => {
    const credentials = readPkcs12(pki.exportPkcs12('ec-seal', ''), '');

    expectSealFrom(credentials, 'ec-seal');
  });

  it.each([[[]], [['-legacy']]])('refuses a wrong password with BAD_PASSWORD %j', (options) => {
    const file = pki.exportPkcs12('rsa-seal', 'right', ...options);

    expectImportError(() => readPkcs12(file, 'wrong'), 'BAD_PASSWORD');
  });

  it('refuses a damaged or foreign file with INVALID_PKCS12, not BAD_PASSWORD', () => {
    const file = pki.exportPkcs12('rsa-seal', 'pw');

    expectImportError(() => readPkcs12(file.subarray(0, file.length - 40), 'pw'), 'INVALID_PKCS12');
    expectImportError(() => readPkcs12(pki.der('rsa-seal.pem'), 'pw'), 'INVALID_PKCS12');
    expectImportError(() => readPkcs12(Buffer.from('not a pfx'), 'pw'), 'INVALID_PKCS12');
  });
});

describe('readPem', () => {
  it('sorts certificates given in any order into leaf then issuers', () => {
    const chain = pki.read('root.pem') + pki.read('rsa-seal.pem') + pki.read('interm.pem');

    expectSealFrom(readPem(chain, pki.read('rsa-seal.key')), 'rsa-seal');
  });

  it('reads an encrypted PKCS#8 key with its password and refuses a wrong one', () => {
    const encrypted = pki.openssl(
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:s3cret',
      '-in',
      pki.path('ec-seal.key'),
    );
    const chain = pki.read('ec-seal.pem') + pki.read('interm.pem');

    expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expectSealFrom(readPem(chain, encrypted, 's3cret'), 'ec-seal', ['interm']);
    expectImportError(() => readPem(chain, encrypted, 'nope'), 'BAD_PASSWORD');
    expectImportError(() => readPem(chain, encrypted), 'BAD_PASSWORD');
  });

  it('reads PKCS#1 RSA and SEC1 EC keys', () => {
    const pkcs1 = pki.openssl('rsa', '-traditional', '-in', pki.path('rsa-seal.key'));
    const sec1 = pki.openssl('ec', '-in', pki.path('ec-seal.key'));

    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    expectSealFrom(readPem(pki.read('rsa-seal.pem'), pkcs1), 'rsa-seal', []);
    expectSealFrom(readPem(pki.read('ec-seal.pem'), sec1), 'ec-seal', []);
  });

  it('refuses text without certificates with INVALID_PEM', () => {
    expectImportError(() => readPem('hello', pki.read('rsa-seal.key')), 'INVALID_PEM');
  });
});

describe('checkSigningCredentials', () => {
  const now = () => new Date();

  it('accepts RSA and EC seals whose usages allow signing', () => {
    for (const name of ['rsa-seal', 'ec-seal', 'doc-signing']) {
      const credentials = readPem(pki.read(`${name}.pem`), pki.read(`${name}.key`));

      expect(() => checkSigningCredentials(credentials, now())).not.toThrow();
    }
  });

  it('refuses the key of another certificate with KEY_MISMATCH', () => {
    const credentials = readPem(pki.read('rsa-seal.pem'), pki.read('ec-seal.key'));

    expectImportError(() => checkSigningCredentials(credentials, now()), 'KEY_MISMATCH');
  });

  it('refuses a certificate outside its validity period', () => {
    const credentials = readPem(pki.read('rsa-seal.pem'), pki.read('rsa-seal.key'));
    const yearAhead = new Date(Date.now() + 365 * 86_400_000);
    const dayBefore = new Date(Date.now() - 86_400_000);

    expectImportError(() => checkSigningCredentials(credentials, yearAhead), 'CERTIFICATE_EXPIRED');
    expectImportError(
      () => checkSigningCredentials(credentials, dayBefore),
      'CERTIFICATE_NOT_YET_VALID',
    );
  });

  it('refuses a certificate that expired yesterday, issued with past dates', async () => {
    const { privateKey, publicKey } = await generateKeys('EC_P256');
    const certificate = issueCertificate({
      subject: [{ shortName: 'CN', value: 'Expired seal' }],
      issuer: [{ shortName: 'CN', value: 'Expired seal' }],
      subjectKey: publicKey,
      issuerKey: privateKey,
      serialNumber: randomBytes(8),
      notBefore: new Date(Date.now() - 30 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });

    expectImportError(
      () => checkSigningCredentials({ privateKey, certificate, chain: [] }, now()),
      'CERTIFICATE_EXPIRED',
    );
  });

  it.each(['ca-only', 'tls-only'])('refuses %s usages with KEY_USAGE_FORBIDS_SIGNING', (name) => {
    const credentials = readPem(pki.read(`${name}.pem`), pki.read(`${name}.key`));

    expectImportError(
      () => checkSigningCredentials(credentials, now()),
      'KEY_USAGE_FORBIDS_SIGNING',
    );
  });

  it('refuses an RSA key under 2048 bits and an EC key off P-256/P-384 with UNSUPPORTED_KEY', () => {
    const small = readPem(pki.read('small-rsa.pem'), pki.read('small-rsa.key'));
    const p521 = createPrivateKey(
      pki.openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'),
    );

    expectImportError(() => checkSigningCredentials(small, now()), 'UNSUPPORTED_KEY');
    expectImportError(
      () => checkSigningCredentials({ ...small, privateKey: p521 }, now()),
      'UNSUPPORTED_KEY',
    );
  });
});

describe('the shared test PKI', () => {
  const folder = join(CORPUS_PKI, 'interm');
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.pfx')) : [];
  if (files.length === 0) {
    it.skip(`needs ${folder} (absent here)`, () => undefined);
    return;
  }

  it.each(files)('imports %s with its empty password (unencrypted key bag)', (file) => {
    const credentials = readPkcs12(readFileSync(join(folder, file)), '');
    const certificate = new X509Certificate(credentials.certificate);

    expect(certificate.checkPrivateKey(credentials.privateKey)).toBe(true);
    expect(credentials.chain.map((c) => new X509Certificate(c).subject)).toEqual([
      new X509Certificate(readFileSync(join(CORPUS_PKI, 'root/interm.cert.pem'))).subject,
      new X509Certificate(readFileSync(join(CORPUS_PKI, 'root/root.cert.pem'))).subject,
    ]);
  });

  it.each([
    ['root.pfx', []],
    ['interm.pfx', ['root']],
    ['tsa.pfx', ['root']],
  ])('imports root/%s with the chain it holds', (file, issuers) => {
    const credentials = readPkcs12(readFileSync(join(CORPUS_PKI, 'root', file)), '');

    expect(credentials.chain).toEqual(
      issuers.map((name) => corpusCertificate(`root/${name}.cert.pem`)),
    );
  });

  it('reads the legacy-encrypted PEM key of Alice with her certificate and the CA bundle', () => {
    const chain =
      readFileSync(join(CORPUS_PKI, 'ca-chain.cert.pem'), 'latin1') +
      readFileSync(join(folder, 'signer1-long.cert.pem'), 'latin1');
    const key = readFileSync(join(CORPUS_PKI, 'keys-rsa/signer.key.pem'), 'latin1');

    const credentials = readPem(chain, key, 'secret');

    expect(credentials.certificate).toEqual(corpusCertificate('interm/signer1-long.cert.pem'));
    expect(credentials.chain).toHaveLength(2);
    expectImportError(() => readPem(chain, key, 'wrong'), 'BAD_PASSWORD');
  });

  it('refuses the time-stamping certificate for sealing', () => {
    const tsa = readPkcs12(readFileSync(join(CORPUS_PKI, 'root/tsa.pfx')), '');

    expectImportError(
      () => checkSigningCredentials(tsa, new Date('2026-01-01')),
      'KEY_USAGE_FORBIDS_SIGNING',
    );
  });

  it('refuses the expired signer1 and accepts signer1-long in 2026', () => {
    const read = (file: string) => readPkcs12(readFileSync(join(folder, file)), '');

    expectImportError(
      () => checkSigningCredentials(read('signer1.pfx'), new Date()),
      'CERTIFICATE_EXPIRED',
    );
    expect(() =>
      checkSigningCredentials(read('signer1-long.pfx'), new Date('2026-01-01')),
    ).not.toThrow();
  });
});

/** The key signs what the leaf's public key verifies, and the chain runs leaf → interm → root. */
function expectSealFrom(
  credentials: ImportedCredentials,
  name: string,
  issuers = ['interm', 'root'],
): void {
  const message = Buffer.from('seal test message');
  const signature = sign('sha256', message, credentials.privateKey);
  const leafKey = new X509Certificate(credentials.certificate).publicKey;

  expect(verify('sha256', message, leafKey, signature)).toBe(true);
  expect(credentials.certificate).toEqual(pki.der(`${name}.pem`));
  expect(credentials.chain).toEqual(issuers.map((issuer) => pki.der(`${issuer}.pem`)));
}

function corpusCertificate(file: string): Buffer {
  return new X509Certificate(readFileSync(join(CORPUS_PKI, file))).raw;
}

function expectImportError(action: () => unknown, code: ImportErrorCode): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }

  expect(caught).toBeInstanceOf(ImportError);
  expect((caught as ImportError).code).toBe(code);
}

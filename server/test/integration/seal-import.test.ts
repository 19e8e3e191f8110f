import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inkScan } from '../fixtures/ink-images';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  adminToken,
  caPem,
  errorCode,
  downloadBytes,
  importSeal,
  newUser,
  ok,
  signDocument,
  uploadPdf,
} from '../support/api';
import { samplePdf } from '../support/sample-pdf';
import { OpensslPki } from '../unit/pki/import-openssl-pki';

const SEAL_USAGE = 'keyUsage=critical,digitalSignature,nonRepudiation\n';

describe('importing a seal from a PKCS#12 file', () => {
  let pki: OpensslPki;

  beforeAll(() => {
    pki = new OpensslPki();
    pki.makeLeaf('rsa-seal', ['rsa:2048'], SEAL_USAGE);
    pki.makeLeaf('ec-seal', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], SEAL_USAGE);
    pki.makeLeaf('invoice-seal', ['rsa:2048'], SEAL_USAGE);
    pki.makeLeaf('anchored-seal', ['rsa:2048'], SEAL_USAGE);
    pki.makeLeaf('handwriting', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], SEAL_USAGE);
    pki.makeLeaf('ca-only', ['rsa:2048'], 'keyUsage=critical,keyCertSign\n');
  });

  afterAll(() => pki.dispose());

  it.each([
    ['OpenSSL 3 default (PBES2, AES-256)', 'rsa-seal', [], 'RSA_2048'],
    ['legacy (3DES, RC2)', 'ec-seal', ['-legacy'], 'EC_P384'],
  ])(
    'imports %s and signs with the imported chain embedded',
    async (_, name, options, algorithm) => {
      const { token } = await newUser();
      const p12 = pki.exportPkcs12(name, 'p12-secret', ...options);
      const imported = await importSeal(token, {
        name: '合同专用章',
        type: 'CONTRACT',
        pkcs12Base64: p12.toString('base64'),
        password: 'p12-secret',
      });
      expect(imported.errors).toBeUndefined();
      const seal = imported.data!.importSeal;
      const input = await samplePdf(1);
      const document = await uploadPdf(token, input);
      await signDocument(token, {
        documentId: document.id,
        sealId: seal.id,
        placement: { page: 1, x: 200, y: 200 },
        signerName: '张三',
      });
      const output = await downloadBytes(document.downloadUrl, token);

      expect(seal).toMatchObject({
        ownerName: 'Import Test',
        keyAlgorithm: algorithm,
        // The test certificates live 30 days: inside the default expiry warning.
        status: 'EXPIRING',
      });
      await expectValidSignedPdf({
        input,
        output,
        caPem: readFileSync(pki.path('root.pem'), 'utf8'),
        // The time-stamp comes from the platform's TSA, certified by the platform CA.
        tsaCaPem: await caPem(),
      });
    },
  );

  it('imports a handwritten signature with the scan of the hand, and refuses one without', async () => {
    const { token } = await newUser();
    const p12 = pki.exportPkcs12('handwriting', 'p12-secret').toString('base64');
    const input = { name: '张三', type: 'HANDWRITTEN', pkcs12Base64: p12, password: 'p12-secret' };
    const fields = 'id imageSource imageSvg';

    const refused = await importSeal(token, input, fields);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'image',
    });
    const scan = (await inkScan('png')).bytes.toString('base64');
    const imported = await importSeal(token, { ...input, imageBase64: scan }, fields);

    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importSeal).toMatchObject({ imageSource: 'UPLOADED', imageSvg: null });
  });

  it('refuses a wrong password, a file that is not PKCS#12 and a certificate not for signing', async () => {
    const { token } = await newUser();
    const refuse = async (p12: Buffer, password: string) => {
      const input = { name: '公章', type: 'OFFICIAL', pkcs12Base64: p12.toString('base64') };
      const result = await importSeal(token, { ...input, password });

      return result.errors?.[0]?.extensions?.code;
    };

    expect(await refuse(pki.exportPkcs12('rsa-seal', 'right'), 'wrong')).toBe('BAD_PASSWORD');
    expect(await refuse(Buffer.from('not a pkcs12 file'), 'x')).toBe('INVALID_CREDENTIALS');
    expect(await refuse(pki.exportPkcs12('ca-only', 'pw'), 'pw')).toBe('KEY_USAGE_FORBIDS_SIGNING');
    expect(await ok<{ seals: unknown }>(`{ seals { totalCount } }`, {}, token)).toEqual({
      seals: { totalCount: 0 },
    });
  });

  it('imports an invoice seal only with its taxpayer number, and keeps it', async () => {
    const { token } = await newUser();
    const input = {
      name: '发票专用章',
      type: 'INVOICE',
      pkcs12Base64: pki.exportPkcs12('invoice-seal', 'pw').toString('base64'),
      password: 'pw',
    };

    const withoutNumber = await importSeal(token, input);
    const imported = await importSeal(token, { ...input, taxpayerNumber: '91330106MA2XXXXX8K' });

    expect(withoutNumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(imported.errors).toBeUndefined();
    const { seal } = await ok<{ seal: unknown }>(
      `query ($id: ID!) { seal(id: $id) { taxpayerNumber sealCode imageSource } }`,
      { id: imported.data!.importSeal.id },
      token,
    );
    expect(seal).toEqual({
      taxpayerNumber: '91330106MA2XXXXX8K',
      sealCode: null,
      imageSource: 'DRAWN',
    });
  });

  it('is trusted by verification only once an administrator trusts its CA, and no longer once removed', async () => {
    const { token } = await newUser();
    const imported = await importSeal(token, {
      name: '合同专用章',
      type: 'CONTRACT',
      pkcs12Base64: pki.exportPkcs12('anchored-seal', 'pw').toString('base64'),
      password: 'pw',
    });
    expect(imported.errors).toBeUndefined();
    const sealId = imported.data!.importSeal.id;
    const document = await uploadPdf(token, await samplePdf(1));
    await signDocument(token, {
      documentId: document.id,
      sealId,
      placement: { page: 1, x: 200, y: 200 },
      signerName: '李四',
    });
    const anchored = async () => {
      const { verifyDocument } = await ok<{
        verifyDocument: { signatures: { trust: { reachesTrustAnchor: boolean } }[] };
      }>(VERIFY, { input: { documentId: document.id } }, token);

      return verifyDocument.signatures[0].trust.reachesTrustAnchor;
    };
    const admin = await adminToken();

    expect(await anchored()).toBe(false);
    expect(await errorCode(TRUST, { input: { sealId } }, token)).toBe('FORBIDDEN');
    const { trustImportedCa: anchor } = await ok<{
      trustImportedCa: { id: string; subject: string };
    }>(TRUST, { input: { sealId, note: 'test CA' } }, admin);
    expect(anchor.subject).toContain('Import Test');
    expect(await anchored()).toBe(true);
    await ok(REMOVE, { input: { id: anchor.id } }, admin);
    expect(await anchored()).toBe(false);
  });
});

/** The shared corpus's test PKI, when present (the suite passes without it). */
const CORPUS_PKI =
  process.env.CORPUS_DIR !== undefined
    ? path.join(process.env.CORPUS_DIR, 'pki')
    : path.resolve(__dirname, '../../../../shared/corpus/pki');
const withCorpusPki = existsSync(path.join(CORPUS_PKI, 'interm/signer1-long.pfx')) ? it : it.skip;

describe('the shared corpus test PKI', () => {
  withCorpusPki(
    'imports signer1-long.pfx (empty password) and signs a file pdfsig accepts',
    async () => {
      const { token } = await newUser();
      const p12 = readFileSync(path.join(CORPUS_PKI, 'interm/signer1-long.pfx'));
      const imported = await importSeal(token, {
        name: '合同专用章',
        type: 'CONTRACT',
        pkcs12Base64: p12.toString('base64'),
        password: '',
      });
      expect(imported.errors).toBeUndefined();
      const input = await samplePdf(1);
      const document = await uploadPdf(token, input);
      await signDocument(token, {
        documentId: document.id,
        sealId: imported.data!.importSeal.id,
        placement: { page: 1, x: 300, y: 300 },
        signerName: 'Alice',
      });

      await expectValidSignedPdf({
        input,
        output: await downloadBytes(document.downloadUrl, token),
        caPem: readFileSync(path.join(CORPUS_PKI, 'root/root.cert.pem'), 'utf8'),
        tsaCaPem: await caPem(),
      });
    },
  );
});

const VERIFY = `query ($input: VerifyDocumentInput!) {
  verifyDocument(input: $input) { signatures { trust { reachesTrustAnchor } } }
}`;
const TRUST = `mutation ($input: TrustImportedCaInput!) {
  trustImportedCa(input: $input) { id subject fingerprintSha256 note }
}`;
const REMOVE = `mutation ($input: RemoveTrustAnchorInput!) { removeTrustAnchor(input: $input) { id } }`;

import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  download,
  downloadBytes,
  errorCode,
  graphql,
  newUser,
  ok,
  signDocument,
  signingRefusal,
  tryCreateSeal,
  uploadPdf,
} from '../support/api';
import { samplePdf } from '../support/sample-pdf';

const signing = (documentId: string, sealId: string, placement: Record<string, unknown>) => ({
  documentId,
  sealId,
  placement,
  signerName: '张三',
  reason: '同意',
  location: '杭州',
});

interface DocumentState {
  document: { revision: number; signatures: { id: string; seal: { id: string } }[] };
}

const DOCUMENT_STATE = `query ($id: ID!) { document(id: $id) { revision signatures { id seal { id } } } }`;

/** A 40 mm contract seal is 113.39 pt across. */
const CONTRACT_SEAL_PT = (40 / 25.4) * 72;

describe('signing a PDF through the API', () => {
  it('returns a file that pdfsig, qpdf, mutool and openssl accept, with the seal where placed', async () => {
    const { token, id: userId } = await newUser();
    const seal = await createSeal(token);
    const input = await samplePdf(2);
    const document = await uploadPdf(token, input);
    const placement = { page: 2, x: 420, y: 650 };

    const signature = await signDocument(token, signing(document.id, seal.id, placement));
    const response = await download(signature.document.downloadUrl, token);
    const output = Buffer.from(await response.arrayBuffer());

    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(signature).toMatchObject({
      page: 2,
      signerName: '张三',
      reason: '同意',
      location: '杭州',
    });
    expect(signature.signer.id).toBe(userId);
    expect(signature.seal.usageCount).toBe(1);
    expect(signature.document.revision).toBe(2);
    expect(signature.document.sizeBytes).toBe(output.length);
    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      seal: { ...placement, width: CONTRACT_SEAL_PT, height: CONTRACT_SEAL_PT },
    });
  });

  it('keeps every earlier signature valid when a second seal signs', async () => {
    const { token } = await newUser();
    const contract = await createSeal(token);
    const personal = await createSeal(token, {
      name: '李四',
      type: 'PERSONAL',
      ownerName: '李四',
      keyAlgorithm: 'EC_P256',
    });
    const document = await uploadPdf(token, await samplePdf(1, { objectStreams: true }));
    await signDocument(token, signing(document.id, contract.id, { page: 1, x: 150, y: 600 }));
    const first = await downloadBytes(document.downloadUrl, token);

    const placement = { page: 1, x: 400, y: 600, width: 60 };
    await signDocument(token, signing(document.id, personal.id, placement));
    const second = await downloadBytes(document.downloadUrl, token);

    const report = await expectValidSignedPdf({
      input: first,
      output: second,
      caPem: await caPem(),
      seal: { ...placement, height: 60 },
    });
    expect(report.signatures).toHaveLength(2);
    const state = await ok<DocumentState>(DOCUMENT_STATE, { id: document.id }, token);
    expect(state.document.signatures.map((s) => s.seal.id)).toEqual([contract.id, personal.id]);
  });

  it('signs every request of a concurrent burst on one document, in one revision chain', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);

    const signatures = await Promise.all(
      [100, 250, 400].map((x) =>
        signDocument(token, signing(document.id, seal.id, { page: 1, x, y: 400, width: 80 })),
      ),
    );
    const output = await downloadBytes(document.downloadUrl, token);

    expect(signatures.map((s) => s.document.revision).sort()).toEqual([2, 3, 4]);
    const report = await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      newSignatures: 3,
    });
    expect(report.signatures).toHaveLength(3);
  });
});

describe('refusals', () => {
  it('refuses a request without a valid token with UNAUTHENTICATED', async () => {
    expect(await errorCode(`{ seals { totalCount } }`)).toBe('UNAUTHENTICATED');
    expect(await errorCode(`{ me { id } }`, {}, 'not-a-token')).toBe('UNAUTHENTICATED');
  });

  it("refuses someone else's seal and document with FORBIDDEN, unknown ids with NOT_FOUND", async () => {
    const alice = await newUser('alice');
    const mallory = await newUser('mallory');
    const seal = await createSeal(alice.token);
    const document = await uploadPdf(alice.token, await samplePdf(1));
    const own = await createSeal(mallory.token);
    const at = { page: 1, x: 100, y: 100 };
    const sign = (input: Record<string, unknown>) => signingRefusal(mallory.token, input);
    const missing = '00000000-0000-4000-8000-000000000000';

    expect(await sign(signing(document.id, seal.id, at))).toBe('FORBIDDEN');
    expect(await sign(signing(document.id, own.id, at))).toBe('FORBIDDEN');
    expect(await sign(signing(missing, own.id, at))).toBe('NOT_FOUND');
    expect(await sign(signing(document.id, 'not-a-uuid', at))).toBe('NOT_FOUND');
    const documentQuery = `query ($id: ID!) { document(id: $id) { id } }`;
    expect(await errorCode(documentQuery, { id: "x' or 1=1 --" }, mallory.token)).toBe('NOT_FOUND');
    const sealQuery = `query ($id: ID!) { seal(id: $id) { id } }`;
    expect(await errorCode(sealQuery, { id: seal.id }, mallory.token)).toBe('FORBIDDEN');
    expect((await download(document.downloadUrl, mallory.token)).status).toBe(403);
    expect((await download(document.downloadUrl)).status).toBe(401);
  });

  it('refuses a page out of range and a bad enum with BAD_USER_INPUT, changing nothing', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const document = await uploadPdf(token, await samplePdf(2));
    const sign = (page: number) =>
      signingRefusal(token, signing(document.id, seal.id, { page, x: 9, y: 9 }));

    expect(await sign(3)).toBe('BAD_USER_INPUT');
    expect(await sign(0)).toBe('BAD_USER_INPUT');
    const badType = await tryCreateSeal(token, { name: 'x', type: 'ROUND', ownerName: 'y' });
    expect(badType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const state = await ok<DocumentState>(DOCUMENT_STATE, { id: document.id }, token);
    expect(state.document).toEqual({ revision: 1, signatures: [] });
    const usage = await ok<{ seal: { usageCount: number } }>(
      `query ($id: ID!) { seal(id: $id) { usageCount } }`,
      { id: seal.id },
      token,
    );
    expect(usage.seal.usageCount).toBe(0);
  });

  it('refuses captions it cannot draw, duplicated cross-page pages and floods of placements', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const document = await uploadPdf(token, await samplePdf(3));
    const at = { page: 1, x: 100, y: 100 };
    const sign = (extra: Record<string, unknown>) =>
      signingRefusal(token, { ...signing(document.id, seal.id, at), ...extra });

    expect(await sign({ caption: { text: '🙂' } })).toBe('BAD_USER_INPUT');
    expect(await sign({ caption: { text: '长'.repeat(41) } })).toBe('BAD_USER_INPUT');
    expect(await sign({ caption: {}, signerName: '张三🙂' })).toBe('BAD_USER_INPUT');
    expect(await sign({ crossPage: { pages: [1, 1, 2] } })).toBe('BAD_USER_INPUT');
    expect(await sign({ placements: Array(101).fill(at) })).toBe('BAD_USER_INPUT');
    const state = await ok<DocumentState>(DOCUMENT_STATE, { id: document.id }, token);
    expect(state.document.revision).toBe(1);
  });

  it('refuses what is not a PDF with INVALID_PDF and stores nothing', async () => {
    const { token } = await newUser();
    const upload = `mutation ($input: UploadDocumentInput!) { uploadDocument(input: $input) { id } }`;
    const notPdf = Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF\n');

    for (const content of [notPdf, Buffer.from('hello'), Buffer.alloc(0)]) {
      const input = { contentBase64: content.toString('base64'), fileName: 'x.pdf' };
      expect(await errorCode(upload, { input }, token)).toBe('INVALID_PDF');
    }
    expect(await ok<{ documents: unknown[] }>(`{ documents { id } }`, {}, token)).toEqual({
      documents: [],
    });
  });

  it('refuses an upload with neither file nor contentBase64 with BAD_USER_INPUT', async () => {
    const { token } = await newUser();
    const result = await graphql(
      `
        mutation ($input: UploadDocumentInput!) {
          uploadDocument(input: $input) {
            id
          }
        }
      `,
      { input: { fileName: 'x.pdf' } },
      token,
    );

    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

import { createServer } from 'node:net';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  newUser,
  ok,
  signDocument,
  signingRefusal,
  uploadPdf,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';
import { useChildServer } from '../support/spawn-test-server';

/**
 * A server whose external TSA never answers: a time-stamp failure must fail the signing, not
 * fall back to the server clock, unless the caller accepted B-B.
 */
describe('with an unreachable time-stamp authority', () => {
  useChildServer(async () => ({ TSA_URL: `http://127.0.0.1:${await closedPort()}/tsa` }));

  it('refuses with TIMESTAMP_UNAVAILABLE and writes nothing but the failure record', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const document = await uploadPdf(token, await samplePdf(1));
    const input = signing(document.id, seal.id);

    expect(await signingRefusal(token, input)).toBe('TIMESTAMP_UNAVAILABLE');
    const state = await ok<{ document: { revision: number } }>(
      `query ($id: ID!) { document(id: $id) { revision } }`,
      { id: document.id },
      token,
    );
    expect(state.document.revision).toBe(1);
    const events = await sql<{ action: string; payload: { code: string } }>(
      `select action, payload from history_event where document_id = $1 order by at`,
      [document.id],
    );
    expect(events.map((e) => [e.action, e.payload.code])).toEqual([
      ['DOCUMENT_UPLOADED', undefined],
      ['SIGNING_FAILED', 'TIMESTAMP_UNAVAILABLE'],
    ]);
  });

  it('signs at B-B, and records B-B, when the caller accepted it', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);

    const signature = await signDocument(token, {
      ...signing(document.id, seal.id),
      acceptBaselineLevel: true,
    });
    const level = await ok<{ document: { signatures: { level: string }[] } }>(
      `query ($id: ID!) { document(id: $id) { signatures { level } } }`,
      { id: document.id },
      token,
    );

    expect(signature.document.revision).toBe(2);
    expect(level.document.signatures).toEqual([{ level: 'B_B' }]);
    const output = await downloadBytes(document.downloadUrl, token);
    await expectValidSignedPdf({ input, output, caPem: await caPem() });
    expect(output.includes(Buffer.from('/DSS'))).toBe(false);
  });
});

const signing = (documentId: string, sealId: string) => ({
  documentId,
  sealId,
  placement: { page: 1, x: 200, y: 200 },
  signerName: '张三',
});

/** A port nothing listens on: taken from the kernel, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
    });
  });
}

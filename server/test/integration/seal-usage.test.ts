import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  errorCode,
  newUser,
  ok,
  signDocument,
  uploadPdf,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

const USAGE = `query ($sealId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
  sealUsage(sealId: $sealId, from: $from, to: $to) {
    sealId totalCount byDay { date count } bySigner { userId displayName count }
  }
}`;

const DAY_MS = 86_400_000;

describe('usage of a seal', () => {
  it('counts signatures per UTC day and per signer', async () => {
    const owner = await newUser('usage');
    const seal = await createSeal(owner.token, { keyAlgorithm: 'EC_P256' });
    const input = await samplePdf(1);
    const document = await uploadPdf(owner.token, input);
    const signatures = [];
    const revisions = [input];
    for (const x of [150, 300, 450]) {
      const signature = await signDocument(owner.token, {
        documentId: document.id,
        sealId: seal.id,
        signerName: '张三',
        placement: { page: 1, x, y: 200 },
      });
      signatures.push(signature);
      revisions.push(await downloadBytes(signature.document.downloadUrl, owner.token));
    }
    await expectValidSignedPdf({ input: revisions[2], output: revisions[3], caPem: await caPem() });
    await sql(`update signature set signed_at = '2026-01-02T23:30:00Z' where id = $1`, [
      signatures[0].id,
    ]);
    const today = new Date().toISOString().slice(0, 10);

    const { sealUsage } = await ok<{ sealUsage: unknown }>(
      USAGE,
      { sealId: seal.id, from: '2026-01-01T00:00:00Z', to: new Date().toISOString() },
      owner.token,
    );
    expect(sealUsage).toEqual({
      sealId: seal.id,
      totalCount: 3,
      byDay: [
        { date: '2026-01-02', count: 1 },
        { date: today, count: 2 },
      ],
      bySigner: [{ userId: owner.id, displayName: '张三', count: 3 }],
    });
  });

  it("answers FORBIDDEN for another user's seal and BAD_USER_INPUT for a bad period", async () => {
    const owner = await newUser('usage');
    const other = await newUser('usage');
    const seal = await createSeal(owner.token, { keyAlgorithm: 'EC_P256' });
    const now = Date.now();
    const period = (fromMs: number, toMs: number) => ({
      sealId: seal.id,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    });

    expect(await errorCode(USAGE, period(now - DAY_MS, now), other.token)).toBe('FORBIDDEN');
    expect(await errorCode(USAGE, period(now, now - DAY_MS), owner.token)).toBe('BAD_USER_INPUT');
    expect(await errorCode(USAGE, period(now - 367 * DAY_MS, now), owner.token)).toBe(
      'BAD_USER_INPUT',
    );
  });
});

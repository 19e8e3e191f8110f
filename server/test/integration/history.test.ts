import {
  adminToken,
  createSeal,
  download,
  downloadBytes,
  errorCode,
  newUser,
  ok,
  signingRefusal,
  uploadPdf,
} from '../support/api';
import {
  expectedHash,
  HISTORY,
  historyEvents,
  historyPage,
  storedFields,
  verifyHistory,
} from '../support/history';
import { samplePdf } from '../support/sample-pdf';

const EXPORT_HISTORY = `mutation ($input: ExportHistoryInput!) {
  exportHistory(input: $input) { url fileName rowCount }
}`;

const EXPORT_COLUMNS = [
  'sequence',
  'id',
  'at',
  'action',
  'actorId',
  'sealId',
  'documentId',
  'payload',
  'ip',
  'userAgent',
  'requestId',
  'previousHash',
  'hash',
];

let pdf: Buffer;
let admin: string;

beforeAll(async () => {
  pdf = await samplePdf(1);
  admin = await adminToken();
});

describe('history', () => {
  it('lists what a user did, newest first, each event hashed over every stored field', async () => {
    const user = await newUser('history');
    const document = await uploadPdf(user.token, pdf, 'lease.pdf');
    const seal = await createSeal(user.token, { keyAlgorithm: 'EC_P256' });

    const events = await historyEvents(user.token);

    // A company seal belongs to an organisation, which the helper registers first.
    expect(events.map((event) => event.action)).toEqual([
      'SEAL_CREATED',
      'ORGANIZATION_CREATED',
      'DOCUMENT_UPLOADED',
      'AGREEMENT_ACCEPTED',
      'USER_REGISTERED',
    ]);
    const sequences = events.map((event) => event.sequence);
    expect([...sequences].sort((a, b) => b - a)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(5);
    expect(events.every((event) => event.actor?.id === user.id)).toBe(true);
    expect(events[0]).toMatchObject({ sealId: seal.id, seal: { id: seal.id }, documentId: null });
    expect(events[0].payload).toEqual({
      type: 'CONTRACT',
      keyAlgorithm: 'EC_P256',
      serialNumber: seal.certificate.serialNumber,
      imageSource: 'DRAWN',
      organizationId: events[1].payload.organizationId,
    });
    expect(events[1].payload.organizationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[2]).toMatchObject({ documentId: document.id, sealId: null, seal: null });
    expect(events[2].payload).toEqual({
      fileName: 'lease.pdf',
      sizeBytes: pdf.length,
      sha256: document.sha256,
    });
    expect(events[2].requestId).toMatch(/\S/);
    expect(events[2].ip).toMatch(/127\.0\.0\.1|::1/);
    for (const event of events) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.previousHash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.hash).toBe(expectedHash(storedFields(event)));
    }
  });

  it("shows a user what others did to the user's seals, and nothing else of theirs", async () => {
    const owner = await newUser('history-owner');
    const other = await newUser('history-other');
    const seal = await createSeal(owner.token, { keyAlgorithm: 'EC_P256' });
    const othersDocument = await uploadPdf(other.token, pdf);
    const attempt = {
      documentId: othersDocument.id,
      sealId: seal.id,
      placement: { page: 1, x: 100, y: 100 },
      signerName: '李四',
    };
    const refusal = await signingRefusal(other.token, attempt);
    expect(refusal).toBe('FORBIDDEN');

    const ownersView = await historyEvents(owner.token, { sealId: seal.id });
    const othersView = await historyEvents(other.token, { sealId: seal.id });
    const adminsView = await historyEvents(admin, { sealId: seal.id });

    expect(ownersView.map((e) => [e.action, e.actor?.id])).toEqual([
      ['SIGNING_FAILED', other.id],
      ['SEAL_CREATED', owner.id],
    ]);
    expect(ownersView[0].seal).toEqual({ id: seal.id });
    expect(othersView.map((e) => e.action)).toEqual(['SIGNING_FAILED']);
    expect(othersView[0]).toMatchObject({ sealId: seal.id, seal: null });
    expect(othersView[0].payload).toEqual({
      code: refusal,
      sealId: seal.id,
      documentId: othersDocument.id,
    });
    expect(adminsView.map((e) => e.id)).toEqual(ownersView.map((e) => e.id));
    expect((await historyPage(other.token, { actorId: owner.id })).totalCount).toBe(0);
    const othersAll = await historyEvents(other.token);
    expect(othersAll.every((e) => e.actor?.id === other.id)).toBe(true);
  });

  it('pages through with opaque cursors until no page follows', async () => {
    const user = await newUser('history-pages');
    for (let n = 0; n < 5; n++) await uploadPdf(user.token, pdf, `page-${n}.pdf`);
    const filter = { actorId: user.id, action: 'DOCUMENT_UPLOADED' };
    const all = await historyEvents(user.token, filter);

    const pages = [await historyPage(user.token, filter, 2)];
    while (pages.at(-1)!.pageInfo.hasNextPage) {
      pages.push(await historyPage(user.token, filter, 2, pages.at(-1)!.pageInfo.endCursor!));
    }

    expect(pages.map((page) => page.edges.length)).toEqual([2, 2, 1]);
    expect(pages.every((page) => page.totalCount === 5)).toBe(true);
    expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.id))).toEqual(
      all.map((event) => event.id),
    );
    expect(all.map((event) => event.payload.fileName)).toEqual(
      [4, 3, 2, 1, 0].map((n) => `page-${n}.pdf`),
    );
    expect(pages[2].pageInfo.endCursor).toBe(pages[2].edges[0].cursor);
    expect(pages[0].pageInfo.endCursor).not.toContain(String(all[1].sequence));
  });

  it('filters by document, action and time', async () => {
    const user = await newUser('history-filter');
    const documents = [];
    for (let n = 0; n < 3; n++) documents.push(await uploadPdf(user.token, pdf, `${n}.pdf`));
    const uploads = await historyEvents(user.token, { action: 'DOCUMENT_UPLOADED' });

    const ofDocument = await historyEvents(user.token, { documentId: documents[1].id });
    const between = await historyEvents(user.token, { from: uploads[2].at, to: uploads[1].at });
    const after = await historyEvents(user.token, { from: uploads[0].at });

    expect(uploads).toHaveLength(3);
    expect(ofDocument.map((e) => e.id)).toEqual([uploads[1].id]);
    expect(between.map((e) => e.id)).toEqual([uploads[1].id, uploads[2].id]);
    expect(after.map((e) => e.id)).toEqual([uploads[0].id]);
  });

  it('refuses malformed pages, cursors and filters', async () => {
    const user = await newUser('history-input');
    const refusal = (variables: Record<string, unknown>) =>
      errorCode(HISTORY, variables, user.token);

    expect(await refusal({ first: 0 })).toBe('BAD_USER_INPUT');
    expect(await refusal({ first: 101 })).toBe('BAD_USER_INPUT');
    expect(await refusal({ after: 'bm90IGEgY3Vyc29y' })).toBe('BAD_USER_INPUT');
    expect(await refusal({ filter: { sealId: 'not-a-uuid' } })).toBe('BAD_USER_INPUT');
    expect(
      await refusal({ filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }),
    ).toBe('BAD_USER_INPUT');
    expect(await errorCode(HISTORY, {})).toBe('UNAUTHENTICATED');
  });

  it('lets only administrators verify the chain, which holds', async () => {
    const user = await newUser('history-verify');

    expect(await errorCode(`{ verifyHistory { ok } }`, {}, user.token)).toBe('FORBIDDEN');
    const verification = await verifyHistory(admin);
    expect(verification).toMatchObject({ ok: true, firstBrokenEvent: null });
    expect(verification.checkedCount).toBeGreaterThan(0);
    expect(verification.lastSequence).toBe(verification.checkedCount);
  });

  it('keeps one unbroken chain when 30 mutations record at once', async () => {
    const users = await Promise.all([1, 2, 3].map(() => newUser('history-parallel')));

    const uploads = await Promise.all(
      Array.from({ length: 30 }, (_, n) => uploadPdf(users[n % 3].token, pdf, `${n}.pdf`)),
    );

    const events = (
      await Promise.all(
        users.map((user) =>
          historyEvents(admin, { actorId: user.id, action: 'DOCUMENT_UPLOADED' }),
        ),
      )
    ).flat();
    expect(new Set(events.map((e) => e.documentId))).toEqual(new Set(uploads.map((d) => d.id)));
    expect(new Set(events.map((e) => e.sequence)).size).toBe(30);
    expect(await verifyHistory(admin)).toMatchObject({ ok: true, firstBrokenEvent: null });
  });
});

describe('exportHistory', () => {
  it('writes the events a user may see as JSON, each row enough to check its hash', async () => {
    const user = await newUser('history-export');
    const other = await newUser('history-export-other');
    await uploadPdf(user.token, pdf);
    const visible = await historyEvents(user.token);

    const exported = await exportHistory(user.token, 'JSON');
    const rows = JSON.parse(
      (await downloadBytes(exported.url, user.token)).toString('utf8'),
    ) as Record<string, unknown>[];

    expect(exported.fileName).toMatch(/^history-\d{8}-\d{6}\.json$/);
    expect(exported.rowCount).toBe(3);
    expect(rows.map((row) => row.id)).toEqual(visible.map((event) => event.id));
    expect(Object.keys(rows[0])).toEqual(EXPORT_COLUMNS);
    for (const { hash, ...fields } of rows) {
      const stored = { ...fields, payload: JSON.parse(fields.payload as string) as unknown };
      expect(hash).toBe(expectedHash(stored as Parameters<typeof expectedHash>[0]));
    }
    expect((await download(exported.url, other.token)).status).toBe(404);
    const [recorded] = await historyEvents(user.token, { action: 'EXPORT_CREATED' });
    expect(recorded.payload).toEqual({
      exportId: expect.any(String) as string,
      format: 'JSON',
      rowCount: 3,
      fileName: exported.fileName,
    });
  });

  it('writes CSV for Excel, and gives an administrator the events of anyone', async () => {
    const user = await newUser('history-export-csv');
    const document = await uploadPdf(user.token, pdf);

    const exported = await exportHistory(admin, 'CSV', { documentId: document.id });
    const text = (await downloadBytes(exported.url, admin)).toString('utf8');
    const lines = text.split('\r\n');

    expect(text.startsWith('\ufeff')).toBe(true);
    expect(lines[0].replace('\ufeff', '')).toBe(EXPORT_COLUMNS.join(','));
    expect(exported.rowCount).toBe(1);
    expect(lines[1]).toContain('DOCUMENT_UPLOADED');
    expect(lines[1]).toContain(user.id);
    expect(await errorCode(EXPORT_HISTORY, { input: { format: 'CSV' } })).toBe('UNAUTHENTICATED');
  });
});

async function exportHistory(token: string, format: string, filter?: Record<string, unknown>) {
  const data = await ok<{ exportHistory: { url: string; fileName: string; rowCount: number } }>(
    EXPORT_HISTORY,
    { input: { format, filter } },
    token,
  );

  return data.exportHistory;
}

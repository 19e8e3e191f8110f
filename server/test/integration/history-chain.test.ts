import { randomBytes } from 'node:crypto';
import { adminToken, baseUrl, newUser, uploadPdf } from '../support/api';
import { sql } from '../support/database';
import { expectedHash, historyEvents, storedFields, verifyHistory } from '../support/history';
import { samplePdf } from '../support/sample-pdf';
import { spawnTestServer, useChildServer, type ChildServer } from '../support/spawn-test-server';

const UPLOAD = `mutation ($input: UploadDocumentInput!) { uploadDocument(input: $input) { id } }`;

/** The migration's trigger; the run's database user owns the table, so it may switch it off. */
const TRIGGER = 'history_event_append_only';

/** The raw row of an event, as someone with database access would see and change it. */
interface EventRow extends Record<string, unknown> {
  id: string;
  sequence: string;
  payload: Record<string, unknown>;
  hash: string;
}

// Its own database: these tests break the chain on purpose.
const masterKey = randomBytes(32).toString('hex');
useChildServer(() => ({ MASTER_KEY: masterKey }));

let admin: string;
let pdf: Buffer;

beforeAll(async () => {
  admin = await adminToken();
  pdf = await samplePdf(1);
});

describe('two server processes on one database', () => {
  let second: ChildServer | undefined;

  beforeAll(async () => {
    second = await spawnTestServer({
      MASTER_KEY: masterKey,
      DATABASE_URL: process.env.ESEAL_TEST_DATABASE_URL!,
    });
  }, 120_000);

  afterAll(() => second?.stop());

  it('append to one unbroken chain when 30 mutations record at once', async () => {
    const users = await Promise.all([1, 2, 3].map(() => newUser('chain')));
    const servers = [baseUrl(), second!.url];

    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        upload(servers[n % 2], users[n % 3].token, pdf.toString('base64')),
      ),
    );

    const events = await historyEvents(admin, { action: 'DOCUMENT_UPLOADED' });
    expect(new Set(events.map((e) => e.documentId))).toEqual(new Set(ids));
    const verification = await verifyHistory(admin);
    expect(verification).toMatchObject({ ok: true, firstBrokenEvent: null });
    const [{ count }] = await sql<{ count: number }>(
      'select count(*)::int as count from history_event',
    );
    expect(verification.checkedCount).toBe(count);
    expect(verification.lastSequence).toBe(count);
  });
});

describe('the append-only history', () => {
  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const [event] = await rows();

    await expect(
      sql(`update history_event set payload = '{}' where id = $1`, [event.id]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql(`delete from history_event where id = $1`, [event.id])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(sql(`truncate history_event`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await rows())[0]).toEqual(event);
  });

  it('names an event whose payload was edited behind the application', async () => {
    const user = await newUser('tamper');
    await uploadPdf(user.token, pdf, 'original.pdf');
    const event = await uploadRow(user.id);

    await behindTheApplication(`update history_event set payload = $2 where id = $1`, [
      event.id,
      { ...event.payload, fileName: 'forged.pdf' },
    ]);
    const broken = await verifyHistory(admin);
    await behindTheApplication(`update history_event set payload = $2 where id = $1`, [
      event.id,
      event.payload,
    ]);

    expect(broken.ok).toBe(false);
    expect(broken.firstBrokenEvent).toEqual({
      id: event.id,
      sequence: Number(event.sequence),
      reason: 'CONTENT_CHANGED',
    });
    expect(await verifyHistory(admin)).toMatchObject({ ok: true });
  });

  it('names the event after one that was edited and hashed again', async () => {
    const user = await newUser('rehash');
    await uploadPdf(user.token, pdf, 'original.pdf');
    const event = await uploadRow(user.id);
    await uploadPdf(user.token, pdf, 'next.pdf');
    const [next] = await rows(`where sequence > $1 order by sequence limit 1`, [event.sequence]);
    const forged = { ...event.payload, fileName: 'forged.pdf' };
    const [view] = await historyEvents(admin, { documentId: await documentOf(event.id) });

    await behindTheApplication(`update history_event set payload = $2, hash = $3 where id = $1`, [
      event.id,
      forged,
      expectedHash({ ...storedFields(view), payload: forged }),
    ]);
    const broken = await verifyHistory(admin);
    await behindTheApplication(`update history_event set payload = $2, hash = $3 where id = $1`, [
      event.id,
      event.payload,
      event.hash,
    ]);

    expect(broken.firstBrokenEvent).toEqual({
      id: next.id,
      sequence: Number(next.sequence),
      reason: 'LINK_BROKEN',
    });
    expect(await verifyHistory(admin)).toMatchObject({ ok: true });
  });

  it('catches an event deleted from the middle of the chain', async () => {
    const user = await newUser('delete');
    await uploadPdf(user.token, pdf, 'deleted.pdf');
    const event = await uploadRow(user.id);
    await uploadPdf(user.token, pdf, 'after.pdf');
    const before = await verifyHistory(admin);

    await behindTheApplication(`delete from history_event where id = $1`, [event.id]);
    const broken = await verifyHistory(admin);

    expect(broken.ok).toBe(false);
    expect(broken.firstBrokenEvent).toMatchObject({
      sequence: Number(event.sequence) + 1,
      reason: 'MISSING_EVENTS',
    });
    expect(broken.checkedCount).toBe(before.checkedCount - 1);
  });
});

/** Runs a statement with the append-only trigger switched off, as a database owner could. */
async function behindTheApplication(statement: string, values: unknown[]): Promise<void> {
  await sql(`alter table history_event disable trigger ${TRIGGER}`);
  try {
    await sql(statement, values);
  } finally {
    await sql(`alter table history_event enable trigger ${TRIGGER}`);
  }
}

function rows(where = 'order by sequence limit 1', values: unknown[] = []) {
  return sql<EventRow>(`select id, sequence, payload, hash from history_event ${where}`, values);
}

async function uploadRow(userId: string): Promise<EventRow> {
  const [row] = await rows(
    `where actor_id = $1 and action = 'DOCUMENT_UPLOADED' order by sequence desc limit 1`,
    [userId],
  );

  return row;
}

async function documentOf(eventId: string): Promise<string> {
  const [row] = await sql<{ document_id: string }>(
    'select document_id from history_event where id = $1',
    [eventId],
  );

  return row.document_id;
}

/** An upload through the given server process; the document's id. */
async function upload(server: string, token: string, contentBase64: string): Promise<string> {
  const response = await fetch(`${server}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: UPLOAD, variables: { input: { contentBase64 } } }),
  });
  const result = (await response.json()) as { data?: { uploadDocument: { id: string } } };
  if (!result.data) throw new Error(`upload through ${server}: ${JSON.stringify(result)}`);

  return result.data.uploadDocument.id;
}

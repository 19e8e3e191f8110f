import { randomBytes } from 'node:crypto';
import { baseUrl, createSeal, newUser, ok, signingRefusal } from '../support/api';
import { sql } from '../support/database';
import { SealEventLog, type SealEventView } from '../support/seal-events';
import {
  ageGrant,
  company,
  daysFromNow,
  grant,
  newDocument,
  revoke,
  trySignWith,
} from '../support/seal-permissions';
import { spawnTestServer, useChildServer, type ChildServer } from '../support/spawn-test-server';

const RENEW = `mutation ($input: RenewSealInput!) { renewSeal(input: $input) { id } }`;
const DELETE = `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { id } }`;

/** Renews the seal through the server at `url`: a harmless action that publishes SEAL_RENEWED. */
async function renew(token: string, sealId: string, url = baseUrl()): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: RENEW, variables: { input: { id: sealId, validDays: 365 } } }),
  });
  const result = (await response.json()) as { errors?: unknown };
  if (result.errors) throw new Error(`renewSeal: ${JSON.stringify(result.errors)}`);
}

/** What an event says, in the terms these tests compare. */
const summary = (event: SealEventView) => ({
  type: event.type,
  permission: event.permission?.id ?? null,
  actor: event.actor?.id ?? null,
});

/** Runs `action`, then waits for the log to have heard `count` events in all. */
async function step(log: SealEventLog, count: number, action: () => Promise<unknown>) {
  await action();
  await log.until((events) => events.length >= count);
}

describe('sealEvents', () => {
  it('tells those who may see a seal about its grants, signings, lock and deletion', async () => {
    const { admin, keeper, member, other, seal } = await company();
    const stranger = await newUser('stranger');
    const adminLog = SealEventLog.open(admin.token, seal.id);
    const memberLog = SealEventLog.open(member.token, seal.id);
    const strangerLog = SealEventLog.open(stranger.token, seal.id);
    try {
      expect(await strangerLog.end()).toBe('FORBIDDEN');
      await SealEventLog.whenListening([adminLog, memberLog], () => renew(keeper.token, seal.id));

      let permissionId = '';
      await step(adminLog, 1, async () => {
        permissionId = (await grant(admin.token, { sealId: seal.id, userId: other.id })).id;
      });
      await step(adminLog, 2, async () => {
        expect((await trySignWith(other.token, seal.id)).errors).toBeUndefined();
      });
      await step(adminLog, 3, () => revoke(admin.token, permissionId));
      await step(adminLog, 4, async () => {
        const wrong = {
          documentId: await newDocument(keeper.token),
          sealId: seal.id,
          signerName: '王五',
          pin: '000000',
          placement: { page: 1, x: 200, y: 200 },
        };
        for (let attempt = 1; attempt <= 5; attempt++) await signingRefusal(keeper.token, wrong);
      });
      await step(adminLog, 5, () =>
        ok(DELETE, { input: { id: seal.id, confirmName: '合同专用章' } }, admin.token),
      );
      await memberLog.until((events) => events.length >= 5);

      expect(adminLog.events.map(summary)).toEqual([
        { type: 'PERMISSION_GRANTED', permission: permissionId, actor: admin.id },
        { type: 'SEAL_USED', permission: permissionId, actor: other.id },
        { type: 'PERMISSION_REVOKED', permission: permissionId, actor: admin.id },
        { type: 'SEAL_LOCKED', permission: null, actor: keeper.id },
        { type: 'SEAL_REVOKED', permission: null, actor: admin.id },
      ]);
      expect(adminLog.events.map((event) => event.seal)).toEqual(
        ['ACTIVE', 'ACTIVE', 'ACTIVE', 'LOCKED', 'REVOKED'].map((status, n) => ({
          id: seal.id,
          status,
          usageCount: n === 0 ? 0 : 1,
        })),
      );
      // A member sees the seal, but not the grants of others.
      expect(memberLog.events.map(summary)).toEqual(
        adminLog.events.map((event) => ({ ...summary(event), permission: null })),
      );
    } finally {
      await Promise.all([adminLog, memberLog, strangerLog].map((log) => log.close()));
    }
  });

  it("tells a personal seal's grantee while the grant stands, and ends once it is revoked", async () => {
    const owner = await newUser('owner');
    const assistant = await newUser('assistant');
    const seal = await createSeal(owner.token, { type: 'PERSONAL', name: '张三' });
    const permission = await grant(owner.token, { sealId: seal.id, userId: assistant.id });
    const ownerLog = SealEventLog.open(owner.token, seal.id);
    const assistantLog = SealEventLog.open(assistant.token, seal.id);
    try {
      await SealEventLog.whenListening([ownerLog, assistantLog], () => renew(owner.token, seal.id));

      await step(assistantLog, 1, () => trySignWith(assistant.token, seal.id));
      expect(assistantLog.events.map(summary)).toEqual([
        { type: 'SEAL_USED', permission: permission.id, actor: assistant.id },
      ]);
      await step(ownerLog, 2, () => revoke(owner.token, permission.id));

      expect(ownerLog.types()).toEqual(['SEAL_USED', 'PERMISSION_REVOKED']);
      expect(await assistantLog.end()).toBeNull();
      expect(assistantLog.types()).toEqual(['SEAL_USED']);
    } finally {
      await Promise.all([ownerLog, assistantLog].map((log) => log.close()));
    }
  });
});

describe('sealEvents as time passes', () => {
  useChildServer(() => ({ SEAL_EVENTS_INTERVAL_SECONDS: '1' }));

  it("announces a grant's start and its end once each", async () => {
    const { admin, keeper, other, seal } = await company();
    const later = { validFrom: daysFromNow(1), validTo: daysFromNow(2) };
    const first = await grant(admin.token, { sealId: seal.id, userId: other.id, ...later });
    const second = await grant(admin.token, { sealId: seal.id, userId: other.id, ...later });
    const log = SealEventLog.open(admin.token, seal.id);
    try {
      await SealEventLog.whenListening([log], () => renew(keeper.token, seal.id));
      const ago = (ms: number) => new Date(Date.now() - ms);

      await step(log, 1, () => ageGrant(first.id, { validFrom: ago(1000) }));
      await step(log, 2, () => ageGrant(first.id, { validTo: ago(500) }));
      // A later moment, announced only after every tick since has passed over the first grant.
      await step(log, 3, () => ageGrant(second.id, { validFrom: ago(1000) }));

      expect(log.events.map((event) => [event.type, event.permission])).toEqual([
        ['PERMISSION_STARTED', { id: first.id, status: 'ACTIVE' }],
        ['PERMISSION_LAPSED', { id: first.id, status: 'EXPIRED' }],
        ['PERMISSION_STARTED', { id: second.id, status: 'ACTIVE' }],
      ]);
      expect(log.events.map((event) => event.actor)).toEqual([null, null, null]);
    } finally {
      await log.close();
    }
  });

  it("announces a seal's expiry warning and its expiry once each, and anew after renewal", async () => {
    const { admin, keeper, seal } = await company();
    const log = SealEventLog.open(admin.token, seal.id);
    const endIn = (interval: string) =>
      sql(`update seal set valid_to = now() + $2::interval where id = $1`, [seal.id, interval]);
    try {
      await SealEventLog.whenListening([log], () => renew(keeper.token, seal.id));

      await step(log, 1, () => endIn('5 days'));
      await step(log, 2, () => endIn('-1 second'));
      await step(log, 3, () => renew(keeper.token, seal.id));
      await step(log, 4, () => endIn('5 days'));

      expect(log.events.map((event) => [event.type, event.seal.status])).toEqual([
        ['SEAL_EXPIRING', 'EXPIRING'],
        ['SEAL_EXPIRED', 'EXPIRED'],
        ['SEAL_RENEWED', 'ACTIVE'],
        ['SEAL_EXPIRING', 'EXPIRING'],
      ]);
    } finally {
      await log.close();
    }
  });
});

describe('sealEvents with two servers on one database', () => {
  const masterKey = randomBytes(32).toString('hex');
  const saved = { url: process.env.ESEAL_TEST_URL, db: process.env.ESEAL_TEST_DATABASE_URL };
  let servers: ChildServer[] = [];

  beforeAll(async () => {
    const env = { SEAL_EVENTS_INTERVAL_SECONDS: '1', MASTER_KEY: masterKey };
    const first = await spawnTestServer(env);
    // Started once the first has migrated the database and made the CA, so they share both.
    const second = await spawnTestServer({ ...env, DATABASE_URL: first.databaseUrl });
    servers = [first, second];
    process.env.ESEAL_TEST_URL = first.url;
    process.env.ESEAL_TEST_DATABASE_URL = first.databaseUrl;
  }, 180_000);

  afterAll(async () => {
    process.env.ESEAL_TEST_URL = saved.url;
    process.env.ESEAL_TEST_DATABASE_URL = saved.db;
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('announces each start once, whichever server claims it', async () => {
    const { admin, keeper, other, seal } = await company();
    const later = { validFrom: daysFromNow(1), validTo: daysFromNow(2) };
    const grants = [];
    for (let n = 0; n < 8; n++) {
      grants.push(await grant(admin.token, { sealId: seal.id, userId: other.id, ...later }));
    }
    const [batch, sentinels] = [grants.slice(0, 6), grants.slice(6)];
    const logs = servers.map((server) => SealEventLog.open(admin.token, seal.id, server.url));
    const started = () =>
      logs.flatMap((log) => log.events.filter((event) => event.type === 'PERMISSION_STARTED'));
    const heard = (ids: string[]) =>
      SealEventLog.until(logs, () => {
        const names = new Set(started().map((event) => event.permission!.id));

        return ids.every((id) => names.has(id));
      });
    try {
      await SealEventLog.whenListening(logs, () =>
        Promise.all(servers.map((server) => renew(keeper.token, seal.id, server.url))),
      );
      const start = (ids: string[]) =>
        sql(
          `update seal_permission set valid_from = now() - interval '1 second' where id = any($1)`,
          [ids],
        );

      await start(batch.map((permission) => permission.id));
      await heard(batch.map((permission) => permission.id));
      // Each later moment is claimed on a later tick: by then both servers have looked again.
      for (const sentinel of sentinels) {
        await start([sentinel.id]);
        await heard([sentinel.id]);
      }

      const everyId = grants.map((permission) => permission.id).sort();
      const idsIn = (events: SealEventView[]) => events.map((event) => event.permission!.id).sort();
      if (process.env.TEST_REDIS_URL) {
        // Through Redis, each subscriber hears what either server announced, each in its time.
        const startedIn = (log: SealEventLog) =>
          new Set(idsIn(log.events.filter((event) => event.type === 'PERMISSION_STARTED')));
        await SealEventLog.until(logs, () =>
          logs.every((log) => everyId.every((id) => startedIn(log).has(id))),
        );
        for (const log of logs) {
          expect(idsIn(log.events.filter((event) => event.type === 'PERMISSION_STARTED'))).toEqual(
            everyId,
          );
        }
      } else {
        expect(idsIn(started())).toEqual(everyId);
      }
    } finally {
      await Promise.all(logs.map((log) => log.close()));
    }
  });
});

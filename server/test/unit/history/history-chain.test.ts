import { createHash } from 'node:crypto';
import {
  canonicalJson,
  eventHash,
  storedJson,
  storedText,
} from '../../../src/history/history-chain';

const event = {
  id: '0a4f5a52-8c8e-4a8e-9a4f-6f0c7e1d2b3a',
  sequence: 7,
  action: 'SEAL_LOCKED',
  actorId: null,
  sealId: '5d1f3c1e-2b5e-4f0a-8a61-1e2f3a4b5c6d',
  documentId: null,
  payload: { lockedUntil: '2026-12-04T10:00:00.000Z', attempts: 5 },
  ip: '127.0.0.1',
  userAgent: 'curl/8',
  requestId: 'r-1',
  at: new Date('2026-12-04T09:45:00.123Z'),
  previousHash: 'ab'.repeat(32),
};

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: null }], a: '印' })).toBe(
      '{"a":"印","b":[3,{"c":null,"d":1}]}',
    );
  });

  it('orders keys by UTF-16 code units, as the RFC asks', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '1': 4 })).toBe('{"1":4,"Z":3,"z":2,"é":1}');
  });

  it('writes numbers and escapes strings as ECMAScript does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'a"\\\n\u0001'])).toBe(
      '[1e+21,0.1,0,"a\\"\\\\\\n\\u0001"]',
    );
  });
});

describe('the event hash', () => {
  it('is SHA-256 of the canonical event, the time in ISO 8601', () => {
    const canonical =
      `{"action":"SEAL_LOCKED","actorId":null,"at":"2026-12-04T09:45:00.123Z","documentId":null,` +
      `"id":"${event.id}","ip":"127.0.0.1","payload":{"attempts":5,"lockedUntil":"2026-12-04T10:00:00.000Z"},` +
      `"previousHash":"${event.previousHash}","requestId":"r-1","sealId":"${event.sealId}",` +
      `"sequence":7,"userAgent":"curl/8"}`;

    expect(eventHash(event)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('changes with every stored field, and with nothing else', () => {
    const hash = eventHash(event);
    const changed = [
      { sequence: 8 },
      { actorId: event.sealId },
      { payload: { ...event.payload, attempts: 6 } },
      { userAgent: null },
      { at: new Date(event.at.getTime() + 1) },
      { previousHash: null },
    ].map((change) => eventHash({ ...event, ...change }));

    expect(new Set([hash, ...changed]).size).toBe(changed.length + 1);
    expect(eventHash({ ...event, hash: 'ignored' } as typeof event)).toBe(hash);
  });
});

describe('what is hashed is what is stored', () => {
  it('drops undefined payload members and writes dates as text, as jsonb gives them back', () => {
    expect(storedJson({ a: undefined, at: new Date(0), n: 1 })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      n: 1,
    });
  });

  it('cuts text to the column and replaces a surrogate the cut left alone', () => {
    expect(storedText('ab😀', 3)).toBe('ab\ufffd');
    expect(storedText(undefined, 3)).toBeNull();
  });
});

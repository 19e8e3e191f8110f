/** A `sealEvents` subscription over graphql-ws, recording what arrives for the test to read. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { baseUrl } from './api';

export interface SealEventView {
  type: string;
  at: string;
  seal: { id: string; status: string; usageCount: number };
  permission: { id: string; status: string } | null;
  actor: { id: string } | null;
}

const SEAL_EVENTS = `subscription ($sealId: ID!) {
  sealEvents(sealId: $sealId) {
    type at seal { id status usageCount } permission { id status } actor { id }
  }
}`;

/** How long to wait for a probe's event before probing again. */
const PROBE_PATIENCE_MS = 250;

export class SealEventLog {
  readonly events: SealEventView[] = [];
  /** Set when the subscription has ended: `null` when it completed, else the error code. */
  ended: string | null | undefined;
  private readonly waiting = new Set<() => void>();

  private constructor(private readonly client: Client) {}

  /** Subscribes to a seal's events as the token's user, on the given server (the run's one by default). */
  static open(token: string, sealId: string, url = baseUrl()): SealEventLog {
    const client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const log = new SealEventLog(client);
    client.subscribe<{ sealEvents: SealEventView }>(
      { query: SEAL_EVENTS, variables: { sealId } },
      {
        next: (result) => log.record(result),
        error: (error) => log.finish(codeOf(error)),
        complete: () => log.finish(null),
      },
    );

    return log;
  }

  /** Resolves once the events so far satisfy `ready` (or the subscription has ended). */
  async until(ready: (events: SealEventView[]) => boolean): Promise<void> {
    while (!ready(this.events) && this.ended === undefined) await this.nextChange();
  }

  /** Resolves once `ready` holds, looking again whenever any of the logs hears something. */
  static async until(logs: SealEventLog[], ready: () => boolean): Promise<void> {
    while (!ready() && logs.some((log) => log.ended === undefined)) {
      await Promise.race(logs.map((log) => log.nextChange()));
    }
  }

  /** Resolves once the subscription has ended; its error code, or null when it completed. */
  async end(): Promise<string | null> {
    while (this.ended === undefined) await this.nextChange();

    return this.ended;
  }

  /** The types of the events received so far. */
  types(): string[] {
    return this.events.map((event) => event.type);
  }

  /** Forgets the events received so far. */
  clear(): void {
    this.events.length = 0;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private nextChange(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.add(resolve);
      if (timeoutMs) setTimeout(resolve, timeoutMs);
    });
  }

  private changed(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  private record(result: { data?: { sealEvents: SealEventView } | null; errors?: unknown }) {
    if (result.data?.sealEvents) this.events.push(result.data.sealEvents);
    else this.ended = codeOf(result.errors);
    this.changed();
  }

  private finish(code: string | null) {
    this.ended ??= code;
    this.changed();
  }

  /**
   * Waits until the server has registered every log's subscription, which graphql-ws does not
   * acknowledge: repeats `probe` (an action that publishes a SEAL_RENEWED) until each log has
   * heard one. Then one more probe, heard by all, marks where the test's own events begin: what
   * came before it is forgotten (events reach a subscriber in the order they were published).
   */
  static async whenListening(logs: SealEventLog[], probe: () => Promise<unknown>): Promise<void> {
    const heardSince = (since: number) => (log: SealEventLog) =>
      log.events.some((event) => event.type === 'SEAL_RENEWED' && Date.parse(event.at) >= since);
    while (!logs.every(heardSince(0))) {
      await probe();
      const deaf = logs.filter((log) => !heardSince(0)(log));
      await Promise.all(deaf.map((log) => log.nextChange(PROBE_PATIENCE_MS)));
    }
    const mark = Date.now();
    await probe();
    await Promise.all(logs.map((log) => log.until(() => heardSince(mark)(log))));
    for (const log of logs) {
      const last = log.events.findLastIndex((event) => event.type === 'SEAL_RENEWED');
      log.events.splice(0, last + 1);
    }
  }
}

function codeOf(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  const first = list[0] as { extensions?: { code?: string }; message?: string } | undefined;

  return first?.extensions?.code ?? first?.message ?? 'UNKNOWN';
}

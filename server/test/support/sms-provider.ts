import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { codeIn } from './mailbox';

/** One text message as the provider received it. */
export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
}

/**
 * A stand-in SMS provider on 127.0.0.1: the webhook the server under test posts `{ to, text }`
 * to (SMS_WEBHOOK_URL). Keeps the messages per number for the tests to read.
 */
export class TestSmsProvider {
  private readonly received = new Map<string, ReceivedSms[]>();
  private readonly waiting = new Map<string, ((sms: ReceivedSms) => void)[]>();
  private refusals = 0;

  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (this.refusals > 0) {
        this.refusals -= 1;
        response.writeHead(503).end();
        return;
      }
      const { to, text } = JSON.parse(body) as { to: string; text: string };
      this.deliver({ to, text, authorization: request.headers.authorization });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  /** The webhook's URL, once started. */
  url = '';

  private constructor() {}

  static async start(): Promise<TestSmsProvider> {
    const provider = new TestSmsProvider();
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    const { port } = provider.server.address() as AddressInfo;
    provider.url = `http://127.0.0.1:${port}/sms`;

    return provider;
  }

  /** The next message to `to` not yet taken, waiting for it if none has come. */
  next(to: string): Promise<ReceivedSms> {
    const sms = this.received.get(to)?.shift();
    if (sms) return Promise.resolve(sms);

    return new Promise((resolve) => {
      this.waiting.set(to, [...(this.waiting.get(to) ?? []), resolve]);
    });
  }

  /** Answers the next message with HTTP 503, as a provider that is down. */
  refuseNext(): void {
    this.refusals += 1;
  }

  async nextCode(to: string): Promise<string> {
    return codeIn((await this.next(to)).text);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private deliver(sms: ReceivedSms): void {
    const waiter = this.waiting.get(sms.to)?.shift();
    if (waiter) return waiter(sms);
    this.received.set(sms.to, [...(this.received.get(sms.to) ?? []), sms]);
  }
}

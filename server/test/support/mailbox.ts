import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, per recipient, for tests that
 * read verification codes from their mail. No TLS and no login: the server under test is given
 * `smtp://127.0.0.1:<port>`.
 */
export class TestMailbox {
  private readonly received = new Map<string, ParsedMail[]>();
  private readonly waiting = new Map<string, ((mail: ParsedMail) => void)[]>();

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const recipients = session.envelope.rcptTo.map((to) => to.address.toLowerCase());
      simpleParser(stream).then(
        (mail) => {
          for (const to of recipients) this.deliver(to, mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  /** `smtp://127.0.0.1:<port>`, once started. */
  url = '';

  private constructor() {}

  static async start(): Promise<TestMailbox> {
    const mailbox = new TestMailbox();
    await new Promise<void>((resolve) => mailbox.server.listen(0, '127.0.0.1', resolve));
    const { port } = mailbox.server.server.address() as AddressInfo;
    mailbox.url = `smtp://127.0.0.1:${port}`;

    return mailbox;
  }

  /** The next mail to `to` not yet taken, waiting for it if none has come. */
  next(to: string): Promise<ParsedMail> {
    const address = to.toLowerCase();
    const mail = this.received.get(address)?.shift();
    if (mail) return Promise.resolve(mail);

    return new Promise((resolve) => {
      this.waiting.set(address, [...(this.waiting.get(address) ?? []), resolve]);
    });
  }

  /** The six-digit code of the next mail to `to`. */
  async nextCode(to: string): Promise<string> {
    return codeIn((await this.next(to)).text ?? '');
  }

  /** How many mails to `to` came and were not taken yet. */
  pending(to: string): number {
    return this.received.get(to.toLowerCase())?.length ?? 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private deliver(to: string, mail: ParsedMail): void {
    const waiter = this.waiting.get(to)?.shift();
    if (waiter) return waiter(mail);
    this.received.set(to, [...(this.received.get(to) ?? []), mail]);
  }
}

/** The code a message carries: its only run of exactly six digits. */
export function codeIn(text: string): string {
  const code = /(?<!\d)\d{6}(?!\d)/.exec(text)?.[0];
  if (!code) throw new Error(`no six-digit code in: ${text}`);

  return code;
}

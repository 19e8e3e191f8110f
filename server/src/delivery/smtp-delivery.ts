import { createTransport, type Transporter } from 'nodemailer';
import type { MessageDelivery, OutgoingMessage } from './message-delivery';

/** E-mail through an SMTP server (SMTP_URL, e.g. smtps://user:pass@smtp.example.org). */
export class SmtpDelivery implements MessageDelivery {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Bounded waits: a code request holds a transaction while its mail is handed over. Without
    // pooling, each mail has a connection of its own and nothing stays open between them.
    this.transport = createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}

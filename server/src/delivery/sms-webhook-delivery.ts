import type { MessageDelivery, OutgoingMessage } from './message-delivery';

/**
 * Text messages through an HTTP endpoint (SMS_WEBHOOK_URL) that receives `POST {"to","text"}` as
 * JSON, with `Authorization: Bearer SMS_WEBHOOK_TOKEN` when one is set: a small adapter in front
 * of any SMS provider. Any 2xx answer counts as accepted.
 */
export class SmsWebhookDelivery implements MessageDelivery {
  readonly name = 'sms-webhook';

  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`SMS webhook answered HTTP ${response.status}`);
  }
}

import type { DeliveryConfig } from '../common/config';
import type { Logger } from '../common/logger';
import { LogDelivery } from './log-delivery';
import type { MessageDelivery } from './message-delivery';
import { SmsWebhookDelivery } from './sms-webhook-delivery';
import { SmtpDelivery } from './smtp-delivery';

/** The delivery for each channel; a channel without one cannot be used. */
export interface Deliveries {
  email: MessageDelivery | undefined;
  sms: MessageDelivery | undefined;
}

/**
 * SMTP for e-mail and the webhook for SMS, as configured. With neither, both channels go to the
 * log, and the server says so: an installation with real delivery for one channel never logs
 * codes for the other.
 */
export function createDeliveries(config: DeliveryConfig, logger: Logger): Deliveries {
  if (!config.smtp && !config.smsWebhook) {
    logger.warn(
      'no SMTP_URL or SMS_WEBHOOK_URL: verification codes are written to this log, not sent (for local use only)',
    );

    return { email: new LogDelivery(logger, 'EMAIL'), sms: new LogDelivery(logger, 'SMS') };
  }
  const { smtp, smsWebhook } = config;

  return {
    email: smtp && new SmtpDelivery(smtp.url, smtp.from),
    sms: smsWebhook && new SmsWebhookDelivery(smsWebhook.url, smsWebhook.token),
  };
}

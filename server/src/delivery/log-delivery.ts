import type { Logger } from '../common/logger';
import type { MessageDelivery, OutgoingMessage } from './message-delivery';

/**
 * Writes messages to the server's log instead of sending them: for trying the platform on one
 * machine, where the person reading the log is the person registering. The server warns at
 * start when it is in use.
 */
export class LogDelivery implements MessageDelivery {
  readonly name = 'log';

  constructor(
    private readonly logger: Logger,
    private readonly channel: string,
  ) {}

  send(message: OutgoingMessage): Promise<void> {
    this.logger.warn({ channel: this.channel, to: message.to }, message.text);

    return Promise.resolve();
  }
}

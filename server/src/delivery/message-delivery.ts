/** A short message to one person: a verification code, for now. */
export interface OutgoingMessage {
  /** An e-mail address or a phone number, as the delivery's channel expects. */
  to: string;
  /** Used by e-mail; text messages carry only the text. */
  subject: string;
  text: string;
}

/**
 * One way of reaching people (SMTP, an SMS provider, the log). Verification codes go through
 * this interface only, so another provider is one more implementation.
 */
export interface MessageDelivery {
  /** Names the delivery in logs, e.g. "smtp". */
  readonly name: string;
  /** Resolves once the provider accepted the message; rejects when it did not. */
  send(message: OutgoingMessage): Promise<void>;
}

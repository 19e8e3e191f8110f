import { badInput } from '../common/errors';
import { normalizeEmail, normalizePhone } from '../user/contact';
import { VerificationChannel } from './verification-channel.enum';
import type { VerificationPurpose } from './verification-purpose.enum';

/** Which code a request is about: where it went and what for. */
export interface CodeTarget {
  channel: VerificationChannel;
  /** Normalized, as the account stores it. */
  target: string;
  purpose: VerificationPurpose;
}

const CODE = /^\d{6}$/;

/** An address in the form accounts store it, checked against its channel. */
export function normalizeTarget(channel: VerificationChannel, field: string, raw: string): string {
  return channel === VerificationChannel.EMAIL
    ? normalizeEmail(field, raw)
    : normalizePhone(field, raw);
}

/** The account condition that finds who owns an address. */
export function contactWhere(channel: VerificationChannel, target: string) {
  return channel === VerificationChannel.EMAIL ? { email: target } : { phone: target };
}

/** Refuses what cannot be a code before it is counted as a wrong guess. */
export function checkCodeFormat(field: string, code: string): void {
  if (!CODE.test(code)) throw badInput(field, `expected 6 digits, got ${code.length} characters`);
}

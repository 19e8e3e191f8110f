import { badInput } from '../common/errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(\+[1-9]\d{6,14}|1\d{10})$/;

/** An e-mail address as stored and compared: trimmed, lower case. */
export function normalizeEmail(field: string, raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    throw badInput(field, `expected an e-mail address, got "${email.slice(0, 64)}"`);
  }

  return email;
}

/** A phone number as stored and compared: without spaces or dashes. */
export function normalizePhone(field: string, raw: string): string {
  const phone = raw.replace(/[\s-]/g, '');
  if (!PHONE.test(phone)) {
    throw badInput(field, `expected 11 digits or +country number, got "${phone.slice(0, 32)}"`);
  }

  return phone;
}

/** The form a login name would take if it were a phone number, for looking it up. */
export function phoneForm(login: string): string {
  return login.replace(/[\s-]/g, '');
}

/** Enough of an address to recognise it in the history, not enough to learn it: z***@example.com. */
export function maskContact(target: string): string {
  const at = target.indexOf('@');
  if (at > 0) return `${target[0]}***${target.slice(at)}`;

  return `${target.slice(0, 3)}****${target.slice(-4)}`;
}

import { registerEnumType } from 'type-graphql';

/** Where a seal stands in its life; derived from dates, lock and revocation, never stored stale. */
export enum SealStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  LOCKED = 'LOCKED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(SealStatus, {
  name: 'SealStatus',
  description: 'Whether a seal can sign now.',
  valuesConfig: {
    ACTIVE: { description: 'Within its validity; can sign.' },
    EXPIRING: {
      description: 'Can sign, but its validity ends within the warning window: renew it soon.',
    },
    LOCKED: { description: 'Too many wrong PINs: cannot sign until lockedUntil.' },
    EXPIRED: { description: 'Its certificate validity has ended (or not begun); cannot sign.' },
    REVOKED: { description: 'Revoked or deleted; can never sign again.' },
  },
});

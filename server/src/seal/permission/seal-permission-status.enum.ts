import { registerEnumType } from 'type-graphql';

/** Where a grant stands; derived from its period, uses and revocation, never stored. */
export enum SealPermissionStatus {
  ACTIVE = 'ACTIVE',
  PENDING = 'PENDING',
  EXHAUSTED = 'EXHAUSTED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(SealPermissionStatus, {
  name: 'SealPermissionStatus',
  description: 'Whether a grant lets its holder sign now.',
  valuesConfig: {
    ACTIVE: { description: 'Within its period with uses left: its holder may sign.' },
    PENDING: { description: 'Its period has not begun yet.' },
    EXHAUSTED: { description: 'Within its period, but every use it allowed has been made.' },
    EXPIRED: { description: 'Its period has ended.' },
    REVOKED: { description: 'Withdrawn before its end; never lets its holder sign again.' },
  },
});

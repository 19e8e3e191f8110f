import { registerEnumType } from 'type-graphql';

/** Where a seal stands in its life; derived from its dates and revocation, never stored stale. */
export enum SealStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(SealStatus, {
  name: 'SealStatus',
  description: 'Whether a seal can sign now.',
  valuesConfig: {
    ACTIVE: { description: 'Within its validity; can sign.' },
    EXPIRED: { description: 'Its certificate validity has ended (or not begun); cannot sign.' },
    REVOKED: { description: 'Revoked or deleted; can never sign again.' },
  },
});

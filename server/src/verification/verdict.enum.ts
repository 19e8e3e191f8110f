import { registerEnumType } from 'type-graphql';

/** The outcome of a validation (ETSI EN 319 102-1 5.1.3). */
export enum Verdict {
  VALID = 'VALID',
  INVALID = 'INVALID',
  INDETERMINATE = 'INDETERMINATE',
}

registerEnumType(Verdict, {
  name: 'Verdict',
  description: 'The outcome of verifying a signature or a whole document (ETSI EN 319 102-1).',
  valuesConfig: {
    VALID: { description: 'Intact, trusted, not revoked, and no forbidden change since.' },
    INVALID: {
      description: 'Broken, forged, revoked before signing, or changed in a forbidden way.',
    },
    INDETERMINATE: {
      description:
        'Intact, but trust or revocation could not be established (or nothing is signed).',
    },
  },
});

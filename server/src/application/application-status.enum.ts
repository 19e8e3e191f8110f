import { registerEnumType } from 'type-graphql';

/** Where an application stands; only a PENDING one can still change. */
export enum ApplicationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where an application stands.',
  valuesConfig: {
    PENDING: { description: 'Submitted, waiting for review; the applicant may withdraw it.' },
    APPROVED: { description: 'Approved, and what it asked for was done in the same step.' },
    REJECTED: { description: 'Rejected by a reviewer, with a note saying why.' },
    WITHDRAWN: { description: 'Withdrawn by the applicant before review.' },
  },
});

import { registerEnumType } from 'type-graphql';

/** A reviewer's answer to an application. */
export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: "A reviewer's answer to an application.",
  valuesConfig: {
    APPROVE: { description: 'Carry the application out now; it becomes APPROVED.' },
    REJECT: { description: 'Refuse it, saying why in the note; it becomes REJECTED.' },
  },
});

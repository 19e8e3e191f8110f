import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Application } from './application.entity';

export enum ApplicationEventType {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ApplicationEventType, {
  name: 'ApplicationEventType',
  description: 'What happened to an application.',
  valuesConfig: {
    SUBMITTED: { description: 'It was submitted (told to platform administrators).' },
    APPROVED: { description: 'It was approved and carried out (told to its applicant).' },
    REJECTED: { description: 'It was rejected (told to its applicant).' },
    WITHDRAWN: { description: 'Its applicant withdrew it (told to platform administrators).' },
  },
});

/** What travels through pub/sub: ids only, the application read afresh for each subscriber. */
export interface ApplicationEventPayload {
  type: ApplicationEventType;
  applicationId: string;
  applicantId: string;
  at: string;
}

@ObjectType({ description: 'A live event about an application, sent once it is committed.' })
export class ApplicationEvent {
  @Field(() => ApplicationEventType, { description: 'What happened.' })
  type!: ApplicationEventType;

  @Field(() => Application, { description: 'The application as it is now.' })
  application!: Application;

  @Field({ description: 'When it happened.' })
  at!: Date;
}

/** Who hears of an event: reviewers of the queue's changes, applicants of decisions. */
export function hears(
  payload: ApplicationEventPayload,
  listener: { userId: string; platformAdmin: boolean },
): boolean {
  switch (payload.type) {
    case ApplicationEventType.SUBMITTED:
    case ApplicationEventType.WITHDRAWN:
      return listener.platformAdmin;
    case ApplicationEventType.APPROVED:
    case ApplicationEventType.REJECTED:
      return payload.applicantId === listener.userId;
  }
}

import { Field, ID, InputType } from 'type-graphql';
import { ReviewDecision } from './review-decision.enum';

@InputType({ description: "A platform administrator's decision on a pending application." })
export class ReviewApplicationInput {
  @Field(() => ID, { description: 'The pending application.' })
  id!: string;

  @Field(() => ReviewDecision, { description: 'Approve (and carry out) or reject.' })
  decision!: ReviewDecision;

  @Field(() => String, {
    nullable: true,
    description: 'A note to the applicant, up to 500 characters; required to REJECT.',
  })
  note?: string | null;
}

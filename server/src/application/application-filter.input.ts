import { Field, ID, InputType } from 'type-graphql';
import { ApplicationStatus } from './application-status.enum';
import { ApplicationType } from './application-type.enum';

@InputType({ description: 'Which applications to list; every given condition must hold.' })
export class ApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true, description: 'PENDING: the review queue.' })
  status?: ApplicationStatus | null;

  @Field(() => ApplicationType, { nullable: true, description: 'Only applications of this kind.' })
  type?: ApplicationType | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Only this organisation's applications; you must be its member (FORBIDDEN otherwise), and see all of them as its ORG_ADMIN, else your own.",
  })
  organizationId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only the applications you submitted.',
  })
  mine?: boolean | null;
}

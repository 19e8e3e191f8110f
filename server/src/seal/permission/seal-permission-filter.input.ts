import { Field, ID, InputType } from 'type-graphql';
import { SealPermissionStatus } from './seal-permission-status.enum';

@InputType({ description: 'Which grants to list; every given condition must hold.' })
export class SealPermissionFilter {
  @Field(() => ID, { nullable: true, description: 'Grants on this seal.' })
  sealId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Grants this person holds.' })
  userId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: grants that let their holder sign now (ACTIVE); false: all others.',
  })
  active?: boolean | null;

  @Field(() => SealPermissionStatus, { nullable: true, description: 'Status now, as `status`.' })
  status?: SealPermissionStatus | null;
}

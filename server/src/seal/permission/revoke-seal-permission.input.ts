import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Withdraws a grant at once (whoever may grant the seal).' })
export class RevokeSealPermissionInput {
  @Field(() => ID, { description: 'The grant to revoke.' })
  id!: string;

  @Field({ description: 'Why, for the record and its holder; 1–256 characters.' })
  reason!: string;
}

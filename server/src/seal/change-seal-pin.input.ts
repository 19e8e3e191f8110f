import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new PIN for one of your seals, given the current one.' })
export class ChangeSealPinInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The PIN now; a wrong one counts towards the lock.' })
  currentPin!: string;

  @Field({ description: 'The new PIN, 6–12 digits.' })
  newPin!: string;
}

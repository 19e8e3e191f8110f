import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Withdraws your own application while it is pending.' })
export class WithdrawApplicationInput {
  @Field(() => ID, { description: 'Your pending application.' })
  id!: string;
}

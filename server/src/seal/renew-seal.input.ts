import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new certificate for the same key, extending the validity.' })
export class RenewSealInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { defaultValue: 365, description: 'Validity from now in days, 1–3650.' })
  validDays = 365;
}

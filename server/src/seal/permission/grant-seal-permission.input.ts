import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description:
    "Lets another person sign with a seal for a period of at most 3 years, perhaps a limited number of times (the seal's ORG_ADMINs, or a personal seal's owner).",
})
export class GrantSealPermissionInput {
  @Field(() => ID, { description: 'The seal to grant the use of.' })
  sealId!: string;

  @Field(() => ID, {
    description: "Who may sign with it; of a company seal, a member of the seal's organisation.",
  })
  userId!: string;

  @Field(() => Date, { nullable: true, description: 'Start of the period; now when omitted.' })
  validFrom?: Date | null;

  @Field({ description: 'End of the period (inclusive): after validFrom, in the future.' })
  validTo!: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'How many signatures the grant allows in all, from 1; no limit when omitted.',
  })
  maxUses?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the grant is for; up to 256 characters.',
  })
  note?: string | null;
}

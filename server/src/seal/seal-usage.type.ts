import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Signatures a seal made on one day.' })
export class SealUsageDay {
  @Field({ description: 'The UTC date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Signatures one person made with a seal.' })
export class SealUsageSigner {
  @Field(() => ID, { description: 'The signing user.' })
  userId!: string;

  @Field({ description: "The user's display name." })
  displayName!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'How much a seal signed in a period, by day and by signer.' })
export class SealUsage {
  @Field(() => ID)
  sealId!: string;

  @Field({ description: 'Start of the period, inclusive.' })
  from!: Date;

  @Field({ description: 'End of the period, inclusive.' })
  to!: Date;

  @Field(() => Int, { description: 'Signatures in the period.' })
  totalCount!: number;

  @Field(() => [SealUsageDay], { description: 'Days with signatures, oldest first.' })
  byDay!: SealUsageDay[];

  @Field(() => [SealUsageSigner], { description: 'Signers, most signatures first.' })
  bySigner!: SealUsageSigner[];
}

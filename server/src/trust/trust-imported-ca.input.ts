import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "Trusts the certificate authority of an imported seal's chain." })
export class TrustImportedCaInput {
  @Field(() => ID, {
    description: 'An imported seal; the top of its certificate chain is trusted.',
  })
  sealId!: string;

  @Field(() => String, { nullable: true, description: 'Why it is trusted; up to 500 characters.' })
  note?: string | null;
}

@InputType({ description: 'Stops trusting an anchor added by an administrator.' })
export class RemoveTrustAnchorInput {
  @Field(() => ID)
  id!: string;
}

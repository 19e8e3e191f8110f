import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'An RFC 3161 timestamp: on a signature, or the token of a document timestamp.',
})
export class TimestampInfo {
  @Field(() => Date, { nullable: true, description: 'The time the authority attests.' })
  genTime!: Date | null;

  @Field(() => String, { nullable: true, description: 'Name of the time-stamping authority.' })
  tsaName!: string | null;

  @Field({ description: 'The token imprints the digest of what it timestamps.' })
  imprintMatches!: boolean;

  @Field({ description: "The token's signature verifies." })
  signatureValid!: boolean;

  @Field({ description: "The authority's certificate chains to a trust anchor." })
  trusted!: boolean;

  @Field(() => [String], { description: 'Why a check failed; empty when all passed.' })
  reasons!: string[];
}

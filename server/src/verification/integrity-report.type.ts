import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Whether the signed bytes are those that were signed, in well-formed byte ranges.',
})
export class IntegrityReport {
  @Field({ description: 'Every check below passed.' })
  ok!: boolean;

  @Field({ description: 'The digest of the signed ranges equals the one the signature carries.' })
  digestMatches!: boolean;

  @Field({ description: "The signature verifies with the signer certificate's key." })
  signatureValid!: boolean;

  @Field({ description: 'The first byte range starts at offset 0.' })
  byteRangeStartsAtZero!: boolean;

  @Field({ description: 'The gap between the ranges is exactly the /Contents hex string.' })
  holeIsContents!: boolean;

  @Field({ description: 'The two ranges and the gap leave no other byte unsigned.' })
  rangesContiguous!: boolean;

  @Field({ description: 'The signed ranges end at the %%EOF of a revision.' })
  revisionEndsAtEof!: boolean;

  @Field({
    description: 'The signature covers the whole file: no revision was appended after it.',
  })
  coversWholeDocument!: boolean;

  @Field(() => [String], { description: 'Why a check failed; empty when all passed.' })
  reasons!: string[];
}

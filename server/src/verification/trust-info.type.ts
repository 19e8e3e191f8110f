import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ValidationTimeSource {
  TIMESTAMP = 'TIMESTAMP',
  CLAIMED = 'CLAIMED',
  NOW = 'NOW',
}

registerEnumType(ValidationTimeSource, {
  name: 'ValidationTimeSource',
  description: 'Where the time a chain was judged at came from.',
  valuesConfig: {
    TIMESTAMP: { description: 'A signature timestamp: proven.' },
    CLAIMED: { description: 'The signing time in the signature dictionary (/M): claimed only.' },
    NOW: { description: 'The time of verification: the signature names no time.' },
  },
});

@ObjectType({ description: "What the evaluation of the signer's certificate chain found." })
export class TrustInfo {
  @Field({
    description: 'The chain ends at a trust anchor (the platform root), every link verified.',
  })
  reachesTrustAnchor!: boolean;

  @Field({ description: 'Every certificate of the chain was valid at the validation time.' })
  validAtValidationTime!: boolean;

  @Field({
    description:
      'Every certificate of the chain is still within its validity now; false once the seal has expired, which does not affect a signature judged valid at its validation time.',
  })
  validNow!: boolean;

  @Field({ description: "The signer certificate's key usage allows signing." })
  keyUsageAllowsSigning!: boolean;

  @Field({ description: 'Every issuer in the chain is a certification authority.' })
  issuersAreCas!: boolean;

  @Field({ description: 'The time the chain was judged at.' })
  validationTime!: Date;

  @Field(() => ValidationTimeSource, { description: 'Where the validation time came from.' })
  validationTimeSource!: ValidationTimeSource;

  @Field(() => [String], { description: 'Why trust is lacking; empty when none is.' })
  reasons!: string[];
}

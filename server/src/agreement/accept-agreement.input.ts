import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Accepting the current agreement.' })
export class AcceptAgreementInput {
  @Field(() => ID, { description: 'Id of the current agreement (see currentAgreement).' })
  agreementId!: string;
}

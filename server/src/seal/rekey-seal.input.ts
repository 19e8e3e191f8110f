import { Field, ID, InputType, Int } from 'type-graphql';
import { KeyAlgorithm } from './key-algorithm.enum';

@InputType({
  description:
    'A new key pair and certificate; the old certificate is revoked as superseded and the old key destroyed.',
})
export class RekeySealInput {
  @Field(() => ID)
  id!: string;

  @Field(() => KeyAlgorithm, { nullable: true, description: 'Default: the current algorithm.' })
  keyAlgorithm?: KeyAlgorithm | null;

  @Field(() => Int, { defaultValue: 365, description: 'Validity from now in days, 1–3650.' })
  validDays = 365;
}

import { Field, InputType, Int } from 'type-graphql';
import { KeyAlgorithm } from './key-algorithm.enum';
import { SealMarksInput } from './seal-marks.input';
import { SealType } from './seal-type.enum';

@InputType({ description: 'A new seal with a fresh key pair and certificate.' })
export class CreateSealInput extends SealMarksInput {
  @Field({ description: 'Seal name as drawn, e.g. 合同专用章; 1–12 characters.' })
  name!: string;

  @Field(() => SealType)
  type!: SealType;

  @Field(() => String, {
    nullable: true,
    description:
      "The holder drawn on the seal. Company seals bear their organisation's registered name (its legal representative's on LEGAL_REPRESENTATIVE seals): leave it out or give exactly that. Personal seals: 1–24 characters, by default your display name.",
  })
  ownerName?: string | null;

  @Field(() => KeyAlgorithm, { defaultValue: KeyAlgorithm.RSA_2048 })
  keyAlgorithm: KeyAlgorithm = KeyAlgorithm.RSA_2048;

  @Field(() => Int, { defaultValue: 365, description: 'Validity in days, 1–3650.' })
  validDays = 365;

  @Field({ description: 'PIN asked at every signing, 6–12 digits; stored only as a hash.' })
  pin!: string;
}

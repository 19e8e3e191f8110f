import { Field, Int, ObjectType } from 'type-graphql';
import { KeyAlgorithm } from '../seal/key-algorithm.enum';
import { SealType } from '../seal/seal-type.enum';

@ObjectType({ description: 'The seal a NEW_SEAL application asks for, as checked (no PIN).' })
export class NewSealForm {
  @Field({ description: 'Seal name as it will be drawn.' })
  name!: string;

  @Field(() => SealType, { description: 'The kind of seal.' })
  sealType!: SealType;

  @Field(() => KeyAlgorithm, { description: 'The key pair the seal will have.' })
  keyAlgorithm!: KeyAlgorithm;

  @Field(() => Int, { description: 'Validity in days from approval.' })
  validDays!: number;

  @Field({ description: 'The holder as it will be drawn and certified.' })
  ownerName!: string;

  @Field(() => String, { nullable: true, description: 'The 13-digit seal code, if any.' })
  sealCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The taxpayer number of an invoice seal.' })
  taxpayerNumber!: string | null;
}

@ObjectType({ description: 'The renewal a RENEW_SEAL application asks for.' })
export class RenewSealForm {
  @Field(() => Int, { description: 'Validity in days from approval.' })
  validDays!: number;
}

@ObjectType({ description: 'The changes a CHANGE_SEAL application asks for; null: unchanged.' })
export class ChangeSealForm {
  @Field(() => String, { nullable: true, description: 'New seal name.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'New owner name.' })
  ownerName!: string | null;

  @Field(() => String, { nullable: true, description: 'New seal code; empty: removed.' })
  sealCode!: string | null;

  @Field(() => String, { nullable: true, description: 'New taxpayer number.' })
  taxpayerNumber!: string | null;

  @Field({ description: 'Whether the image is to be drawn again.' })
  redraw!: boolean;

  @Field(() => [String], {
    description: 'The fields that differed from the seal at submission, e.g. ["name"].',
  })
  changed!: string[];
}

@ObjectType({ description: 'The cancellation a CANCEL_SEAL application asks for.' })
export class CancelSealForm {
  @Field({ description: 'Why the seal is to be cancelled.' })
  reason!: string;
}

/** What an application asks, as stored: exactly the field of its type is set; never a PIN. */
@ObjectType({ description: 'What an application asks: the one field matching its type is set.' })
export class ApplicationForm {
  @Field(() => NewSealForm, { nullable: true, description: 'For NEW_SEAL.' })
  newSeal?: NewSealForm;

  @Field(() => RenewSealForm, { nullable: true, description: 'For RENEW_SEAL.' })
  renewSeal?: RenewSealForm;

  @Field(() => ChangeSealForm, { nullable: true, description: 'For CHANGE_SEAL.' })
  changeSeal?: ChangeSealForm;

  @Field(() => CancelSealForm, { nullable: true, description: 'For CANCEL_SEAL.' })
  cancelSeal?: CancelSealForm;
}

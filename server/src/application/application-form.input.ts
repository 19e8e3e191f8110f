import { Field, InputType, Int } from 'type-graphql';
import { KeyAlgorithm } from '../seal/key-algorithm.enum';
import { SealType } from '../seal/seal-type.enum';

@InputType({
  description:
    "A new seal, checked as createSeal checks it; it is drawn (no uploaded image, so not HANDWRITTEN). Its organisation is the application's `organizationId`.",
})
export class NewSealFormInput {
  @Field({ description: 'Seal name as drawn, e.g. 合同专用章; 1–12 characters.' })
  name!: string;

  @Field(() => SealType, { description: 'The kind of seal; company seals need `organizationId`.' })
  sealType!: SealType;

  @Field(() => KeyAlgorithm, {
    defaultValue: KeyAlgorithm.RSA_2048,
    description: 'The key pair to make on approval.',
  })
  keyAlgorithm: KeyAlgorithm = KeyAlgorithm.RSA_2048;

  @Field(() => Int, { defaultValue: 365, description: 'Validity in days, 1–3650.' })
  validDays = 365;

  @Field({
    description:
      'PIN the seal will ask at every signing, 6–12 digits; hashed at once, never stored or shown in clear.',
  })
  pin!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The holder drawn on the seal, as in createSeal: company seals bear the organisation's registered name; personal seals default to your display name.",
  })
  ownerName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'OFFICIAL, CONTRACT and FINANCE only: the 13-digit seal code.',
  })
  sealCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "INVOICE only: the taxpayer number; by default the organisation's credit code.",
  })
  taxpayerNumber?: string | null;
}

@InputType({ description: 'A renewal, as renewSeal takes it.' })
export class RenewSealFormInput {
  @Field(() => Int, { defaultValue: 365, description: 'Validity from approval in days, 1–3650.' })
  validDays = 365;
}

@InputType({
  description:
    'Descriptive changes, as updateSeal takes them (without an image); absent fields stay. At least one must change something.',
})
export class ChangeSealFormInput {
  @Field(() => String, { nullable: true, description: 'New seal name, 1–12 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New owner drawn on a personal seal.' })
  ownerName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New 13-digit seal code (round company seals); empty string removes it.',
  })
  sealCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New taxpayer number (invoice seals), 15–20 digits and letters.',
  })
  taxpayerNumber?: string | null;

  @Field({
    defaultValue: false,
    description: 'Draw the image again from the seal text, replacing an uploaded one.',
  })
  redraw: boolean = false;
}

@InputType({ description: 'A cancellation: the seal is deleted irreversibly once approved.' })
export class CancelSealFormInput {
  @Field({ description: 'Why the seal is to be cancelled, 1–500 characters.' })
  reason!: string;
}

@InputType({
  description:
    'What the application asks, typed by its kind: exactly the one field matching `type` (newSeal for NEW_SEAL, renewSeal for RENEW_SEAL, changeSeal for CHANGE_SEAL, cancelSeal for CANCEL_SEAL).',
})
export class ApplicationFormInput {
  @Field(() => NewSealFormInput, { nullable: true, description: 'For NEW_SEAL.' })
  newSeal?: NewSealFormInput | null;

  @Field(() => RenewSealFormInput, { nullable: true, description: 'For RENEW_SEAL.' })
  renewSeal?: RenewSealFormInput | null;

  @Field(() => ChangeSealFormInput, { nullable: true, description: 'For CHANGE_SEAL.' })
  changeSeal?: ChangeSealFormInput | null;

  @Field(() => CancelSealFormInput, { nullable: true, description: 'For CANCEL_SEAL.' })
  cancelSeal?: CancelSealFormInput | null;
}

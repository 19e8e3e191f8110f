import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, InputType, Int } from 'type-graphql';
import { KeyAlgorithm } from './key-algorithm.enum';
import { SealType } from './seal-type.enum';

@InputType({ description: 'A new seal with a fresh key pair and certificate.' })
export class CreateSealInput {
  @Field({ description: 'Seal name as drawn, e.g. 合同专用章; 1–12 characters.' })
  name!: string;

  @Field(() => SealType)
  type!: SealType;

  @Field({
    description:
      'Organisation (company seals) or person (personal, legal-representative, handwritten) drawn on the seal; 1–24 characters.',
  })
  ownerName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'OFFICIAL, CONTRACT and FINANCE only: the 13-digit seal code, drawn on the lower arc.',
  })
  sealCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'INVOICE only, and required there: the taxpayer number, 15–20 digits and letters.',
  })
  taxpayerNumber?: string | null;

  @Field(() => GraphQLUpload, {
    nullable: true,
    description:
      'An image to use instead of drawing one (PNG or JPEG, at most 5 MB, multipart): paper made transparent, cropped to the ink.',
  })
  image?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The same image, base64-encoded.' })
  imageBase64?: string | null;

  @Field(() => KeyAlgorithm, { defaultValue: KeyAlgorithm.RSA_2048 })
  keyAlgorithm: KeyAlgorithm = KeyAlgorithm.RSA_2048;

  @Field(() => Int, { defaultValue: 365, description: 'Validity in days, 1–3650.' })
  validDays = 365;

  @Field({ description: 'PIN asked at every signing, 6–12 digits; stored only as a hash.' })
  pin!: string;
}

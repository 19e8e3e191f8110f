import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, ID, InputType } from 'type-graphql';

/**
 * What a new seal carries beside its name and owner, whether its key is made here or imported:
 * the numbers drawn on it and an image to use instead of a drawing.
 */
@InputType()
export abstract class SealMarksInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Company seals (OFFICIAL, CONTRACT, FINANCE, INVOICE, LEGAL_REPRESENTATIVE) only, and required there: the organisation that holds the seal, of which you are ORG_ADMIN or SEAL_KEEPER.',
  })
  organizationId?: string | null;

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
      'An image to use instead of drawing one (PNG or JPEG, at most 5 MB, multipart): paper made transparent, cropped to the ink. Required for HANDWRITTEN.',
  })
  image?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The same image, base64-encoded.' })
  imageBase64?: string | null;
}

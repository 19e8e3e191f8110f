import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'Descriptive changes to a seal; absent fields stay as they are. A new name or owner name is certified anew for the same key; the key never changes.',
})
export class UpdateSealInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New seal name, 1–12 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New owner drawn on the seal.' })
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

  @Field(() => GraphQLUpload, {
    nullable: true,
    description: 'A new image (PNG or JPEG, at most 5 MB, multipart) replacing the current one.',
  })
  image?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The new image, base64-encoded.' })
  imageBase64?: string | null;

  @Field({
    defaultValue: false,
    description:
      'Draw the image again from the seal text, replacing an uploaded one. A drawn image is redrawn anyway when its text changes.',
  })
  redraw: boolean = false;
}

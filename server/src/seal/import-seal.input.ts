import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, InputType } from 'type-graphql';
import { SealMarksInput } from './seal-marks.input';
import { SealType } from './seal-type.enum';

@InputType({
  description: 'A seal whose key and certificate come from a PKCS#12 (.p12/.pfx) file.',
})
export class ImportSealInput extends SealMarksInput {
  @Field({ description: 'Seal name as drawn, 1–12 characters.' })
  name!: string;

  @Field(() => SealType)
  type!: SealType;

  @Field(() => String, {
    nullable: true,
    description: "Owner drawn on the seal; default the certificate's organisation or common name.",
  })
  ownerName?: string | null;

  @Field(() => GraphQLUpload, { nullable: true, description: 'The PKCS#12 file (multipart).' })
  pkcs12?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The PKCS#12 file, base64-encoded.' })
  pkcs12Base64?: string | null;

  @Field({ description: 'Its password; checked, never stored.' })
  password!: string;

  @Field({ description: 'PIN asked at every signing, 6–12 digits; stored only as a hash.' })
  pin!: string;
}

@InputType({ description: 'A seal whose key and certificate chain come as PEM text.' })
export class ImportSealPemInput extends SealMarksInput {
  @Field({ description: 'Seal name as drawn, 1–12 characters.' })
  name!: string;

  @Field(() => SealType)
  type!: SealType;

  @Field(() => String, { nullable: true, description: 'Default: from the certificate.' })
  ownerName?: string | null;

  @Field({ description: 'The certificate and its issuers, PEM, in any order.' })
  certificateChainPem!: string;

  @Field({ description: 'The private key, PEM (PKCS#8, PKCS#1 or SEC1; may be encrypted).' })
  privateKeyPem!: string;

  @Field(() => String, { nullable: true, description: 'Password of an encrypted key.' })
  privateKeyPassword?: string | null;

  @Field({ description: 'PIN asked at every signing, 6–12 digits; stored only as a hash.' })
  pin!: string;
}

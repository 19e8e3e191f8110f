import { Field, InputType } from 'type-graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';

@InputType({ description: 'A PDF to store: exactly one of `file` or `contentBase64`.' })
export class UploadDocumentInput {
  @Field(() => GraphQLUpload, {
    nullable: true,
    description: 'The PDF as a multipart upload (GraphQL multipart request spec).',
  })
  file?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The PDF bytes, base64-encoded.' })
  contentBase64?: string | null;

  @Field(() => String, { nullable: true, description: 'File name; defaults to the upload name.' })
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: 'Title; defaults to the file name.' })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Password of an encrypted PDF; checked, never stored (give it again to sign).',
  })
  password?: string | null;
}

import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'The PDF to verify: exactly one of `documentId`, `file` or `contentBase64`. Uploads are not stored.',
})
export class VerifyDocumentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'One of your documents, at its latest revision.',
  })
  documentId?: string | null;

  @Field(() => GraphQLUpload, {
    nullable: true,
    description: 'The PDF as a multipart upload (GraphQL multipart request spec).',
  })
  file?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The PDF bytes, base64-encoded.' })
  contentBase64?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Password of an encrypted PDF; without it the empty user password is tried.',
  })
  password?: string | null;
}

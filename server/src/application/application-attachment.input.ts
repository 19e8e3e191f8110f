import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'A supporting file: a PDF, PNG or JPEG (judged by its content) of at most 5 MB, as exactly one of `file` or `contentBase64`.',
})
export class ApplicationAttachmentInput {
  @Field(() => GraphQLUpload, { nullable: true, description: 'The file, multipart.' })
  file?: Promise<FileUpload> | null;

  @Field(() => String, { nullable: true, description: 'The file, base64-encoded.' })
  contentBase64?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'File name, 1–128 characters; required with contentBase64, else the name the upload carries.',
  })
  fileName?: string | null;
}

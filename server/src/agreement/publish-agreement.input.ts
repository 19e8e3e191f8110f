import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new version of the service agreement.' })
export class PublishAgreementInput {
  @Field({ description: 'Title, 1–128 characters.' })
  title!: string;

  @Field({ description: 'Full text, 1–50000 characters; line breaks kept.' })
  body!: string;
}

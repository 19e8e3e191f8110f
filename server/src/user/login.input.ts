import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field({ description: 'Username, e-mail address or phone number.' })
  login!: string;

  @Field()
  password!: string;
}

import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field({ description: 'Username, e-mail address or phone number.' })
  login!: string;

  @Field({ description: 'The password; 5 wrong ones in a row lock the account for a while.' })
  password!: string;
}

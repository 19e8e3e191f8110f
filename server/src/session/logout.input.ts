import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The session to end.' })
export class LogoutInput {
  @Field({ description: 'The refresh token of the session.' })
  refreshToken!: string;
}

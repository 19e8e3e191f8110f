import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A refresh token to exchange for a new pair of tokens.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token of the latest AuthPayload.' })
  refreshToken!: string;
}

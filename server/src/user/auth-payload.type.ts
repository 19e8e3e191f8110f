import { Field, ObjectType } from 'type-graphql';
import { User } from './user.entity';

@ObjectType({ description: 'A signed-in session: a short-lived access token and a refresh token.' })
export class AuthPayload {
  @Field({
    description: 'Bearer token for the Authorization header and graphql-ws connectionParams.',
  })
  accessToken!: string;

  @Field({ description: 'When the access token stops working (ACCESS_TOKEN_TTL after issue).' })
  accessTokenExpiresAt!: Date;

  @Field({
    description:
      'Exchanged with refreshToken for a new pair before or after the access token expires; ' +
      'good for one use, and for REFRESH_TOKEN_TTL. Keep it secret: it is a password.',
  })
  refreshToken!: string;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;
}

import { Field, ObjectType } from 'type-graphql';
import { User } from './user.entity';

@ObjectType({ description: 'A signed-in session.' })
export class AuthPayload {
  @Field({
    description: 'Bearer token for the Authorization header and graphql-ws connectionParams.',
  })
  accessToken!: string;

  @Field(() => User)
  user!: User;
}

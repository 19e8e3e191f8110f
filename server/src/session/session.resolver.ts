import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Public } from '../common/public.decorator';
import { AuthPayload } from '../user/auth-payload.type';
import { LogoutInput } from './logout.input';
import { RefreshTokenInput } from './refresh-token.input';

@Resolver()
export class SessionResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for a new access token and a new refresh token; the old one ' +
      'stops working. Presenting a refresh token a second time ends the whole session, since ' +
      'one of the two presenters must have stolen it (INVALID_REFRESH_TOKEN).',
  })
  refreshToken(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RefreshTokenInput,
  ): Promise<AuthPayload> {
    return ctx.services.sessions.refresh(ctx, input.refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Ends the session of a refresh token: it and every token refreshed from the same sign-in ' +
      'stop working. Access tokens already issued run out by themselves (ACCESS_TOKEN_TTL). ' +
      'Always true, even for an unknown token.',
  })
  logout(@Ctx() ctx: RequestContext, @Arg('input') input: LogoutInput): Promise<boolean> {
    return ctx.services.sessions.logout(ctx, input.refreshToken);
  }
}

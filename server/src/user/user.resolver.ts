import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Public } from '../common/public.decorator';
import { AuthPayload } from './auth-payload.type';
import { LoginInput } from './login.input';
import { RegisterInput } from './register.input';
import { ResetPasswordInput } from './reset-password.input';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Creates an account and signs it in. With VERIFICATION_REQUIRED (the default) it takes an ' +
      'e-mail address or phone and the code requestVerificationCode sent to it.',
  })
  register(@Ctx() ctx: RequestContext, @Arg('input') input: RegisterInput): Promise<AuthPayload> {
    return ctx.services.users.register(ctx, input);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in with username, e-mail or phone. 5 wrong passwords in a row lock the account ' +
      'for LOGIN_LOCK_MINUTES (ACCOUNT_LOCKED, even with the right password, until lockedUntil).',
  })
  login(@Ctx() ctx: RequestContext, @Arg('input') input: LoginInput): Promise<AuthPayload> {
    return ctx.services.logins.login(ctx, input);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sets a new password with a code sent (purpose RESET_PASSWORD) to the registered e-mail ' +
      'address or phone; ends every session of the account and lifts a password lock.',
  })
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ResetPasswordInput,
  ): Promise<boolean> {
    return ctx.services.passwordResets.reset(ctx, input);
  }

  @Authorized()
  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.findOneOrFail(ctx, ctx.actor.userId!);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The latest agreement version this user accepted; null if none.',
  })
  acceptedAgreementVersion(@Root() user: User, @Ctx() ctx: RequestContext): Promise<number | null> {
    return ctx.services.agreements.acceptedVersion(ctx.em, user.id);
  }
}

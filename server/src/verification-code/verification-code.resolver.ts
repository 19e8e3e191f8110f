import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Public } from '../common/public.decorator';
import { RequestVerificationCodeInput } from './request-verification-code.input';
import { VerificationCodeReceipt } from './verification-code-receipt.type';

@Resolver()
export class VerificationCodeResolver {
  @Public()
  @Mutation(() => VerificationCodeReceipt, {
    description:
      'Sends a 6-digit code, valid 5 minutes, to an e-mail address or phone: for register or ' +
      'resetPassword. One per address per minute, a few per hour per address and per IP ' +
      '(else RATE_LIMITED with retryAt). Only the newest code sent to an address counts.',
  })
  requestVerificationCode(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RequestVerificationCodeInput,
  ): Promise<VerificationCodeReceipt> {
    return ctx.services.verificationCodes.request(ctx, input);
  }
}

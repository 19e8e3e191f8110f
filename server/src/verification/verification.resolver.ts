import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { VerificationReport } from './verification-report.type';
import { VerifyDocumentInput } from './verify-document.input';

@Resolver(() => VerificationReport)
export class VerificationResolver {
  @Authorized()
  @Query(() => VerificationReport, {
    description:
      'Verifies every signature of one of your documents or of an uploaded PDF against the platform CA. Uploads are not stored.',
  })
  verifyDocument(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: VerifyDocumentInput,
  ): Promise<VerificationReport> {
    return ctx.services.verification.verify(ctx, input);
  }
}

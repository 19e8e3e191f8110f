import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Public } from '../common/public.decorator';
import { AcceptAgreementInput } from './accept-agreement.input';
import { AgreementAcceptance } from './agreement-acceptance.entity';
import { Agreement } from './agreement.entity';
import { PublishAgreementInput } from './publish-agreement.input';

@Resolver(() => Agreement)
export class AgreementResolver {
  @Public()
  @Query(() => Agreement, {
    nullable: true,
    description: 'The service agreement in force, to be accepted before making seals; public.',
  })
  currentAgreement(@Ctx() ctx: RequestContext): Promise<Agreement | null> {
    return ctx.services.agreements.findCurrent(ctx.em);
  }

  @Authorized()
  @Mutation(() => AgreementAcceptance, {
    description: 'Accepts the current agreement; accepting it again changes nothing.',
  })
  acceptAgreement(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: AcceptAgreementInput,
  ): Promise<AgreementAcceptance> {
    return ctx.services.agreements.accept(ctx, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Agreement, {
    description: 'Publishes a new agreement version (administrators); everyone must accept it.',
  })
  publishAgreement(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: PublishAgreementInput,
  ): Promise<Agreement> {
    return ctx.services.agreements.publish(ctx, input);
  }
}

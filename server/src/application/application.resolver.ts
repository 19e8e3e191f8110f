import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Ref } from '@mikro-orm/core';
import type { RequestContext } from '../common/context';
import { PageInput } from '../common/page.input';
import { Organization } from '../organization/organization.entity';
import { mayActOn, SealAction } from '../seal/seal-access';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';
import { ApplicationAttachment } from './application-attachment.entity';
import { ApplicationFilter } from './application-filter.input';
import { ApplicationPage } from './application-page.type';
import { Application } from './application.entity';
import { ReviewApplicationInput } from './review-application.input';
import { SubmitApplicationInput } from './submit-application.input';
import { WithdrawApplicationInput } from './withdraw-application.input';

@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized()
  @Mutation(() => Application, {
    description:
      'Applies for e-seal business (a new seal, a renewal, a change, a cancellation), checked at once; a platform administrator reviews it.',
  })
  submitApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: SubmitApplicationInput,
  ): Promise<Application> {
    return ctx.services.applications.submit(ctx, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Application, {
    description:
      'Approves (and carries out, in the same step) or rejects a pending application; platform administrators only, not their own.',
  })
  reviewApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ReviewApplicationInput,
  ): Promise<Application> {
    return ctx.services.applicationReviews.review(ctx, input);
  }

  @Authorized()
  @Mutation(() => Application, { description: 'Withdraws your pending application.' })
  withdrawApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: WithdrawApplicationInput,
  ): Promise<Application> {
    return ctx.services.applications.withdraw(ctx, input);
  }

  @Authorized()
  @Query(() => Application, {
    description:
      'An application: yours, one of an organisation you are ORG_ADMIN of, or any for platform administrators.',
  })
  application(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Application> {
    return ctx.services.applications.findOneOrFail(ctx, id);
  }

  @Authorized()
  @Query(() => ApplicationPage, {
    description:
      'Applications, newest first: platform administrators see all (the review queue), others their own and those of the organisations they are ORG_ADMIN of.',
  })
  applications(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ): Promise<ApplicationPage> {
    return ctx.services.applications.findMany(ctx, filter ?? {}, page);
  }

  @FieldResolver(() => User, { description: 'Who applied; a new seal is kept by them.' })
  async applicant(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(application.applicant.id))!;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description:
      "The organisation of the company seal, or of the seal it is about; null for a person's.",
  })
  async organization(@Root() application: Application, @Ctx() ctx: RequestContext) {
    const id = application.organization?.id;

    return id ? ((await ctx.loaders.organization.load(id)) ?? null) : null;
  }

  @FieldResolver(() => Seal, {
    nullable: true,
    description: 'The seal to renew, change or cancel, if you may see it; null for NEW_SEAL.',
  })
  seal(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<Seal | null> {
    return visibleSeal(ctx, application.seal);
  }

  @FieldResolver(() => [ApplicationAttachment], { description: 'Supporting files, as given.' })
  attachments(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.attachmentsOfApplication.load(application.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who approved or rejected it.' })
  async reviewer(@Root() application: Application, @Ctx() ctx: RequestContext) {
    const id = application.reviewer?.id;

    return id ? ((await ctx.loaders.user.load(id)) ?? null) : null;
  }

  @FieldResolver(() => Seal, {
    nullable: true,
    description: 'Once approved: the seal made or changed, if you may see it.',
  })
  resultSeal(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<Seal | null> {
    return visibleSeal(ctx, application.resultSeal);
  }
}

/** The seal, unless the viewer may not see it (they may see the application still). */
async function visibleSeal(ctx: RequestContext, ref: Ref<Seal> | null): Promise<Seal | null> {
  const seal = ref ? await ctx.loaders.seal.load(ref.id) : undefined;
  if (!seal) return null;

  return (await mayActOn(ctx, seal, SealAction.VIEW)) ? seal : null;
}

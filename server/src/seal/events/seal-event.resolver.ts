import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { createLoaders, refreshForEvent } from '../../common/loaders';
import { User } from '../../user/user.entity';
import { SealPermission } from '../permission/seal-permission.entity';
import { mayActOn, SealAction } from '../seal-access';
import { Seal } from '../seal.entity';
import { SealEvent, type SealEventPayload, SealEventType } from './seal-event.type';

@Resolver(() => SealEvent)
export class SealEventResolver {
  @Authorized()
  @Subscription(() => SealEvent, {
    description:
      'Live events of a seal you may see: grants made, revoked, started and lapsed; signings; renewal, expiry, lock and deletion. Ends once you may no longer see the seal. Authenticate with connectionParams.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const { sealId } = args as { sealId: string };
      await ctx.services.seals.findOneOrFail(ctx, sealId, SealAction.VIEW);

      return whileVisible(ctx, sealId, ctx.services.events.subscribe('SEAL_EVENTS', sealId));
    },
  })
  sealEvents(
    @Root() payload: SealEventPayload,
    @Ctx() ctx: RequestContext,
    @Arg('sealId', () => ID) _sealId: string,
  ): SealEventPayload {
    refreshForEvent(ctx);

    return payload;
  }

  @FieldResolver(() => SealEventType)
  type(@Root() payload: SealEventPayload): SealEventType {
    return payload.type;
  }

  @FieldResolver(() => Date)
  at(@Root() payload: SealEventPayload): Date {
    return new Date(payload.at);
  }

  @FieldResolver(() => Seal)
  async seal(@Root() payload: SealEventPayload, @Ctx() ctx: RequestContext): Promise<Seal> {
    return (await ctx.loaders.seal.load(payload.sealId))!;
  }

  @FieldResolver(() => SealPermission, { nullable: true })
  async permission(
    @Root() payload: SealEventPayload,
    @Ctx() ctx: RequestContext,
  ): Promise<SealPermission | null> {
    if (!payload.permissionId) return null;
    const permission = await ctx.loaders.permission.load(payload.permissionId);
    const seal = await ctx.loaders.seal.load(payload.sealId);
    if (!permission || !seal) return null;

    return (await ctx.services.sealPermissions.maySee(ctx, permission, seal)) ? permission : null;
  }

  @FieldResolver(() => User, { nullable: true })
  async actor(@Root() payload: SealEventPayload, @Ctx() ctx: RequestContext): Promise<User | null> {
    return payload.actorId ? ((await ctx.loaders.user.load(payload.actorId)) ?? null) : null;
  }
}

/**
 * The seal's events while the subscriber may see it: checked when subscribing and again at each
 * event, so that a grantee whose grant ended, or a member who left, stops hearing about the seal
 * (the subscription completes).
 */
async function* whileVisible(
  ctx: RequestContext,
  sealId: string,
  events: AsyncIterable<SealEventPayload>,
): AsyncGenerator<SealEventPayload> {
  for await (const event of events) {
    if (!(await stillSees(ctx, sealId))) return;
    yield event;
  }
}

/** Whether the subscriber may still see the seal, judged on the rows as they are now. */
async function stillSees(ctx: RequestContext, sealId: string): Promise<boolean> {
  const em = ctx.em.fork();
  const now = { ...ctx, em, loaders: createLoaders(em) };
  const seal = await em.findOne(Seal, sealId);

  return seal !== null && (await mayActOn(now, seal, SealAction.VIEW));
}

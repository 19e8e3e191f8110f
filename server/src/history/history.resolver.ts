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
import { Export } from '../export/export.entity';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';
import { ExportHistoryInput } from './export-history.input';
import { HistoryEventConnection } from './history-event-connection.type';
import { HistoryEvent } from './history-event.entity';
import { HistoryFilter } from './history-filter.input';
import { HistoryVerification } from './history-verification';
import { MAX_HISTORY_PAGE } from './history.service';

@Resolver(() => HistoryEvent)
export class HistoryResolver {
  @Authorized()
  @Query(() => HistoryEventConnection, {
    description:
      'Events newest first: an administrator sees all, anyone else what they did and what happened to their seals and documents.',
  })
  history(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => HistoryFilter, {
      nullable: true,
      description: 'Every event you may see when absent.',
    })
    filter?: HistoryFilter,
    @Arg('first', () => Int, {
      defaultValue: 20,
      description: `Events to return, 1–${MAX_HISTORY_PAGE}.`,
    })
    first = 20,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The endCursor of the page before; absent for the first page.',
    })
    after?: string,
  ): Promise<HistoryEventConnection> {
    return ctx.services.history.findMany(ctx, filter ?? {}, first, after);
  }

  @Authorized('ADMIN')
  @Query(() => HistoryVerification, {
    description:
      'Checks the whole history chain: each hash against its event, each link, no sequence missing (administrators only).',
  })
  verifyHistory(@Ctx() ctx: RequestContext): Promise<HistoryVerification> {
    return ctx.services.history.verify(ctx);
  }

  @Authorized()
  @Mutation(() => Export, {
    description: 'Writes the events you may see, matching a filter, to a file for an hour.',
  })
  exportHistory(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ExportHistoryInput,
  ): Promise<Export> {
    return ctx.services.historyExport.create(ctx, input);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who did it; null when signed out.' })
  async actor(@Root() event: HistoryEvent, @Ctx() ctx: RequestContext): Promise<User | null> {
    return event.actorId ? ((await ctx.loaders.user.load(event.actorId)) ?? null) : null;
  }

  @FieldResolver(() => Seal, {
    nullable: true,
    description: 'The seal, when you may view it (sealId names it either way).',
  })
  seal(@Root() event: HistoryEvent, @Ctx() ctx: RequestContext): Promise<Seal | null> {
    return ctx.services.history.sealOf(ctx, event);
  }
}

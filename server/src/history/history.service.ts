import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Actor, type RequestContext, requireUser } from '../common/context';
import { badInput } from '../common/errors';
import { mayActOn, SealAction } from '../seal/seal-access';
import type { Seal } from '../seal/seal.entity';
import type { HistoryAction } from './history-action.enum';
import { HistoryAppender } from './history-appender';
import { storedJson, storedText } from './history-chain';
import { decodeCursor, encodeCursor } from './history-cursor';
import type { HistoryEventConnection } from './history-event-connection.type';
import { HistoryEvent } from './history-event.entity';
import type { HistoryFilter } from './history-filter.input';
import type { HistorySubjectArgs } from './history-payloads';
import { HistoryQuery } from './history-query';
import { verifyChain, type HistoryVerification } from './history-verification';
import type { HistoryViewer } from './history-visibility';
import { OrganizationRole } from '../organization/organization-role.enum';

export const MAX_HISTORY_PAGE = 100;

/**
 * The platform's history: events recorded inside the transaction of the change they record, so
 * that a change and its record land together; read back by whoever may see them.
 */
export class HistoryService {
  /** Chains recorded events at flush. */
  private readonly appender = new HistoryAppender();

  /**
   * Registers the appender with the ORM that carries the transactions, so that no service made
   * for another ORM (a script's, say) can record events that are silently never written.
   */
  constructor(orm: MikroORM) {
    orm.em.getEventManager().registerSubscriber(this.appender);
  }

  /**
   * Records `action` in the transaction `em` belongs to, with the payload its catalogue entry
   * asks for. The event joins the chain at the transaction's next flush, after its other writes:
   * record last, and flush nothing after it that could wait for a row lock.
   */
  record<A extends HistoryAction>(
    em: EntityManager,
    actor: Actor,
    action: A,
    ...[subject]: HistorySubjectArgs<A>
  ): void {
    const event = Object.assign(new HistoryEvent(), {
      action,
      actorId: actor.userId ?? null,
      sealId: subject?.sealId ?? null,
      documentId: subject?.documentId ?? null,
      payload: storedJson(subject?.payload ?? {}),
      ip: storedText(actor.ip, 64),
      userAgent: storedText(actor.userAgent, 512),
      requestId: storedText(actor.requestId, 64),
      at: new Date(),
    });
    this.appender.enqueue(em, event);
  }

  /** The events the user may see, newest first, `first` at a time after the cursor `after`. */
  async findMany(
    ctx: RequestContext,
    filter: HistoryFilter,
    first: number,
    after?: string | null,
  ): Promise<HistoryEventConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY_PAGE) {
      throw badInput('first', `expected an integer from 1 to ${MAX_HISTORY_PAGE}, got ${first}`);
    }
    const matching = new HistoryQuery(filter, await this.viewerOf(ctx)).matching(ctx.em);
    const totalCount = await matching.clone().getCount();
    if (after) matching.andWhere('e.sequence < ?', [decodeCursor(after)]);
    const rows = await matching
      .orderBy({ sequence: 'desc' })
      .limit(first + 1)
      .getResultList();
    const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node), node }));

    return {
      edges,
      pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first },
      totalCount,
    };
  }

  /** Walks the whole chain; administrators only (the resolver says so). */
  verify(ctx: RequestContext): Promise<HistoryVerification> {
    return verifyChain(ctx.em.fork());
  }

  /** The event's seal, when the user may view it; null otherwise (its id still says which). */
  async sealOf(ctx: RequestContext, event: HistoryEvent): Promise<Seal | null> {
    const seal = event.sealId ? await ctx.loaders.seal.load(event.sealId) : undefined;
    if (!seal || !(await mayActOn(ctx, seal, SealAction.VIEW))) return null;

    return seal;
  }

  /** The signed-in user, with the roles that decide what history they see. */
  async viewerOf(ctx: RequestContext): Promise<HistoryViewer> {
    const userId = requireUser(ctx);
    const user = await ctx.loaders.user.load(userId);
    if (!user) throw new Error(`User ${userId} of a valid token does not exist`);
    const memberships = await ctx.loaders.membershipsOfUser.load(userId);
    const administered = memberships
      .filter((m) => m.role === OrganizationRole.ORG_ADMIN)
      .map((m) => m.organization.id);

    return { userId, role: user.role, administeredOrganizationIds: administered };
  }
}

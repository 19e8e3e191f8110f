import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { agreementRequired, badInput, conflict, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { AcceptAgreementInput } from './accept-agreement.input';
import { AgreementAcceptance } from './agreement-acceptance.entity';
import { Agreement } from './agreement.entity';
import type { PublishAgreementInput } from './publish-agreement.input';

const UNPRINTABLE = /\p{Cc}|\p{Cs}/u;
const MAX_BODY = 50_000;

/**
 * The service agreement: versions published by administrators, accepted by users. Making or
 * importing a seal needs an acceptance of the current version, so that publishing a new one
 * asks everybody again.
 */
export class AgreementService {
  constructor(private readonly history: HistoryService) {}

  /** The latest published version, if any has been. */
  findCurrent(em: EntityManager): Promise<Agreement | null> {
    return em.findOne(
      Agreement,
      { publishedAt: { $lte: new Date() } },
      { orderBy: { version: 'desc' } },
    );
  }

  /** Accepts the current version; accepting it again returns the first acceptance. */
  async accept(ctx: RequestContext, input: AcceptAgreementInput): Promise<AgreementAcceptance> {
    const userId = ctx.actor.userId!;
    const agreement = isUuid(input.agreementId)
      ? await ctx.em.findOne(Agreement, input.agreementId)
      : null;
    if (!agreement) throw notFound('Agreement', input.agreementId);
    const current = await this.findCurrent(ctx.em);
    if (current?.id !== agreement.id) {
      throw conflict(
        `Agreement version ${agreement.version} is not the current one (${current?.version}): accept that`,
        'agreementId',
      );
    }

    return (
      (await this.findAcceptance(ctx.em, userId, agreement)) ??
      (await this.createAcceptance(ctx, userId, agreement))
    );
  }

  /** Publishes version n+1; it is current at once. */
  async publish(ctx: RequestContext, input: PublishAgreementInput): Promise<Agreement> {
    const title = requireText('title', input.title, 1, 128);
    const body = checkBody(input.body);
    try {
      return await ctx.em.transactional(async (em) => {
        const latest = await em.findOne(
          Agreement,
          { version: { $gte: 1 } },
          { orderBy: { version: 'desc' } },
        );
        const agreement = em.create(Agreement, {
          version: (latest?.version ?? 0) + 1,
          title,
          body,
          publishedAt: new Date(),
        });
        this.history.record(em, ctx.actor, HistoryAction.AGREEMENT_PUBLISHED, {
          payload: { agreementId: agreement.id, version: agreement.version },
        });

        return agreement;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      throw conflict('Another version was published at the same moment: publish again');
    }
  }

  /** Refuses with AGREEMENT_REQUIRED unless the user accepted the current version. */
  async requireAccepted(ctx: RequestContext): Promise<void> {
    const current = await this.findCurrent(ctx.em);
    if (!current) return;
    if (!(await this.findAcceptance(ctx.em, ctx.actor.userId!, current))) {
      throw agreementRequired(current.version);
    }
  }

  /** The highest version the user has accepted, or null. */
  async acceptedVersion(em: EntityManager, userId: string): Promise<number | null> {
    const latest = await em.findOne(
      AgreementAcceptance,
      { user: userId },
      { populate: ['agreement'], orderBy: { agreement: { version: 'desc' } } },
    );

    return latest?.agreement.version ?? null;
  }

  private findAcceptance(em: EntityManager, userId: string, agreement: Agreement) {
    return em.findOne(
      AgreementAcceptance,
      { user: userId, agreement },
      { populate: ['agreement'] },
    );
  }

  private async createAcceptance(ctx: RequestContext, userId: string, agreement: Agreement) {
    try {
      return await ctx.em.transactional((em) => {
        const acceptance = em.create(AgreementAcceptance, {
          user: userId,
          agreement,
          acceptedAt: new Date(),
          ipAddress: ctx.actor.ip?.slice(0, 64) ?? null,
          userAgent: ctx.actor.userAgent?.slice(0, 512) ?? null,
        });
        this.history.record(em, ctx.actor, HistoryAction.AGREEMENT_ACCEPTED, {
          payload: { agreementId: agreement.id, version: agreement.version },
        });

        return acceptance;
      });
    } catch (error) {
      // Two acceptances at once: the other one won, and is the same acceptance.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const existing = await this.findAcceptance(ctx.em.fork(), userId, agreement);
      if (!existing) throw error;

      return existing;
    }
  }
}

function checkBody(value: string): string {
  const body = value.trim();
  // Line breaks and tabs belong in an agreement's text; other control characters never do.
  if (UNPRINTABLE.test(body.replace(/[\n\r\t]/g, ''))) {
    throw badInput('body', 'expected printable text and line breaks, got control characters');
  }
  if (body.length < 1 || body.length > MAX_BODY) {
    throw badInput('body', `expected 1–${MAX_BODY} characters, got ${body.length}`);
  }

  return body;
}

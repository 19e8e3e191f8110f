import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireUser } from '../common/context';
import { applicationDecided, forbidden, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import {
  afterCondition,
  checkPage,
  pageOf,
  timestampKey,
  type PageInput,
} from '../common/page.input';
import type { EventBus } from '../common/pubsub';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { isPlatformAdmin, roleIn } from '../organization/organization-access';
import { OrganizationRole } from '../organization/organization-role.enum';
import { isApplicant, mayDownload, maySee } from './application-access';
import { ApplicationAttachment } from './application-attachment.entity';
import { readAttachments, type CheckedAttachment } from './application-attachments';
import { ApplicationEventType } from './application-event.type';
import type { ApplicationFilter } from './application-filter.input';
import type { ApplicationForms } from './application-forms';
import type { ApplicationPage } from './application-page.type';
import { ApplicationStatus } from './application-status.enum';
import { Application } from './application.entity';
import type { SubmitApplicationInput } from './submit-application.input';
import type { WithdrawApplicationInput } from './withdraw-application.input';

/**
 * Applications for e-seal business: submitted by whoever could do the thing themselves, checked
 * in full at once, listed for their applicants, their organisations' ORG_ADMINs and the
 * reviewers, withdrawn by their applicants while pending. Reviews are ApplicationReviewService's.
 */
export class ApplicationService {
  constructor(
    private readonly forms: ApplicationForms,
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  async submit(ctx: RequestContext, input: SubmitApplicationInput): Promise<Application> {
    const applicantId = requireUser(ctx);
    const checked = await this.forms.check(ctx, input);
    const attachments = await readAttachments(input.attachments ?? []);
    const application = await ctx.em.transactional((em) => {
      const application = em.create(Application, {
        type: input.type,
        applicant: applicantId,
        organization: checked.organizationId,
        seal: checked.sealId,
        form: checked.form,
        pinHash: checked.pinHash,
        submittedAt: new Date(),
      });
      attachments.forEach((attachment, position) =>
        em.create(ApplicationAttachment, { application, position, ...attachment }),
      );
      this.record(em, ctx, HistoryAction.APPLICATION_SUBMITTED, application, {
        organizationId: checked.organizationId,
        attachments: attachments.map(recordedAttachment),
      });

      return application;
    });
    announce(this.events, application, ApplicationEventType.SUBMITTED);

    return application;
  }

  async withdraw(ctx: RequestContext, input: WithdrawApplicationInput): Promise<Application> {
    const found = await this.findOneOrFail(ctx, input.id);
    if (!isApplicant(ctx, found)) throw forbidden(`application ${input.id} (its applicant only)`);
    const application = await ctx.em.transactional(async (em) => {
      const locked = await lockPending(em, input.id);
      Object.assign(locked, {
        status: ApplicationStatus.WITHDRAWN,
        withdrawnAt: new Date(),
        pinHash: null,
      });
      this.record(em, ctx, HistoryAction.APPLICATION_WITHDRAWN, locked);

      return locked;
    });
    announce(this.events, application, ApplicationEventType.WITHDRAWN);

    return application;
  }

  /** An application the user may see, or NOT_FOUND / FORBIDDEN. */
  async findOneOrFail(ctx: RequestContext, id: string): Promise<Application> {
    requireUser(ctx);
    const application = isUuid(id) ? await ctx.em.findOne(Application, id) : null;
    if (!application) throw notFound('Application', id);
    if (!(await maySee(ctx, application))) throw forbidden(`application ${id}`);

    return application;
  }

  /**
   * A page of the applications the user may see, newest first: platform admins see all (the
   * review queue), others their own and those of the organisations they are ORG_ADMIN of.
   */
  async findMany(
    ctx: RequestContext,
    filter: ApplicationFilter = {},
    page?: PageInput | null,
  ): Promise<ApplicationPage> {
    const checked = checkPage(page, 'applications');
    const userId = requireUser(ctx);
    const platformAdmin = await isPlatformAdmin(ctx);
    const conditions: FilterQuery<Application>[] = [];
    if (filter.status) conditions.push({ status: filter.status });
    if (filter.type) conditions.push({ type: filter.type });
    if (filter.mine) conditions.push({ applicant: userId });
    if (filter.organizationId) {
      await refuseOutsider(ctx, filter.organizationId, platformAdmin);
      conditions.push({ organization: filter.organizationId });
    }
    if (!platformAdmin) {
      const administered = await administeredOrganizations(ctx, userId);
      conditions.push({ $or: [{ applicant: userId }, { organization: { $in: administered } }] });
    }
    const where = conditions.length > 0 ? { $and: conditions } : {};
    const totalCount = await ctx.em.count(Application, where);
    const after = checked.after
      ? [afterCondition(checked.after, 'submittedAt', 'desc', timestampKey)]
      : [];
    const rows = await ctx.em.find(
      Application,
      conditions.length + after.length > 0 ? { $and: [...conditions, ...after] } : {},
      {
        orderBy: { submittedAt: 'desc', id: 'desc' },
        offset: checked.offset,
        limit: checked.limit + 1,
      },
    );
    const positionOf = (a: Application) => ({ key: a.submittedAt.toISOString(), id: a.id });

    return { ...pageOf(rows, checked, 'applications', positionOf), totalCount };
  }

  /** An attachment with its content, for its applicant and platform admins; else NOT_FOUND. */
  async findAttachmentOrFail(ctx: RequestContext, id: string): Promise<ApplicationAttachment> {
    requireUser(ctx);
    const attachment = isUuid(id)
      ? await ctx.em.findOne(ApplicationAttachment, id, { populate: ['content', 'application'] })
      : null;
    if (!attachment || !(await mayDownload(ctx, attachment.application.getEntity()))) {
      throw notFound('Attachment', id);
    }

    return attachment;
  }

  private record(
    em: EntityManager,
    ctx: RequestContext,
    action: HistoryAction,
    application: Application,
    extra: Record<string, unknown> = {},
  ): void {
    this.history.record(em, ctx.actor, action, {
      sealId: application.seal?.id,
      payload: { applicationId: application.id, type: application.type, ...extra },
    });
  }
}

/** The application row locked for a decision, refused unless still pending. */
export async function lockPending(em: EntityManager, id: string): Promise<Application> {
  const application = await em.findOneOrFail(Application, id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    populate: ['pinHash'],
  });
  if (application.status !== ApplicationStatus.PENDING) {
    throw applicationDecided(id, application.status);
  }

  return application;
}

/** Tells the listeners, after commit, what happened to an application. */
export function announce(events: EventBus, application: Application, type: ApplicationEventType) {
  events.publish('APPLICATION_EVENTS', {
    type,
    applicationId: application.id,
    applicantId: application.applicant.id,
    at: new Date().toISOString(),
  });
}

/** What history keeps of an attachment: what it was and its digest, not its content. */
function recordedAttachment({ fileName, contentType, sizeBytes, sha256 }: CheckedAttachment) {
  return { fileName, contentType, sizeBytes, sha256 };
}

async function refuseOutsider(ctx: RequestContext, id: string, platformAdmin: boolean) {
  if (!isUuid(id)) throw notFound('Organization', id);
  if (!platformAdmin && !(await roleIn(ctx, id))) throw forbidden(`organisation ${id}`);
}

async function administeredOrganizations(ctx: RequestContext, userId: string): Promise<string[]> {
  const memberships = await ctx.loaders.membershipsOfUser.load(userId);

  return memberships
    .filter((membership) => membership.role === OrganizationRole.ORG_ADMIN)
    .map((membership) => membership.organization.id);
}

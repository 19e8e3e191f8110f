import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, RequestContext } from '../common/context';
import {
  applicantMayNot,
  applicationDecided,
  badInput,
  notFound,
  ownApplication,
} from '../common/errors';
import { isUuid } from '../common/ids';
import type { EventBus } from '../common/pubsub';
import { optionalText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import { SealEventType } from '../seal/events/seal-event.type';
import type { ApplicationOrigin } from '../history/history-payloads';
import type { HistoryService } from '../history/history.service';
import { KEEPS_SEALS, roleIn } from '../organization/organization-access';
import { Organization } from '../organization/organization.entity';
import { generateKeys, type KeyPair } from '../pki/key-pairs';
import { mayActOn } from '../seal/seal-access';
import type { SealLifecycleService } from '../seal/seal-lifecycle.service';
import { Seal } from '../seal/seal.entity';
import type { CheckedSeal, NewSeal, SealService } from '../seal/seal.service';
import { asApplicant } from './application-access';
import { ApplicationEventType } from './application-event.type';
import { SEAL_ACTION_OF, type SealApplicationType } from './application-forms';
import { ApplicationStatus } from './application-status.enum';
import { ApplicationType } from './application-type.enum';
import { Application } from './application.entity';
import { announce, lockPending } from './application.service';
import { ReviewDecision } from './review-decision.enum';
import type { ReviewApplicationInput } from './review-application.input';

/** A NEW_SEAL approval's slow work, done before the transaction: the drawing and the key pair. */
interface PreparedSeal {
  checked: CheckedSeal;
  keys: KeyPair;
}

/**
 * The review of applications by platform administrators. Approval carries the application out
 * through the seal services' own internal steps, in the transaction that marks it approved: the
 * seal is made, renewed, changed or deleted and the application APPROVED together, or neither.
 */
export class ApplicationReviewService {
  constructor(
    private readonly seals: SealService,
    private readonly lifecycle: SealLifecycleService,
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  async review(ctx: RequestContext, input: ReviewApplicationInput): Promise<Application> {
    const approve = input.decision === ReviewDecision.APPROVE;
    const note = checkNote(input.note, approve);
    const found = await this.findPendingOrFail(ctx, input.id);
    const prepared = approve ? await this.prepare(ctx.em, found) : null;
    const { application, result } = await ctx.em.transactional(async (em) => {
      const locked = await lockPending(em, input.id);
      const carried = approve ? await this.carryOut(ctx, em, locked, prepared) : null;
      this.decide(em, ctx, locked, { approve, note, result: carried });

      return { application: locked, result: carried };
    });
    const decided = approve ? ApplicationEventType.APPROVED : ApplicationEventType.REJECTED;
    announce(this.events, application, decided);
    if (result) this.announceSealChange(ctx, application.type, result);

    return application;
  }

  /** Tells the seal's watchers what an approval did to it, as the direct mutations do. */
  private announceSealChange(ctx: RequestContext, type: ApplicationType, seal: Seal): void {
    if (type === ApplicationType.RENEW_SEAL) {
      this.lifecycle.announce(SealEventType.SEAL_RENEWED, seal, ctx.actor);
    } else if (type === ApplicationType.CANCEL_SEAL) {
      this.lifecycle.announce(SealEventType.SEAL_REVOKED, seal, ctx.actor);
    }
  }

  /** Marks the application decided and records it, in the transaction that carried it out. */
  private decide(
    em: EntityManager,
    ctx: RequestContext,
    application: Application,
    decision: { approve: boolean; note: string | null; result: Seal | null },
  ): void {
    const { approve, note, result } = decision;
    em.assign(application, {
      status: approve ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED,
      reviewer: ctx.actor.userId!,
      reviewedAt: new Date(),
      reviewNote: note,
      resultSeal: result,
      // The seal has the PIN's hash now, or never will.
      pinHash: null,
    });
    const action = approve
      ? HistoryAction.APPLICATION_APPROVED
      : HistoryAction.APPLICATION_REJECTED;
    this.history.record(em, ctx.actor, action, {
      sealId: (result ?? application.seal)?.id,
      payload: {
        applicationId: application.id,
        type: application.type,
        applicantId: application.applicant.id,
        note,
      },
    });
  }

  /** Refused early (and again under the lock) so that no key is made for nothing. */
  private async findPendingOrFail(ctx: RequestContext, id: string): Promise<Application> {
    const application = isUuid(id) ? await ctx.em.findOne(Application, id) : null;
    if (!application) throw notFound('Application', id);
    if (application.applicant.id === ctx.actor.userId) throw ownApplication();
    if (application.status !== ApplicationStatus.PENDING) {
      throw applicationDecided(id, application.status);
    }

    return application;
  }

  /** A new seal's drawing and key pair, which take a while, made outside any transaction. */
  private async prepare(em: EntityManager, application: Application): Promise<PreparedSeal | null> {
    const form = application.form.newSeal;
    if (application.type !== ApplicationType.NEW_SEAL || !form) return null;
    const organization = application.organization
      ? await em.findOneOrFail(Organization, application.organization.id)
      : null;
    const input = { ...form, type: form.sealType, organizationId: organization?.id };
    const checked = await this.seals.describeNew(input, {
      organization,
      ownerName: form.ownerName,
    });

    return { checked, keys: await generateKeys(form.keyAlgorithm) };
  }

  /** Does what the application asks, once the applicant may still ask it; returns the seal. */
  private async carryOut(
    ctx: RequestContext,
    em: EntityManager,
    application: Application,
    prepared: PreparedSeal | null,
  ): Promise<Seal> {
    await this.refuseLostRight(ctx, em, application);
    const via = { applicationId: application.id, applicantId: application.applicant.id };
    if (application.type === ApplicationType.NEW_SEAL) {
      return this.seals.createChecked(em, ctx.actor, newSeal(application, prepared!), via);
    }

    return this.actOnSeal(em, ctx.actor, application, via);
  }

  /** Renews, changes or cancels the seal the application is about. */
  private actOnSeal(
    em: EntityManager,
    actor: Actor,
    application: Application,
    via: ApplicationOrigin,
  ): Promise<Seal> {
    const { form } = application;
    const id = application.seal!.id;
    switch (application.type as SealApplicationType) {
      case ApplicationType.RENEW_SEAL:
        return this.lifecycle.renewChecked(em, actor, id, form.renewSeal!.validDays, via);
      case ApplicationType.CHANGE_SEAL:
        return this.seals.updateChecked(em, actor, { ...form.changeSeal!, id }, null, via);
      case ApplicationType.CANCEL_SEAL:
        return this.lifecycle.deleteChecked(em, actor, id, {
          ...via,
          reason: form.cancelSeal!.reason,
        });
    }
  }

  /**
   * The applicant's right is asked again, by the same rules as at submission: someone who has
   * left the organisation since may no longer have its seal made, renewed or cancelled.
   */
  private async refuseLostRight(
    ctx: RequestContext,
    em: EntityManager,
    application: Application,
  ): Promise<void> {
    const applicant = asApplicant(ctx, em, application);
    if (application.type === ApplicationType.NEW_SEAL) {
      const organizationId = application.organization?.id;
      const role = organizationId ? await roleIn(applicant, organizationId) : null;
      if (organizationId && (!role || !KEEPS_SEALS.includes(role))) {
        throw applicantMayNot(`make the seals of organisation ${organizationId}`);
      }
      return;
    }
    const seal = await em.findOneOrFail(Seal, application.seal!.id);
    const action = SEAL_ACTION_OF[application.type];
    if (!(await mayActOn(applicant, seal, action))) {
      throw applicantMayNot(`${action.toLowerCase()} seal ${seal.id}`);
    }
  }
}

/** The seal an approved NEW_SEAL application makes: kept by its applicant, with its PIN. */
function newSeal(application: Application, prepared: PreparedSeal): NewSeal {
  const form = application.form.newSeal!;

  return {
    ...prepared.checked,
    keys: prepared.keys,
    ownerId: application.applicant.id,
    pinHash: application.pinHash!,
    keyAlgorithm: form.keyAlgorithm,
    validDays: form.validDays,
  };
}

/** A rejection says why; an approval may say something too. */
function checkNote(note: string | null | undefined, approve: boolean): string | null {
  const text = optionalText('note', note, 500);
  if (!approve && text === null) {
    throw badInput('note', 'expected the reason for the rejection, 1–500 characters');
  }

  return text;
}

import type { RequestContext } from '../common/context';
import { badInput, sealRevoked } from '../common/errors';
import { requireText } from '../common/text';
import { checkValidDays } from '../seal/seal-certificates';
import { SealAction } from '../seal/seal-access';
import type { SealLifecycleService } from '../seal/seal-lifecycle.service';
import { hashPin } from '../seal/seal-pin.service';
import { SealType } from '../seal/seal-type.enum';
import type { Seal } from '../seal/seal.entity';
import type { SealService } from '../seal/seal.service';
import type {
  ApplicationFormInput,
  CancelSealFormInput,
  ChangeSealFormInput,
  NewSealFormInput,
  RenewSealFormInput,
} from './application-form.input';
import type { ApplicationForm } from './application-form.type';
import { ApplicationType } from './application-type.enum';
import type { SubmitApplicationInput } from './submit-application.input';

/** A submission checked: what it is about, its form as stored, and a new seal's PIN hash. */
export interface CheckedApplication {
  organizationId: string | null;
  sealId: string | null;
  form: ApplicationForm;
  pinHash: string | null;
}

/** The kinds of application that are about an existing seal. */
export type SealApplicationType = Exclude<ApplicationType, ApplicationType.NEW_SEAL>;

/** What the applicant must be allowed to do with the seal to ask for it to be done. */
export const SEAL_ACTION_OF: Record<SealApplicationType, SealAction> = {
  [ApplicationType.RENEW_SEAL]: SealAction.MANAGE,
  [ApplicationType.CHANGE_SEAL]: SealAction.MANAGE,
  [ApplicationType.CANCEL_SEAL]: SealAction.DELETE,
};

const FORM_FIELD_OF: Record<ApplicationType, keyof ApplicationFormInput> = {
  [ApplicationType.NEW_SEAL]: 'newSeal',
  [ApplicationType.RENEW_SEAL]: 'renewSeal',
  [ApplicationType.CHANGE_SEAL]: 'changeSeal',
  [ApplicationType.CANCEL_SEAL]: 'cancelSeal',
};

/**
 * Checks a submission as the direct mutation would check the same request — the applicant's
 * right, then the form by the seal services' own rules — so that what an administrator approves
 * can be carried out as it stands.
 */
export class ApplicationForms {
  constructor(
    private readonly seals: SealService,
    private readonly lifecycle: SealLifecycleService,
  ) {}

  async check(ctx: RequestContext, input: SubmitApplicationInput): Promise<CheckedApplication> {
    switch (input.type) {
      case ApplicationType.NEW_SEAL:
        return this.newSeal(ctx, input, formFor<NewSealFormInput>(input));
      case ApplicationType.RENEW_SEAL:
        return this.renewal(ctx, input, formFor<RenewSealFormInput>(input));
      case ApplicationType.CHANGE_SEAL:
        return this.change(ctx, input, formFor<ChangeSealFormInput>(input));
      case ApplicationType.CANCEL_SEAL:
        return this.cancellation(ctx, input, formFor<CancelSealFormInput>(input));
    }
  }

  private async newSeal(
    ctx: RequestContext,
    input: SubmitApplicationInput,
    form: NewSealFormInput,
  ): Promise<CheckedApplication> {
    if (input.sealId) throw badInput('sealId', 'expected none: a NEW_SEAL application makes one');
    if (form.sealType === SealType.HANDWRITTEN) {
      throw badInput(
        'form.newSeal.sealType',
        'a HANDWRITTEN signature is made from an image of the hand: create it with createSeal',
      );
    }
    const { holder, spec } = await this.seals.checkNew(ctx, {
      ...form,
      type: form.sealType,
      organizationId: input.organizationId,
    });
    const pinHash = await hashPin('form.newSeal.pin', form.pin);
    const newSeal = {
      name: spec.name,
      sealType: spec.type,
      keyAlgorithm: form.keyAlgorithm,
      validDays: form.validDays,
      ownerName: spec.ownerName,
      sealCode: spec.sealCode,
      taxpayerNumber: spec.taxpayerNumber,
    };

    return {
      organizationId: holder.organization?.id ?? null,
      sealId: null,
      form: { newSeal },
      pinHash,
    };
  }

  private async renewal(
    ctx: RequestContext,
    input: SubmitApplicationInput,
    form: RenewSealFormInput,
  ): Promise<CheckedApplication> {
    const validDays = checkValidDays(form.validDays);
    const seal = await this.sealOf(ctx, input);
    await this.lifecycle.checkRenewable(ctx.em, seal);

    return about(seal, { renewSeal: { validDays } });
  }

  private async change(
    ctx: RequestContext,
    input: SubmitApplicationInput,
    form: ChangeSealFormInput,
  ): Promise<CheckedApplication> {
    const seal = await this.sealOf(ctx, input);
    const changed = await this.seals.checkChangesAhead(ctx.em, seal, { ...form, id: seal.id });
    if (changed.length === 0 && !form.redraw) {
      throw badInput('form.changeSeal', 'expected at least one field that differs from the seal');
    }
    const changeSeal = {
      name: form.name ?? null,
      ownerName: form.ownerName ?? null,
      sealCode: form.sealCode ?? null,
      taxpayerNumber: form.taxpayerNumber ?? null,
      redraw: form.redraw,
      changed,
    };

    return about(seal, { changeSeal });
  }

  private async cancellation(
    ctx: RequestContext,
    input: SubmitApplicationInput,
    form: CancelSealFormInput,
  ): Promise<CheckedApplication> {
    const reason = requireText('form.cancelSeal.reason', form.reason, 1, 500);
    const seal = await this.sealOf(ctx, input);

    return about(seal, { cancelSeal: { reason } });
  }

  /** The seal the application is about, if the applicant may have the thing done to it. */
  private async sealOf(ctx: RequestContext, input: SubmitApplicationInput): Promise<Seal> {
    const type = input.type as SealApplicationType;
    if (!input.sealId) throw badInput('sealId', `expected the seal to ${verbOf(type)}`);
    const seal = await this.seals.findOneOrFail(ctx, input.sealId, SEAL_ACTION_OF[type]);
    if (seal.revokedAt) throw sealRevoked(seal.name);
    if (input.organizationId && input.organizationId !== seal.organization?.id) {
      throw badInput('organizationId', "expected the seal's own organisation, or none");
    }

    return seal;
  }
}

/** The one sub-form matching the type; any other given is a mistake worth saying. */
function formFor<T>(input: SubmitApplicationInput): T {
  const expected = FORM_FIELD_OF[input.type];
  const given = Object.values(FORM_FIELD_OF).filter((field) => input.form[field] != null);
  if (given.length !== 1 || given[0] !== expected) {
    const got = given.map((field) => `form.${field}`).join(' and ') || 'none';
    throw badInput('form', `expected form.${expected} alone for ${input.type}, got ${got}`);
  }

  return input.form[expected] as T;
}

function about(seal: Seal, form: ApplicationForm): CheckedApplication {
  return { organizationId: seal.organization?.id ?? null, sealId: seal.id, form, pinHash: null };
}

const verbOf = (type: SealApplicationType): string =>
  ({ RENEW_SEAL: 'renew', CHANGE_SEAL: 'change', CANCEL_SEAL: 'cancel' })[type];

import { hash, verify } from '@node-rs/argon2';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ARGON2 } from '../common/argon2';
import type { SealPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import { badInput, badPin, ErrorCode, sealLocked, type AppError } from '../common/errors';
import type { EventBus } from '../common/pubsub';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { ChangeSealPinInput } from './change-seal-pin.input';
import { SealEventType } from './events/seal-event.type';
import { publishSealEvent } from './events/seal-events';
import { Seal } from './seal.entity';
import type { SealService } from './seal.service';
import { SealAction } from './seal-access';

const PIN = /^\d{6,12}$/;
/** Wrong PINs in a row that lock a seal. */
export const MAX_PIN_ATTEMPTS = 5;

/** Refuses what cannot be a PIN before it is hashed or counted as a wrong guess. */
function checkPinFormat(field: string, pin: string): void {
  if (!PIN.test(pin)) throw badInput(field, `expected 6–12 digits, got ${pin.length} characters`);
}

/** The PIN as it is stored: an argon2id hash, after checking it is 6–12 digits. */
export function hashPin(field: string, pin: string): Promise<string> {
  checkPinFormat(field, pin);

  return hash(pin, ARGON2);
}

/**
 * Seal PINs: checked before every signing and PIN change; MAX_PIN_ATTEMPTS wrong ones in a row
 * lock the seal for a while. Each check commits in a transaction of its own, before the work it
 * guards, so that a refused signing (which rolls back) cannot roll back the count of failures.
 */
export class SealPinService {
  constructor(
    private readonly seals: SealService,
    private readonly history: HistoryService,
    private readonly policy: SealPolicy,
    private readonly events: EventBus,
  ) {}

  /** Passes with the right PIN; else BAD_PIN, SEAL_LOCKED, or the seal's own refusal. */
  async verify(ctx: RequestContext, sealId: string, pin: string): Promise<void> {
    checkPinFormat('pin', pin);
    const refusal = await ctx.em
      .fork()
      .transactional((em) => this.check(ctx, em, sealId, pin, false));
    if (refusal) throw this.announced(ctx, sealId, refusal);
  }

  async changePin(ctx: RequestContext, input: ChangeSealPinInput): Promise<Seal> {
    await this.seals.findOneOrFail(ctx, input.id, SealAction.MANAGE);
    checkPinFormat('currentPin', input.currentPin);
    const pinHash = await hashPin('newPin', input.newPin);
    const outcome = await ctx.em.transactional(async (em) => {
      const refusal = await this.check(ctx, em, input.id, input.currentPin, true);
      if (refusal) return refusal;
      const seal = await em.findOneOrFail(Seal, input.id);
      seal.pinHash = pinHash;
      this.history.record(em, ctx.actor, HistoryAction.SEAL_PIN_CHANGED, { sealId: seal.id });

      return seal;
    });
    if (!(outcome instanceof Seal)) throw this.announced(ctx, input.id, outcome);

    return outcome;
  }

  /**
   * The refusal, after telling the seal's watchers when it is the lock this attempt set (a seal
   * locked before is refused by a throw, not returned); called once the count has committed.
   */
  private announced(ctx: RequestContext, sealId: string, refusal: AppError): AppError {
    if (refusal.code === ErrorCode.SEAL_LOCKED) {
      publishSealEvent(this.events, SealEventType.SEAL_LOCKED, sealId, {
        actorId: ctx.actor.userId,
      });
    }

    return refusal;
  }

  /**
   * Checks the PIN on the locked seal row and counts the outcome; returns the refusal, if any.
   * A seal without a PIN (made before PINs) cannot sign, but its owner may set one.
   */
  private async check(
    ctx: RequestContext,
    em: EntityManager,
    sealId: string,
    pin: string,
    settingPin: boolean,
  ): Promise<AppError | undefined> {
    const seal = await em.findOneOrFail(Seal, sealId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      populate: ['pinHash'],
    });
    const now = new Date();
    this.seals.checkUsable(seal, now);
    if (seal.pinHash === null) {
      return settingPin ? undefined : badInput('pin', 'the seal has no PIN yet: set one first');
    }
    if (PIN.test(pin) && (await verify(seal.pinHash, pin))) {
      seal.failedPinAttempts = 0;
      return undefined;
    }

    return this.countFailure(ctx, em, seal, now);
  }

  private countFailure(ctx: RequestContext, em: EntityManager, seal: Seal, now: Date): AppError {
    seal.failedPinAttempts += 1;
    const left = MAX_PIN_ATTEMPTS - seal.failedPinAttempts;
    if (left > 0) return badPin(left);
    seal.failedPinAttempts = 0;
    seal.lockedUntil = new Date(now.getTime() + this.policy.lockMinutes * 60_000);
    this.history.record(em, ctx.actor, HistoryAction.SEAL_LOCKED, {
      sealId: seal.id,
      payload: { lockedUntil: seal.lockedUntil.toISOString(), attempts: MAX_PIN_ATTEMPTS },
    });

    return sealLocked(seal.name, seal.lockedUntil);
  }
}

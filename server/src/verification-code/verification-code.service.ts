import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import {
  badInput,
  badVerificationCode,
  conflict,
  deliveryFailed,
  rateLimited,
  verificationCodeExpired,
  verificationOff,
  type AppError,
} from '../common/errors';
import type { Logger } from '../common/logger';
import type { Deliveries } from '../delivery/deliveries';
import type { MessageDelivery, OutgoingMessage } from '../delivery/message-delivery';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { maskContact } from '../user/contact';
import { User } from '../user/user.entity';
import { codeMessage } from './code-message';
import { contactWhere, normalizeTarget, type CodeTarget } from './code-target';
import type { RequestVerificationCodeInput } from './request-verification-code.input';
import { VerificationChannel } from './verification-channel.enum';
import { VerificationCode } from './verification-code.entity';
import type { VerificationCodeReceipt } from './verification-code-receipt.type';
import { VerificationPurpose } from './verification-purpose.enum';

const CODE_TTL_MS = 5 * 60_000;
const RESEND_INTERVAL_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Wrong codes tried against one code before it is dead. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Verification codes: six random digits, valid for five minutes, good for one use and a few
 * wrong tries, stored only as an HMAC. Sending is rate-limited per address and per IP.
 */
export class VerificationCodeService {
  private readonly key: Buffer;

  constructor(
    masterKey: Buffer,
    private readonly deliveries: Deliveries,
    private readonly history: HistoryService,
    private readonly policy: AccountPolicy,
    private readonly logger: Logger,
  ) {
    // Under the current master key only: a code outlives a key rotation by minutes at most.
    this.key = Buffer.from(hkdfSync('sha256', masterKey, 'eseal', 'verification-code-v1', 32));
  }

  /**
   * Sends a code. A code to reset the password of an address no account has is stored but never
   * sent, and the answer is the same, so that the request reveals nothing about accounts.
   */
  async request(
    ctx: RequestContext,
    input: RequestVerificationCodeInput,
  ): Promise<VerificationCodeReceipt> {
    const key = { ...input, target: normalizeTarget(input.channel, 'target', input.target) };
    const delivery = this.deliveryFor(input.channel);
    const account = await ctx.em.findOne(User, contactWhere(key.channel, key.target));
    this.checkPurpose(key, account);
    const sends = key.purpose === VerificationPurpose.REGISTER || account !== null;
    const code = newCode();
    const message = codeMessage(key.target, code, key.purpose);
    const receipt = await ctx.em.transactional(async (em) => {
      const now = await this.checkRate(em, key, ctx.actor.ip);
      const row = this.store(em, key, sends ? code : newCode(), ctx.actor.ip, now);
      this.recordSent(em, ctx, key, account);
      // Sent before commit, so that a failed delivery leaves neither a code nor its record.
      if (key.purpose === VerificationPurpose.REGISTER) await this.deliver(delivery, message);

      return { expiresAt: row.expiresAt, nextRequestAt: new Date(+now + RESEND_INTERVAL_MS) };
    });
    // After the answer, so that its timing does not tell whether the address has an account.
    if (key.purpose === VerificationPurpose.RESET_PASSWORD && sends) {
      void this.deliver(delivery, message).catch(() => undefined);
    }

    return receipt;
  }

  /**
   * Inside the caller's transaction, takes the newest code sent to the target for the purpose,
   * locked, and uses it up when `code` matches. Returns the refusal otherwise: the caller should
   * commit it (a wrong guess is counted) and then throw it.
   */
  async consume(em: EntityManager, key: CodeTarget, code: string): Promise<AppError | undefined> {
    const row = await em.findOne(
      VerificationCode,
      { channel: key.channel, target: key.target, purpose: key.purpose },
      { orderBy: { createdAt: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const now = new Date();
    if (!row || row.usedAt || row.expiresAt <= now || row.failedAttempts >= MAX_CODE_ATTEMPTS) {
      return verificationCodeExpired();
    }
    if (!this.matches(row, code)) {
      row.failedAttempts += 1;
      return badVerificationCode(MAX_CODE_ATTEMPTS - row.failedAttempts);
    }
    row.usedAt = now;

    return undefined;
  }

  private deliveryFor(channel: VerificationChannel): MessageDelivery {
    const delivery =
      channel === VerificationChannel.EMAIL ? this.deliveries.email : this.deliveries.sms;
    if (!delivery)
      throw badInput('channel', `${channel} delivery is not configured on this server`);

    return delivery;
  }

  private checkPurpose(key: CodeTarget, account: User | null): void {
    if (key.purpose !== VerificationPurpose.REGISTER) return;
    if (!this.policy.verificationRequired) throw verificationOff('purpose');
    if (account) {
      const field = key.channel === VerificationChannel.EMAIL ? 'email' : 'phone';
      throw conflict(`An account with this ${field} already exists`, field);
    }
  }

  /**
   * Refuses a code too soon after the last one to the target, or past the hourly limits of the
   * target and the IP. Advisory locks on both make concurrent requests take turns, so that none
   * slips under a limit another is about to reach. Returns the time to stamp the new code with.
   */
  private async checkRate(em: EntityManager, key: CodeTarget, ip: string | undefined) {
    await advisoryLock(em, `verification-code:${key.channel}:${key.target}`);
    if (ip) await advisoryLock(em, `verification-code-ip:${ip}`);
    const now = new Date();
    const where = { channel: key.channel, target: key.target };
    const toTarget = await this.recent(em, where, this.policy.codesPerTargetHour, now);
    const last = toTarget[0]?.createdAt;
    if (last && +now - +last < RESEND_INTERVAL_MS) {
      throw rateLimited('for this address', new Date(+last + RESEND_INTERVAL_MS), now);
    }
    if (toTarget.length >= this.policy.codesPerTargetHour) {
      throw rateLimited('for this address in an hour', hourAfter(toTarget.at(-1)!), now);
    }
    const fromIp = ip ? await this.recent(em, { ip }, this.policy.codesPerIpHour, now) : [];
    if (fromIp.length >= this.policy.codesPerIpHour) {
      throw rateLimited('from this IP address in an hour', hourAfter(fromIp.at(-1)!), now);
    }

    return now;
  }

  /** The newest codes of the last hour matching `where`, at most `limit` of them. */
  private recent(
    em: EntityManager,
    where: { channel: VerificationChannel; target: string } | { ip: string },
    limit: number,
    now: Date,
  ) {
    return em.find(
      VerificationCode,
      { ...where, createdAt: { $gt: new Date(+now - HOUR_MS) } },
      { orderBy: { createdAt: 'desc' }, limit, fields: ['createdAt'] },
    );
  }

  private store(
    em: EntityManager,
    key: CodeTarget,
    code: string,
    ip: string | undefined,
    now: Date,
  ): VerificationCode {
    const row = em.create(VerificationCode, {
      ...key,
      codeHash: '',
      ip: ip?.slice(0, 64) ?? null,
      createdAt: now,
      expiresAt: new Date(+now + CODE_TTL_MS),
    });
    row.codeHash = this.hash(row.id, code).toString('hex');

    return row;
  }

  /** The actor is whoever asked; the account the code is for, if any, is named in the payload. */
  private recordSent(
    em: EntityManager,
    ctx: RequestContext,
    key: CodeTarget,
    account: User | null,
  ) {
    const payload = { channel: key.channel, purpose: key.purpose, target: maskContact(key.target) };
    const found =
      key.purpose === VerificationPurpose.RESET_PASSWORD
        ? { accountFound: !!account, ...(account ? { userId: account.id } : {}) }
        : {};
    this.history.record(em, ctx.actor, HistoryAction.VERIFICATION_CODE_SENT, {
      payload: { ...payload, ...found },
    });
  }

  private async deliver(delivery: MessageDelivery, message: OutgoingMessage): Promise<void> {
    try {
      await delivery.send(message);
    } catch (error) {
      // The error is the provider's; the message (and its code) stays out of the log.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ delivery: delivery.name, reason }, 'could not send a verification code');
      throw deliveryFailed(delivery.name);
    }
  }

  private hash(id: string, code: string): Buffer {
    return createHmac('sha256', this.key).update(`${id}:${code}`).digest();
  }

  private matches(row: VerificationCode, code: string): boolean {
    return timingSafeEqual(Buffer.from(row.codeHash, 'hex'), this.hash(row.id, code));
  }
}

/** Six random digits, leading zeros included. */
function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

function hourAfter(row: { createdAt: Date }): Date {
  return new Date(+row.createdAt + HOUR_MS);
}

/** Held until the transaction ends. */
async function advisoryLock(em: EntityManager, name: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [name]);
}

import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../common/context';
import { AppError, verificationCodeExpired } from '../common/errors';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { SessionService } from '../session/session.service';
import { checkCodeFormat, contactWhere, normalizeTarget } from '../verification-code/code-target';
import { VerificationChannel } from '../verification-code/verification-channel.enum';
import type { VerificationCodeService } from '../verification-code/verification-code.service';
import { VerificationPurpose } from '../verification-code/verification-purpose.enum';
import { hashPassword } from './password';
import type { ResetPasswordInput } from './reset-password.input';
import { User } from './user.entity';

/**
 * A forgotten password, replaced on the strength of a code sent to the account's e-mail address
 * or phone. Every session of the account ends, and a password lock is lifted.
 */
export class PasswordResetService {
  constructor(
    private readonly codes: VerificationCodeService,
    private readonly sessions: SessionService,
    private readonly history: HistoryService,
  ) {}

  async reset(ctx: RequestContext, input: ResetPasswordInput): Promise<boolean> {
    const target = normalizeTarget(input.channel, 'target', input.target);
    checkCodeFormat('verificationCode', input.verificationCode);
    const passwordHash = await hashPassword('newPassword', input.newPassword);
    const key = { channel: input.channel, target, purpose: VerificationPurpose.RESET_PASSWORD };
    const outcome = await ctx.em.transactional(async (em) => {
      // An address without an account only ever had a code nobody was sent: it never matches.
      const refusal = await this.codes.consume(em, key, input.verificationCode);
      if (refusal) return refusal;
      const where = contactWhere(input.channel, target);
      const user = await em.findOne(User, where, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) return verificationCodeExpired();
      const now = new Date();
      user.passwordHash = passwordHash;
      [user.failedLoginAttempts, user.lockedUntil] = [0, null];
      if (input.channel === VerificationChannel.EMAIL) user.emailVerifiedAt ??= now;
      else user.phoneVerifiedAt ??= now;
      const sessionsEnded = await this.sessions.revokeAll(em, user.id);
      this.history.record(em, { ...ctx.actor, userId: user.id }, HistoryAction.PASSWORD_RESET, {
        payload: { channel: input.channel, sessionsEnded },
      });

      return true;
    });
    if (outcome instanceof AppError) throw outcome;

    return outcome;
  }
}

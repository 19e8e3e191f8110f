import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import { AppError, badInput, conflict, notFound, verificationOff } from '../common/errors';
import { requireText } from '../common/text';
import { isUuid } from '../common/ids';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { SessionService } from '../session/session.service';
import { checkCodeFormat, type CodeTarget } from '../verification-code/code-target';
import { VerificationChannel } from '../verification-code/verification-channel.enum';
import type { VerificationCodeService } from '../verification-code/verification-code.service';
import { VerificationPurpose } from '../verification-code/verification-purpose.enum';
import { createAdminAccount, type AdminCredentials } from './admin-account';
import type { AuthPayload } from './auth-payload.type';
import { normalizeEmail, normalizePhone } from './contact';
import { hashPassword } from './password';
import type { RegisterInput } from './register.input';
import { User } from './user.entity';
import { UserRole } from './user-role.enum';

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;

/** Accounts: registration and lookup. */
export class UserService {
  constructor(
    private readonly sessions: SessionService,
    private readonly codes: VerificationCodeService,
    private readonly history: HistoryService,
    private readonly policy: AccountPolicy,
  ) {}

  /**
   * Creates an account and signs it in. With VERIFICATION_REQUIRED the code is checked and used
   * up in the same transaction, so a refused registration (a taken username) leaves it usable;
   * a wrong code is counted and committed before the refusal.
   */
  async register(ctx: RequestContext, input: RegisterInput): Promise<AuthPayload> {
    const fields = validateRegistration(input);
    const proof = this.verificationOf(input, fields);
    const passwordHash = await hashPassword('password', input.password);
    const outcome = await ctx.em.transactional(async (em) => {
      const refusal = proof && (await this.codes.consume(em, proof, input.verificationCode!));
      if (refusal) return refusal;
      const now = new Date();
      const user = em.create(User, {
        ...fields,
        passwordHash,
        createdAt: now,
        emailVerifiedAt: proof?.channel === VerificationChannel.EMAIL ? now : null,
        phoneVerifiedAt: proof?.channel === VerificationChannel.SMS ? now : null,
      });
      this.history.record(em, { ...ctx.actor, userId: user.id }, HistoryAction.USER_REGISTERED, {
        payload: proof ? { verified: proof.channel } : {},
      });
      await em.flush().catch(rethrowDuplicate);

      return this.sessions.start(em, user);
    });
    if (outcome instanceof AppError) throw outcome;

    return outcome;
  }

  /**
   * Creates the configured administrator when the platform has none, so that a fresh
   * installation can be run without touching the database. Returns whether it did.
   */
  async ensureAdmin(em: EntityManager, admin: AdminCredentials | undefined): Promise<boolean> {
    if (!admin || (await em.count(User, { role: UserRole.ADMIN })) > 0) return false;
    // Servers started together may race here; the username's uniqueness lets one of them win.
    try {
      return await createAdminAccount(em, this.history, admin, 'startup');
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      if (error instanceof Error) error.message = `ADMIN_USERNAME: ${error.message}`;
      throw error;
    }
  }

  async findOneOrFail(ctx: RequestContext, id: string): Promise<User> {
    const user = isUuid(id) ? await ctx.em.findOne(User, id) : null;
    if (!user) throw notFound('User', id);

    return user;
  }

  /** The code a registration must prove its contact with, when verification is on. */
  private verificationOf(
    input: RegisterInput,
    fields: { email: string | null; phone: string | null },
  ): CodeTarget | undefined {
    const code = input.verificationCode ?? null;
    if (!this.policy.verificationRequired) {
      if (code !== null) throw verificationOff('verificationCode');
      return undefined;
    }
    if (fields.email !== null && fields.phone !== null) {
      throw badInput('phone', 'give email or phone with its verificationCode, not both');
    }
    if (fields.email === null && fields.phone === null) {
      throw badInput('email', 'expected an e-mail address or a phone, with the code sent to it');
    }
    if (code === null) throw badInput('verificationCode', 'expected the code sent to you');
    checkCodeFormat('verificationCode', code);
    const channel = fields.email ? VerificationChannel.EMAIL : VerificationChannel.SMS;
    const target = (fields.email ?? fields.phone)!;

    return { channel, target, purpose: VerificationPurpose.REGISTER };
  }
}

function validateRegistration(input: RegisterInput) {
  // Usernames are compared without case, so that ZhangSan cannot pose as zhangsan.
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw badInput('username', `expected 3–32 letters, digits, ".", "-" or "_", got "${username}"`);
  }
  const displayName = requireText('displayName', input.displayName, 1, 64);
  const email = input.email?.trim() ? normalizeEmail('email', input.email) : null;
  const phone = input.phone?.trim() ? normalizePhone('phone', input.phone) : null;

  return { username, displayName, email, phone };
}

function rethrowDuplicate(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) {
    const field = /\((\w+)\)=/.exec(error.message)?.[1] ?? 'username';
    throw conflict(`An account with this ${field} already exists`, field);
  }
  throw error;
}

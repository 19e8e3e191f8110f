import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ARGON2 } from '../common/argon2';
import type { AccountPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import { accountLocked, AppError, badCredentials } from '../common/errors';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { SessionService } from '../session/session.service';
import type { AuthPayload } from './auth-payload.type';
import { phoneForm } from './contact';
import type { LoginInput } from './login.input';
import { User } from './user.entity';

/** Wrong passwords in a row that lock an account. */
export const MAX_LOGIN_ATTEMPTS = 5;

/**
 * Signing in with a password. Each attempt on an account runs on its locked row and commits its
 * count and history on its own, so that parallel guesses take turns (none gets past the limit)
 * and a refused login cannot roll its failure back.
 */
export class LoginService {
  /** Verified against on unknown logins too, so timing does not reveal which logins exist. */
  private readonly decoyHash = hash('not-a-real-password', ARGON2);

  constructor(
    private readonly sessions: SessionService,
    private readonly history: HistoryService,
    private readonly policy: AccountPolicy,
  ) {}

  async login(ctx: RequestContext, input: LoginInput): Promise<AuthPayload> {
    const login = input.login.trim();
    const found = await findByLogin(ctx.em, login);
    const outcome = found
      ? await ctx.em.transactional((em) => this.attempt(ctx, em, found.id, login, input.password))
      : await this.refuseUnknown(ctx, login, input.password);
    if (outcome instanceof AppError) throw outcome;

    return outcome;
  }

  private async attempt(
    ctx: RequestContext,
    em: EntityManager,
    userId: string,
    login: string,
    password: string,
  ): Promise<AuthPayload | AppError> {
    const user = await em.findOneOrFail(User, userId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      populate: ['passwordHash'],
    });
    const now = new Date();
    const lockedUntil = user.lockedAt(now);
    if (lockedUntil) {
      this.recordFailure(em, ctx, login, 'ACCOUNT_LOCKED', user.id);
      return accountLocked(lockedUntil);
    }
    if (!(await verify(user.passwordHash, password)))
      return this.countFailure(em, ctx, user, login, now);
    user.failedLoginAttempts = 0;
    this.history.record(em, { ...ctx.actor, userId: user.id }, HistoryAction.LOGGED_IN);

    return this.sessions.start(em, user);
  }

  private countFailure(
    em: EntityManager,
    ctx: RequestContext,
    user: User,
    login: string,
    now: Date,
  ): AppError {
    this.recordFailure(em, ctx, login, 'WRONG_PASSWORD', user.id);
    user.failedLoginAttempts += 1;
    if (user.failedLoginAttempts < MAX_LOGIN_ATTEMPTS) return badCredentials();
    user.failedLoginAttempts = 0;
    user.lockedUntil = new Date(+now + this.policy.loginLockMinutes * 60_000);
    this.history.record(em, ctx.actor, HistoryAction.ACCOUNT_LOCKED, {
      payload: {
        userId: user.id,
        lockedUntil: user.lockedUntil.toISOString(),
        attempts: MAX_LOGIN_ATTEMPTS,
      },
    });

    return accountLocked(user.lockedUntil);
  }

  private async refuseUnknown(ctx: RequestContext, login: string, password: string) {
    await verify(await this.decoyHash, password);
    await ctx.em.transactional((em) => this.recordFailure(em, ctx, login, 'UNKNOWN_LOGIN'));

    return badCredentials();
  }

  /**
   * The actor is whoever tried; the account tried, if any, is named in the payload. A login that
   * names no account is kept only as its SHA-256: it may be a password typed in the wrong box,
   * and the history can never forget what it holds.
   */
  private recordFailure(
    em: EntityManager,
    ctx: RequestContext,
    login: string,
    reason: string,
    userId?: string,
  ): void {
    const payload = userId
      ? { login: login.slice(0, 64), reason, userId }
      : { loginSha256: createHash('sha256').update(login).digest('hex'), reason };
    this.history.record(em, ctx.actor, HistoryAction.LOGIN_FAILED, { payload });
  }
}

/**
 * The account a login names: by username, else e-mail, else phone, since a username of digits
 * may be someone else's phone number.
 */
async function findByLogin(em: EntityManager, login: string): Promise<{ id: string } | undefined> {
  const [username, email, phone] = [login.toLowerCase(), login.toLowerCase(), phoneForm(login)];
  const matches = await em.find(
    User,
    { $or: [{ username }, { email }, { phone }] },
    { fields: ['id', 'username', 'email', 'phone'] },
  );

  return (
    matches.find((user) => user.username === username) ??
    matches.find((user) => user.email === email) ??
    matches.find((user) => user.phone === phone)
  );
}

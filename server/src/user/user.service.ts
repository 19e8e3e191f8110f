import { hash, verify } from '@node-rs/argon2';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessTokens } from '../common/access-token';
import { ARGON2 } from '../common/argon2';
import type { RequestContext } from '../common/context';
import { badCredentials, badInput, conflict, notFound } from '../common/errors';
import { requireText } from '../common/text';
import { isUuid } from '../common/ids';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { AuthPayload } from './auth-payload.type';
import type { LoginInput } from './login.input';
import type { RegisterInput } from './register.input';
import { User } from './user.entity';
import { UserRole } from './user-role.enum';

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(\+[1-9]\d{6,14}|1\d{10})$/;

/** Accounts: registration, login and lookup. */
export class UserService {
  /** Verified against on unknown logins too, so timing does not reveal which logins exist. */
  private readonly decoyHash = hash('not-a-real-password', ARGON2);

  constructor(
    private readonly tokens: AccessTokens,
    private readonly history: HistoryService,
  ) {}

  async register(ctx: RequestContext, input: RegisterInput): Promise<AuthPayload> {
    const fields = validateRegistration(input);
    const passwordHash = await hash(input.password, ARGON2);
    const user = await ctx.em.transactional(async (em) => {
      const created = em.create(User, { ...fields, passwordHash, createdAt: new Date() });
      this.history.record(em, { ...ctx.actor, userId: created.id }, HistoryAction.USER_REGISTERED);
      await em.flush().catch(rethrowDuplicate);

      return created;
    });

    return { accessToken: await this.tokens.issue({ userId: user.id }), user };
  }

  async login(ctx: RequestContext, input: LoginInput): Promise<AuthPayload> {
    const login = input.login.trim();
    const user = await ctx.em.findOne(
      User,
      {
        $or: [{ username: login.toLowerCase() }, { email: login.toLowerCase() }, { phone: login }],
      },
      { populate: ['passwordHash'] },
    );
    const valid = await verify(user?.passwordHash ?? (await this.decoyHash), input.password);
    if (!user || !valid) {
      await ctx.em.transactional((em) => {
        const payload = { login: login.slice(0, 64) };
        this.history.record(em, ctx.actor, HistoryAction.LOGIN_FAILED, { payload });
      });
      throw badCredentials();
    }
    await ctx.em.transactional((em) => {
      this.history.record(em, { ...ctx.actor, userId: user.id }, HistoryAction.LOGGED_IN);
    });

    return { accessToken: await this.tokens.issue({ userId: user.id }), user };
  }

  /**
   * Creates the configured administrator when the platform has none, so that a fresh
   * installation can be run without touching the database. Returns whether it did.
   */
  async ensureAdmin(
    em: EntityManager,
    admin: { username: string; password: string } | undefined,
  ): Promise<boolean> {
    if (!admin || (await em.count(User, { role: UserRole.ADMIN })) > 0) return false;
    const { username } = admin;
    const passwordHash = await hash(admin.password, ARGON2);
    // Servers started together may race here; the username's uniqueness lets one of them win.
    try {
      return await em.transactional(async (tx) => {
        const existing = await tx.findOne(User, { username });
        if (existing?.role === UserRole.ADMIN) return false;
        if (existing) throw new Error(`ADMIN_USERNAME: an ordinary account "${username}" exists`);
        const user = tx.create(User, {
          username,
          passwordHash,
          displayName: username,
          role: UserRole.ADMIN,
        });
        const actor = { userId: user.id, requestId: 'startup' };
        this.history.record(tx, actor, HistoryAction.USER_REGISTERED, {
          payload: { role: user.role },
        });

        return true;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  async findOneOrFail(ctx: RequestContext, id: string): Promise<User> {
    const user = isUuid(id) ? await ctx.em.findOne(User, id) : null;
    if (!user) throw notFound('User', id);

    return user;
  }
}

function validateRegistration(input: RegisterInput) {
  // Usernames are compared without case, so that ZhangSan cannot pose as zhangsan.
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw badInput('username', `expected 3–32 letters, digits, ".", "-" or "_", got "${username}"`);
  }
  if (input.password.length < 8 || input.password.length > 256) {
    throw badInput('password', `expected 8–256 characters, got ${input.password.length}`);
  }
  const displayName = requireText('displayName', input.displayName, 1, 64);
  const email = input.email?.trim().toLowerCase() || null;
  if (email !== null && (!EMAIL.test(email) || email.length > 254)) {
    throw badInput('email', `expected an e-mail address, got "${email.slice(0, 64)}"`);
  }
  const phone = input.phone?.replace(/[\s-]/g, '') || null;
  if (phone !== null && !PHONE.test(phone)) {
    throw badInput('phone', `expected 11 digits or +country number, got "${phone.slice(0, 32)}"`);
  }

  return { username, displayName, email, phone };
}

function rethrowDuplicate(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) {
    const field = /\((\w+)\)=/.exec(error.message)?.[1] ?? 'username';
    throw conflict(`An account with this ${field} already exists`, field);
  }
  throw error;
}

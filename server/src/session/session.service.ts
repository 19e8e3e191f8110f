import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessTokens } from '../common/access-token';
import type { AccountPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import { AppError, invalidRefreshToken } from '../common/errors';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { AuthPayload } from '../user/auth-payload.type';
import { User } from '../user/user.entity';
import { RefreshToken } from './refresh-token.entity';

/**
 * Sessions: a short-lived access token (a JWT, checked without the database) and a rotating
 * refresh token (kept as a hash, checked and replaced at each use).
 */
export class SessionService {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly history: HistoryService,
    private readonly policy: AccountPolicy,
  ) {}

  /** A new session for the user, inside the caller's transaction. */
  start(em: EntityManager, user: User): Promise<AuthPayload> {
    return this.issue(em, user, randomUUID(), new Date());
  }

  /** A new pair for a valid refresh token; a used one revokes its family instead. */
  async refresh(ctx: RequestContext, token: string): Promise<AuthPayload> {
    const outcome = await ctx.em.transactional(async (em) => {
      const row = await this.findLocked(em, token);
      const now = new Date();
      if (!row || row.revokedAt || row.expiresAt <= now) return invalidRefreshToken();
      const actor = { ...ctx.actor, userId: row.user.id };
      if (row.usedAt) {
        await this.revokeFamily(em, row.familyId, now);
        this.history.record(em, actor, HistoryAction.REFRESH_TOKEN_REUSED, {
          payload: { familyId: row.familyId },
        });
        return invalidRefreshToken();
      }
      row.usedAt = now;
      this.history.record(em, actor, HistoryAction.TOKEN_REFRESHED, {
        payload: { familyId: row.familyId },
      });

      return this.issue(em, await em.findOneOrFail(User, row.user.id), row.familyId, now);
    });
    if (outcome instanceof AppError) throw outcome;

    return outcome;
  }

  /** Revokes the token's family; true whatever the token was, so it tells nothing. */
  async logout(ctx: RequestContext, token: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const row = await this.findLocked(em, token);
      if (!row || row.revokedAt) return;
      await this.revokeFamily(em, row.familyId, new Date());
      this.history.record(em, { ...ctx.actor, userId: row.user.id }, HistoryAction.LOGGED_OUT, {
        payload: { familyId: row.familyId },
      });
    });

    return true;
  }

  /** Ends every session of the user (after a password reset); returns how many it ended. */
  async revokeAll(em: EntityManager, userId: string): Promise<number> {
    const live = { user: userId, revokedAt: null, expiresAt: { $gt: new Date() } };
    const families = await em.find(RefreshToken, live, { fields: ['familyId'] });
    await em.nativeUpdate(
      RefreshToken,
      { user: userId, revokedAt: null },
      { revokedAt: new Date() },
    );

    return new Set(families.map((row) => row.familyId)).size;
  }

  private async issue(
    em: EntityManager,
    user: User,
    familyId: string,
    now: Date,
  ): Promise<AuthPayload> {
    const refreshToken = randomBytes(32).toString('base64url');
    em.create(RefreshToken, {
      user,
      familyId,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt: new Date(+now + this.policy.refreshTokenTtlSeconds * 1000),
    });
    const access = await this.tokens.issue({ userId: user.id });

    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      user,
    };
  }

  private findLocked(em: EntityManager, token: string): Promise<RefreshToken | null> {
    return em.findOne(
      RefreshToken,
      { tokenHash: sha256(token) },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  private async revokeFamily(em: EntityManager, familyId: string, now: Date): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
  }
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

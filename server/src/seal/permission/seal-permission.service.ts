import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireUser } from '../../common/context';
import {
  badInput,
  conflict,
  forbidden,
  granteeNotMember,
  notFound,
  sealRevoked,
} from '../../common/errors';
import { isUuid } from '../../common/ids';
import { checkPage, newestFirstPage, type PageInput } from '../../common/page.input';
import type { EventBus } from '../../common/pubsub';
import { optionalText, requireText } from '../../common/text';
import { HistoryAction } from '../../history/history-action.enum';
import type { HistoryService } from '../../history/history.service';
import { isPlatformAdmin, KEEPS_SEALS } from '../../organization/organization-access';
import { OrganizationMember } from '../../organization/organization-member.entity';
import { User } from '../../user/user.entity';
import { SealEventType } from '../events/seal-event.type';
import { publishSealEvent } from '../events/seal-events';
import { mayActOn, SealAction, useRight } from '../seal-access';
import { Seal } from '../seal.entity';
import type { SealService } from '../seal.service';
import type { GrantSealPermissionInput } from './grant-seal-permission.input';
import type { RevokeSealPermissionInput } from './revoke-seal-permission.input';
import type { SealPermissionFilter } from './seal-permission-filter.input';
import type { SealPermissionPage } from './seal-permission-page.type';
import { SealPermissionQuery } from './seal-permission-query';
import { markRevoked } from './revoke-grants';
import { SealPermission } from './seal-permission.entity';

/** The longest period a grant may span. */
const MAX_GRANT_YEARS = 3;

/**
 * Grants of the right to sign with someone else's seal: made and revoked by whoever may grant
 * the seal, counted at each signing under a lock, so that a grant of n uses signs n times even
 * when its holder signs many documents at once.
 */
export class SealPermissionService {
  constructor(
    private readonly seals: SealService,
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  async grant(ctx: RequestContext, input: GrantSealPermissionInput): Promise<SealPermission> {
    const granterId = requireUser(ctx);
    const found = await this.seals.findOneOrFail(ctx, input.sealId, SealAction.GRANT);
    if (found.revokedAt) throw sealRevoked(found.name);
    const now = new Date();
    const terms = checkTerms(input, now);
    const grantee = await this.granteeFor(ctx.em, found, input.userId);

    const permission = await ctx.em.transactional(async (em) => {
      // Locked as deleteSeal locks it: a seal deleted meanwhile is not granted.
      const seal = await em.findOneOrFail(Seal, found.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      });
      if (seal.revokedAt) throw sealRevoked(seal.name);
      const permission = em.create(SealPermission, {
        seal,
        grantee,
        grantedBy: granterId,
        ...terms,
        // A grant in force at once is announced by PERMISSION_GRANTED; only later starts wait.
        announcedStartAt: terms.validFrom <= now ? now : null,
        createdAt: now,
      });
      this.history.record(em, ctx.actor, HistoryAction.PERMISSION_GRANTED, {
        sealId: seal.id,
        payload: {
          permissionId: permission.id,
          granteeId: grantee.id,
          validFrom: terms.validFrom.toISOString(),
          validTo: terms.validTo.toISOString(),
          maxUses: terms.maxUses,
        },
      });

      return permission;
    });
    this.announce(SealEventType.PERMISSION_GRANTED, permission, granterId);

    return permission;
  }

  async revoke(ctx: RequestContext, input: RevokeSealPermissionInput): Promise<SealPermission> {
    const revokerId = requireUser(ctx);
    const found = await this.findOneOrFail(ctx, input.id);
    await this.seals.findOneOrFail(ctx, found.seal.id, SealAction.GRANT);
    const reason = requireText('reason', input.reason, 1, 256);

    const permission = await ctx.em.transactional(async (em) => {
      const permission = await em.findOneOrFail(SealPermission, found.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      });
      if (permission.revokedAt) {
        throw conflict(
          `Grant ${permission.id} was revoked on ${permission.revokedAt.toISOString()}`,
        );
      }
      markRevoked(em, this.history, ctx.actor, permission, reason);

      return permission;
    });
    this.announce(SealEventType.PERMISSION_REVOKED, permission, revokerId);

    return permission;
  }

  /** A grant by id, or NOT_FOUND; who may act on it is the caller's to check. */
  async findOneOrFail(ctx: RequestContext, id: string): Promise<SealPermission> {
    const permission = isUuid(id) ? await ctx.em.findOne(SealPermission, id) : null;
    if (!permission) throw notFound('SealPermission', id);

    return permission;
  }

  /** A page of the grants the user may see matching the filter, newest first. */
  async findMany(
    ctx: RequestContext,
    filter: SealPermissionFilter = {},
    page?: PageInput | null,
  ): Promise<SealPermissionPage> {
    const checked = checkPage(page, 'sealPermissions');
    requireUser(ctx);
    const matching = (await SealPermissionQuery.of(ctx, filter)).matching(ctx.em);

    return newestFirstPage(matching, checked, 'sealPermissions');
  }

  /** A seal's grants: all of them for those who may grant it, else the viewer's own. */
  async ofSeal(ctx: RequestContext, seal: Seal): Promise<SealPermission[]> {
    const all = await ctx.loaders.permissionsOfSeal.load(seal.id);
    if (await this.maySeeAllOf(ctx, seal)) return all;

    return all.filter((permission) => permission.grantee.id === ctx.actor.userId);
  }

  /** The grants a user holds, for themself and platform admins; FORBIDDEN for anyone else. */
  async heldBy(ctx: RequestContext, userId: string): Promise<SealPermission[]> {
    if (userId !== ctx.actor.userId && !(await isPlatformAdmin(ctx))) {
      throw forbidden(`the grants of user ${userId}`);
    }

    return ctx.loaders.permissionsOfGrantee.load(userId);
  }

  /** Whether the viewer may see this grant: its holder, or someone who sees all of the seal's. */
  async maySee(ctx: RequestContext, permission: SealPermission, seal: Seal): Promise<boolean> {
    return permission.grantee.id === ctx.actor.userId || (await this.maySeeAllOf(ctx, seal));
  }

  /**
   * The right the signer signs under, decided on their grants locked in the signing transaction:
   * null for the seal's keeper, else the grant, with this use counted (undone if the signing
   * rolls back). Refuses with FORBIDDEN or the grant's PERMISSION_… code.
   */
  async claimUse(
    ctx: RequestContext,
    em: EntityManager,
    seal: Seal,
    now: Date,
  ): Promise<SealPermission | null> {
    const grants = await em.find(
      SealPermission,
      { seal, grantee: requireUser(ctx) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    const right = await useRight(ctx, seal, grants, now);
    if (right.by === 'NONE') throw right.refusal;
    if (right.by === 'KEEPER') return null;
    right.permission.usedCount += 1;

    return right.permission;
  }

  private async maySeeAllOf(ctx: RequestContext, seal: Seal): Promise<boolean> {
    return (await mayActOn(ctx, seal, SealAction.GRANT)) || (await isPlatformAdmin(ctx));
  }

  /**
   * The account to grant to: it exists, does not already sign with the seal as its keeper, and
   * belongs to the organisation that holds a company seal.
   */
  private async granteeFor(em: EntityManager, seal: Seal, userId: string): Promise<User> {
    if (!isUuid(userId)) throw badInput('userId', `expected a UUID, got "${userId.slice(0, 40)}"`);
    const grantee = await em.findOne(User, userId);
    if (!grantee) throw notFound('User', userId);
    const membership = seal.organization
      ? await em.findOne(OrganizationMember, { organization: seal.organization, user: userId })
      : null;
    if (seal.organization && !membership) throw granteeNotMember(userId);
    const keeps = !seal.organization || KEEPS_SEALS.includes(membership!.role);
    if (seal.owner.id === userId && keeps) {
      throw badInput(
        'userId',
        "expected someone other than the seal's keeper, who signs with it without a grant",
      );
    }

    return grantee;
  }

  private announce(type: SealEventType, permission: SealPermission, actorId: string): void {
    publishSealEvent(this.events, type, permission.seal.id, {
      permissionId: permission.id,
      actorId,
    });
  }
}

/** The grant's period and uses, checked: validTo after validFrom and in the future, ≤ 3 years. */
function checkTerms(input: GrantSealPermissionInput, now: Date) {
  const validFrom = input.validFrom ?? now;
  const { validTo } = input;
  if (validTo <= validFrom) {
    throw badInput(
      'validTo',
      `expected a time after validFrom (${validFrom.toISOString()}), got ${validTo.toISOString()}`,
    );
  }
  if (validTo <= now) {
    throw badInput('validTo', `expected a time in the future, got ${validTo.toISOString()}`);
  }
  const latest = new Date(validFrom);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_GRANT_YEARS);
  if (validTo > latest) {
    throw badInput(
      'validTo',
      `expected a period of at most ${MAX_GRANT_YEARS} years, ending by ${latest.toISOString()}, got ${validTo.toISOString()}`,
    );
  }
  const maxUses = input.maxUses ?? null;
  if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1)) {
    throw badInput('maxUses', `expected an integer from 1, or none for no limit, got ${maxUses}`);
  }

  return { validFrom, validTo, maxUses, note: optionalText('note', input.note, 256) };
}

import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { badInput, conflict, forbidden, lastOrganizationAdmin, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { afterCondition, checkPage, pageOf, type PageInput } from '../common/page.input';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { EventBus } from '../common/pubsub';
import { SealEventType } from '../seal/events/seal-event.type';
import { publishSealEvent } from '../seal/events/seal-events';
import { revokeLiveGrants } from '../seal/permission/revoke-grants';
import type { SealPermission } from '../seal/permission/seal-permission.entity';
import { User } from '../user/user.entity';
import type { CreateOrganizationInput } from './create-organization.input';
import { isPlatformAdmin, organizationsOf, roleIn } from './organization-access';
import { OrganizationMember } from './organization-member.entity';
import type {
  AddOrganizationMemberInput,
  ChangeOrganizationMemberRoleInput,
  RemoveOrganizationMemberInput,
} from './organization-member.input';
import type { OrganizationPage } from './organization-page.type';
import { OrganizationRole } from './organization-role.enum';
import { Organization } from './organization.entity';
import { uniformCodeProblem } from './unified-social-credit-code';

/** Organisations and their members: who holds which role where. */
export class OrganizationService {
  constructor(
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  /** Registers an organisation; its creator becomes its first ORG_ADMIN. */
  async create(ctx: RequestContext, input: CreateOrganizationInput): Promise<Organization> {
    const userId = ctx.actor.userId!;
    const fields = validateOrganization(input);
    try {
      return await ctx.em.transactional((em) => {
        const organization = em.create(Organization, { ...fields, createdBy: userId });
        em.create(OrganizationMember, {
          organization,
          user: userId,
          role: OrganizationRole.ORG_ADMIN,
        });
        this.history.record(em, ctx.actor, HistoryAction.ORGANIZATION_CREATED, {
          payload: { organizationId: organization.id, ...fields },
        });

        return organization;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      throw conflict(
        `An organisation with the code ${fields.unifiedSocialCreditCode} is registered already`,
        'unifiedSocialCreditCode',
      );
    }
  }

  /** An organisation the user belongs to (any organisation for platform admins). */
  async findOneOrFail(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = isUuid(id) ? await ctx.loaders.organization.load(id) : undefined;
    if (!organization) throw notFound('Organization', id);
    if (!(await roleIn(ctx, id)) && !(await isPlatformAdmin(ctx))) {
      throw forbidden(`organisation ${id}`);
    }

    return organization;
  }

  /** The user's organisations by name; platform admins see every one. */
  async findMany(ctx: RequestContext, page?: PageInput | null): Promise<OrganizationPage> {
    const checked = checkPage(page, 'organizations');
    const mine = (await isPlatformAdmin(ctx)) ? [] : [{ id: { $in: await organizationsOf(ctx) } }];
    const after = checked.after ? [afterCondition(checked.after, 'name', 'asc')] : [];
    const totalCount = await ctx.em.count(Organization, mine.length ? { $and: mine } : {});
    const rows = await ctx.em.find(
      Organization,
      mine.length + after.length ? { $and: [...mine, ...after] } : {},
      { orderBy: { name: 'asc', id: 'asc' }, offset: checked.offset, limit: checked.limit + 1 },
    );

    return {
      ...pageOf(rows, checked, 'organizations', (o) => ({ key: o.name, id: o.id })),
      totalCount,
    };
  }

  async addMember(
    ctx: RequestContext,
    input: AddOrganizationMemberInput,
  ): Promise<OrganizationMember> {
    return this.administer(ctx, input.organizationId, async (em) => {
      const user = await findAccount(em, input);
      const existing = await em.findOne(OrganizationMember, {
        organization: input.organizationId,
        user,
      });
      if (existing) throw conflict(`${user.username} is a member already`, 'userId');
      const member = em.create(OrganizationMember, {
        organization: input.organizationId,
        user,
        role: input.role,
      });
      this.record(em, ctx, HistoryAction.ORGANIZATION_MEMBER_ADDED, member);

      return member;
    });
  }

  async changeMemberRole(
    ctx: RequestContext,
    input: ChangeOrganizationMemberRoleInput,
  ): Promise<OrganizationMember> {
    return this.administer(ctx, input.organizationId, async (em) => {
      const member = await findMember(em, input.organizationId, input.userId);
      const from = member.role;
      if (from === OrganizationRole.ORG_ADMIN && input.role !== from) {
        await refuseLastAdmin(em, input.organizationId);
      }
      member.role = input.role;
      this.history.record(em, ctx.actor, HistoryAction.ORGANIZATION_MEMBER_ROLE_CHANGED, {
        payload: { ...membershipOf(member), from },
      });

      return member;
    });
  }

  /** Removes a member; members may leave by themselves. Returns the removed membership. */
  async removeMember(
    ctx: RequestContext,
    input: RemoveOrganizationMemberInput,
  ): Promise<OrganizationMember> {
    const leaving = input.userId === ctx.actor.userId;
    let ended: SealPermission[] = [];
    const removed = await this.administer(
      ctx,
      input.organizationId,
      async (em) => {
        const member = await findMember(em, input.organizationId, input.userId);
        if (member.role === OrganizationRole.ORG_ADMIN) {
          await refuseLastAdmin(em, input.organizationId);
        }
        this.record(em, ctx, HistoryAction.ORGANIZATION_MEMBER_REMOVED, member);
        const grants = { grantee: input.userId, seal: { organization: input.organizationId } };
        const reason = 'the holder left the organisation';
        ended = await revokeLiveGrants(em, this.history, ctx.actor, grants, reason);
        em.remove(member);

        return member;
      },
      leaving,
    );
    for (const permission of ended) {
      publishSealEvent(this.events, SealEventType.PERMISSION_REVOKED, permission.seal.id, {
        permissionId: permission.id,
        actorId: ctx.actor.userId,
      });
    }

    return removed;
  }

  /**
   * Runs a change of members in a transaction holding the organisation's row, so that changes
   * are serialised (two ORG_ADMINs demoting each other at once cannot leave it with none), and
   * checks under that lock that the actor is still an ORG_ADMIN. Platform admins may step in,
   * e.g. when every ORG_ADMIN has left.
   */
  private async administer<T>(
    ctx: RequestContext,
    organizationId: string,
    change: (em: EntityManager) => Promise<T>,
    selfService = false,
  ): Promise<T> {
    await this.findOneOrFail(ctx, organizationId);
    const platformAdmin = await isPlatformAdmin(ctx);

    return ctx.em.transactional(async (em) => {
      await em.findOneOrFail(Organization, organizationId, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      const actor = await em.findOne(OrganizationMember, {
        organization: organizationId,
        user: ctx.actor.userId!,
      });
      if (!selfService && actor?.role !== OrganizationRole.ORG_ADMIN && !platformAdmin) {
        throw forbidden(`the members of organisation ${organizationId} (ORG_ADMIN only)`);
      }

      return change(em);
    });
  }

  /** Records a membership added or removed, with the member's role. */
  private record(
    em: EntityManager,
    ctx: RequestContext,
    action: HistoryAction.ORGANIZATION_MEMBER_ADDED | HistoryAction.ORGANIZATION_MEMBER_REMOVED,
    member: OrganizationMember,
  ): void {
    this.history.record(em, ctx.actor, action, { payload: membershipOf(member) });
  }
}

const membershipOf = (member: OrganizationMember) => ({
  organizationId: member.organization.id,
  userId: member.user.id,
  role: member.role,
});

async function findAccount(em: EntityManager, input: AddOrganizationMemberInput): Promise<User> {
  if (!input.userId === !input.login) {
    throw badInput('userId', 'expected either userId or login, not both and not neither');
  }
  if (input.userId) {
    const user = isUuid(input.userId) ? await em.findOne(User, input.userId) : null;
    if (!user) throw notFound('User', input.userId);

    return user;
  }
  const login = input.login!.trim();
  const user = await em.findOne(User, {
    $or: [{ username: login.toLowerCase() }, { email: login.toLowerCase() }, { phone: login }],
  });
  if (!user) throw notFound('User', login);

  return user;
}

function validateOrganization(input: CreateOrganizationInput) {
  const unifiedSocialCreditCode = input.unifiedSocialCreditCode.trim().toUpperCase();
  const problem = uniformCodeProblem(unifiedSocialCreditCode);
  if (problem) throw badInput('unifiedSocialCreditCode', problem);

  return {
    name: requireText('name', input.name, 1, 24),
    unifiedSocialCreditCode,
    legalRepresentative: requireText('legalRepresentative', input.legalRepresentative, 1, 12),
  };
}

async function findMember(em: EntityManager, organizationId: string, userId: string) {
  const member = isUuid(userId)
    ? await em.findOne(OrganizationMember, { organization: organizationId, user: userId })
    : null;
  if (!member) throw notFound('Member', userId);

  return member;
}

async function refuseLastAdmin(em: EntityManager, organizationId: string): Promise<void> {
  const admins = await em.count(OrganizationMember, {
    organization: organizationId,
    role: OrganizationRole.ORG_ADMIN,
  });
  if (admins <= 1) throw lastOrganizationAdmin();
}

import type { RequestContext } from '../common/context';
import { UserRole } from '../user/user-role.enum';
import { OrganizationRole } from './organization-role.enum';

/** The signed-in user's role in an organisation, or null when they are not a member. */
export async function roleIn(
  ctx: RequestContext,
  organizationId: string,
): Promise<OrganizationRole | null> {
  if (!ctx.actor.userId) return null;
  const memberships = await ctx.loaders.membershipsOfUser.load(ctx.actor.userId);

  return memberships.find((m) => m.organization.id === organizationId)?.role ?? null;
}

/** Ids of the organisations the signed-in user belongs to (in one of `roles`, when given). */
export async function organizationsOf(
  ctx: RequestContext,
  roles?: readonly OrganizationRole[],
): Promise<string[]> {
  if (!ctx.actor.userId) return [];
  const memberships = await ctx.loaders.membershipsOfUser.load(ctx.actor.userId);

  return memberships.filter((m) => !roles || roles.includes(m.role)).map((m) => m.organization.id);
}

/** Whether the signed-in user runs the platform. */
export async function isPlatformAdmin(ctx: RequestContext): Promise<boolean> {
  if (!ctx.actor.userId) return false;
  const user = await ctx.loaders.user.load(ctx.actor.userId);

  return user?.role === UserRole.ADMIN;
}

/** Roles that look after an organisation's seals. */
export const KEEPS_SEALS: readonly OrganizationRole[] = [
  OrganizationRole.ORG_ADMIN,
  OrganizationRole.SEAL_KEEPER,
];

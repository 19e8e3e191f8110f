import type { RequestContext } from '../common/context';
import {
  type AppError,
  forbidden,
  permissionExhausted,
  permissionExpired,
  permissionNotStarted,
  permissionRevoked,
} from '../common/errors';
import { isPlatformAdmin, KEEPS_SEALS, roleIn } from '../organization/organization-access';
import { OrganizationRole } from '../organization/organization-role.enum';
import { SealPermissionStatus } from './permission/seal-permission-status.enum';
import type { SealPermission } from './permission/seal-permission.entity';
import type { Seal } from './seal.entity';

/**
 * What someone wants to do with a seal. Every lookup of a seal names one, so that the rules of who
 * may do what live here and nowhere else.
 */
export enum SealAction {
  /** See the seal, its image, certificates and usage. */
  VIEW = 'VIEW',
  /** Sign with it (the PIN is checked when signing, and the grant again under lock). */
  USE = 'USE',
  /** Change it: name, image, PIN, renew, re-key. */
  MANAGE = 'MANAGE',
  /** Grant and revoke the right to use it. */
  GRANT = 'GRANT',
  /** Delete it, irreversibly. */
  DELETE = 'DELETE',
}

/** Under what right someone signs with a seal, or why they may not. */
export type UseRight =
  | { by: 'KEEPER' }
  | { by: 'GRANT'; permission: SealPermission }
  | { by: 'NONE'; refusal: AppError };

/** Whether the signed-in user may do `action` with `seal`, by role or by grant. */
export async function mayActOn(
  ctx: RequestContext,
  seal: Seal,
  action: SealAction,
): Promise<boolean> {
  return (await refusalOf(ctx, seal, action)) === null;
}

/**
 * Why the signed-in user may not do `action` with `seal`, or null when they may. Beyond their
 * role, a grant lets its holder see the seal while it stands and sign while it is ACTIVE; a
 * holder whose grants do not let them sign is told why (PERMISSION_EXPIRED, …_EXHAUSTED,
 * …_REVOKED) rather than FORBIDDEN.
 */
export async function refusalOf(
  ctx: RequestContext,
  seal: Seal,
  action: SealAction,
): Promise<AppError | null> {
  if (await mayByRole(ctx, seal, action)) return null;
  const refused = forbidden(`seal ${seal.id}`);
  if (action !== SealAction.VIEW && action !== SealAction.USE) return refused;
  const userId = ctx.actor.userId;
  if (!userId) return refused;
  const grants = await ctx.loaders.permissionsHeld.load({ sealId: seal.id, granteeId: userId });
  const now = new Date();
  if (action === SealAction.VIEW) {
    const counted = await countedGrants(ctx, seal, grants);

    return counted.some((grant) => grant.standsAt(now)) ? null : refused;
  }
  const right = await useRight(ctx, seal, grants, now);

  return right.by === 'NONE' ? right.refusal : null;
}

/**
 * The right under which the signed-in user signs with `seal` at `now`: as its keeper, or under
 * one of `grants` (theirs, on this seal). Signing calls this again with the grants locked, so that
 * the decision and the use it counts cannot be overtaken by a concurrent signing.
 */
export async function useRight(
  ctx: RequestContext,
  seal: Seal,
  grants: readonly SealPermission[],
  now: Date,
): Promise<UseRight> {
  if (await mayByRole(ctx, seal, SealAction.USE)) return { by: 'KEEPER' };
  const counted = await countedGrants(ctx, seal, grants);
  const permission = grantToUse(counted, now);
  if (permission) return { by: 'GRANT', permission };

  return { by: 'NONE', refusal: grantRefusal(counted, now) ?? forbidden(`seal ${seal.id}`) };
}

/**
 * Whether the signed-in user may do `action` with `seal` by who they are, before any grant.
 *
 * A personal seal is its owner's alone. A company seal is the organisation's: its members see it;
 * its ORG_ADMINs and SEAL_KEEPERs look after it; only ORG_ADMINs grant its use; ORG_ADMINs and
 * its keeper (the account that made it, while still ORG_ADMIN or SEAL_KEEPER) may delete it; and
 * only its keeper signs with it without a grant. Platform admins may look at any seal.
 */
async function mayByRole(ctx: RequestContext, seal: Seal, action: SealAction): Promise<boolean> {
  const userId = ctx.actor.userId;
  if (!userId) return false;
  const keeper = seal.owner.id === userId;
  if (!seal.organization) return keeper || (await viewsAsAdmin(ctx, action));
  const role = await roleIn(ctx, seal.organization.id);
  if (!role) return viewsAsAdmin(ctx, action);
  const keeps = KEEPS_SEALS.includes(role);
  switch (action) {
    case SealAction.VIEW:
      return true;
    case SealAction.USE:
      return keeper && keeps;
    case SealAction.MANAGE:
      return keeps;
    case SealAction.GRANT:
      return role === OrganizationRole.ORG_ADMIN;
    case SealAction.DELETE:
      return role === OrganizationRole.ORG_ADMIN || (keeper && keeps);
  }
}

async function viewsAsAdmin(ctx: RequestContext, action: SealAction): Promise<boolean> {
  return action === SealAction.VIEW && (await isPlatformAdmin(ctx));
}

/** The signed-in user's grants that count: on a company seal, only while they are a member. */
async function countedGrants(
  ctx: RequestContext,
  seal: Seal,
  grants: readonly SealPermission[],
): Promise<readonly SealPermission[]> {
  if (seal.organization && !(await roleIn(ctx, seal.organization.id))) return [];

  return grants;
}

/** Of the ACTIVE grants, the one ending first, so that longer ones last; none when none is. */
function grantToUse(grants: readonly SealPermission[], now: Date): SealPermission | undefined {
  const active = grants.filter((grant) => grant.statusAt(now) === SealPermissionStatus.ACTIVE);

  return active.sort(
    (a, b) => a.validTo.getTime() - b.validTo.getTime() || a.id.localeCompare(b.id),
  )[0];
}

/**
 * Why grants none of which is ACTIVE do not let their holder sign, told by the one nearest to
 * letting them: a grant used up within its period, else one yet to begin, else whichever ended
 * last (revoked or expired). Null without any grant: then the refusal is FORBIDDEN.
 */
function grantRefusal(grants: readonly SealPermission[], now: Date): AppError | null {
  const having = (status: SealPermissionStatus) =>
    grants.filter((grant) => grant.statusAt(now) === status);
  const [exhausted] = having(SealPermissionStatus.EXHAUSTED);
  if (exhausted) return permissionExhausted(exhausted.maxUses!);
  const [pending] = having(SealPermissionStatus.PENDING).sort(
    (a, b) => a.validFrom.getTime() - b.validFrom.getTime(),
  );
  if (pending) return permissionNotStarted(pending.validFrom);
  const ended = (grant: SealPermission) => (grant.revokedAt ?? grant.validTo).getTime();
  const [last] = [...grants].sort((a, b) => ended(b) - ended(a));
  if (!last) return null;

  return last.revokedAt
    ? permissionRevoked(last.revokedAt, last.revokeReason)
    : permissionExpired(last.validTo);
}

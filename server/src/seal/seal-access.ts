import type { RequestContext } from '../common/context';
import { isPlatformAdmin, KEEPS_SEALS, roleIn } from '../organization/organization-access';
import { OrganizationRole } from '../organization/organization-role.enum';
import type { Seal } from './seal.entity';

/**
 * What someone wants to do with a seal. Every lookup of a seal names one, so that the rules of who
 * may do what live here and nowhere else.
 */
export enum SealAction {
  /** See the seal, its image, certificates and usage. */
  VIEW = 'VIEW',
  /** Sign with it (the PIN and any grant are checked when signing). */
  USE = 'USE',
  /** Change it: name, image, PIN, renew, re-key. */
  MANAGE = 'MANAGE',
  /** Grant and revoke the right to use it. */
  GRANT = 'GRANT',
  /** Delete it, irreversibly. */
  DELETE = 'DELETE',
}

/**
 * Whether the signed-in user may do `action` with `seal` by who they are, before any grant.
 *
 * A personal seal is its owner's alone. A company seal is the organisation's: its members see it;
 * its ORG_ADMINs and SEAL_KEEPERs look after it; only ORG_ADMINs grant its use; ORG_ADMINs and
 * its keeper (the account that made it, while still ORG_ADMIN or SEAL_KEEPER) may delete it; and
 * only its keeper signs with it without a grant. Platform admins may look at any seal.
 */
export async function mayActOn(
  ctx: RequestContext,
  seal: Seal,
  action: SealAction,
): Promise<boolean> {
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

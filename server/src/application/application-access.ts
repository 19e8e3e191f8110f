import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { createLoaders } from '../common/loaders';
import { isPlatformAdmin, roleIn } from '../organization/organization-access';
import { OrganizationRole } from '../organization/organization-role.enum';
import type { Application } from './application.entity';

/** Whether the signed-in user submitted the application. */
export const isApplicant = (ctx: RequestContext, application: Application): boolean =>
  application.applicant.id === ctx.actor.userId;

/**
 * Who may see an application: its applicant, the ORG_ADMINs of its organisation (who answer for
 * the organisation's seals), and the platform admins who review it.
 */
export async function maySee(ctx: RequestContext, application: Application): Promise<boolean> {
  if (isApplicant(ctx, application)) return true;
  const organizationId = application.organization?.id;
  if (organizationId && (await roleIn(ctx, organizationId)) === OrganizationRole.ORG_ADMIN) {
    return true;
  }

  return isPlatformAdmin(ctx);
}

/** Attachments (identity papers among them) go to the applicant and the reviewers only. */
export async function mayDownload(ctx: RequestContext, application: Application) {
  return isApplicant(ctx, application) || (await isPlatformAdmin(ctx));
}

/**
 * The request as the applicant would make it, on the reviewer's transaction: approval asks the
 * same rules again whether the applicant may still have the thing done (they may have left the
 * organisation since they applied). Its loaders are its own, so nothing is cached across.
 */
export function asApplicant(
  ctx: RequestContext,
  em: EntityManager,
  application: Application,
): RequestContext {
  return {
    ...ctx,
    em,
    actor: { ...ctx.actor, userId: application.applicant.id },
    loaders: createLoaders(em),
  };
}

import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { isPlatformAdmin } from '../organization/organization-access';
import type { User } from './user.entity';

/**
 * A field of a user that only they and platform admins may read, such as their e-mail address:
 * anyone else who reaches the user (a fellow member, a grantor) reads null. The user of an
 * `AuthPayload` is the one who just signed in by this very request (register, login, refresh),
 * before the request carries their token.
 */
export const OwnContact: MiddlewareFn<RequestContext> = async ({ root, context, info }, next) => {
  const user = root as User;
  const own = user.id === context.actor.userId || info.path.prev?.typename === 'AuthPayload';
  if (!own && !(await isPlatformAdmin(context))) return null;

  return (await next()) as unknown;
};

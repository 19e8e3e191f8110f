import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { isPlatformAdmin } from '../organization/organization-access';
import type { User } from './user.entity';

/**
 * A field of a user that only they and platform admins may read, such as their e-mail address:
 * anyone else who reaches the user (a fellow member, a grantor) reads null.
 */
export const OwnContact: MiddlewareFn<RequestContext> = async ({ root, context }, next) => {
  const user = root as User;
  if (user.id !== context.actor.userId && !(await isPlatformAdmin(context))) return null;

  return (await next()) as unknown;
};

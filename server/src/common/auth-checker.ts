import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context';
import { forbidden, invalidToken, unauthenticated } from './errors';

/**
 * `@Authorized()` means "signed in"; `@Authorized('ADMIN')` also asks for that platform role.
 * Ownership is checked by the services, which know what a resource belongs to.
 */
export const authChecker: AuthChecker<RequestContext> = async ({ context, info }, roles) => {
  if (context.actor.tokenRejected) throw invalidToken();
  if (!context.actor.userId) throw unauthenticated();
  if (roles.length === 0) return true;
  const user = await context.loaders.user.load(context.actor.userId);
  if (!user || !roles.includes(user.role))
    throw forbidden(`${info.fieldName} (${roles.join(', ')} only)`);

  return true;
};

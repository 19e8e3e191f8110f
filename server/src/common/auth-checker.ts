import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context';
import { invalidToken, unauthenticated } from './errors';

/**
 * `@Authorized()` means "signed in". Ownership is checked by the services, which know what a
 * resource belongs to; roles arrive with organisations.
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }) => {
  if (context.actor.tokenRejected) throw invalidToken();
  if (!context.actor.userId) throw unauthenticated();

  return true;
};

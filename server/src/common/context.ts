import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from './loaders';
import type { Logger } from './logger';
import type { Services } from './services';

/** Who is asking, and from where; recorded with every history event. */
export interface Actor {
  userId?: string;
  /** A token was sent but was invalid or expired. */
  tokenRejected?: boolean;
  ip?: string;
  userAgent?: string;
  requestId: string;
}

/** Per-request context handed to resolvers: the actor, a forked entity manager, the services. */
export interface RequestContext {
  actor: Actor;
  em: EntityManager;
  services: Services;
  loaders: Loaders;
  logger: Logger;
  /** Absolute base for URLs handed to clients, e.g. https://seal.example.org */
  baseUrl: string;
}

/** The signed-in user's id; a resolver without `@Authorized` that reaches here is a bug. */
export function requireUser(ctx: RequestContext): string {
  if (!ctx.actor.userId) throw new Error('Resolver reached without an authenticated user');

  return ctx.actor.userId;
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { createLoaders } from '../common/loaders';
import type { Logger } from '../common/logger';
import type { Services } from '../common/services';

/** What every request context is built from. */
export interface ContextDeps {
  orm: MikroORM;
  services: Services;
  logger: Logger;
  /** Base of the URLs handed to clients: PUBLIC_URL, else the server's own address. */
  baseUrl: () => string;
}

/** Reads `Bearer <token>`; anything else counts as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');

  return match?.[1];
}

/**
 * A fresh context per request or subscription operation: its own entity manager (an identity map
 * per request) and its own DataLoaders, plus the authenticated user, if any.
 */
export async function buildContext(
  deps: ContextDeps,
  request: IncomingMessage,
  token: string | undefined,
): Promise<RequestContext> {
  const subject = token ? await deps.services.tokens.verify(token) : undefined;
  const requestId = headerValue(request, 'x-request-id')?.slice(0, 64) || randomUUID();
  const em = deps.orm.em.fork();
  const actor = {
    userId: subject?.userId,
    tokenRejected: token !== undefined && !subject,
    ip: request.socket.remoteAddress,
    userAgent: headerValue(request, 'user-agent'),
    requestId,
  };

  return {
    actor,
    em,
    services: deps.services,
    loaders: createLoaders(em),
    logger: deps.logger.child({ requestId, userId: actor.userId }),
    // Never the request's Host header: a forged one would send clients, with their tokens,
    // to another site.
    baseUrl: deps.baseUrl(),
  };
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];

  return Array.isArray(value) ? value[0] : value;
}

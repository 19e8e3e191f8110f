import type { Server } from 'node:http';
import { parse, specifiedRules, validate, type GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { createErrorFormatter } from './error-formatter';
import { queryLimitRules } from './query-limits';
import { buildContext, type ContextDeps } from './request-context';

type Formatter = ReturnType<typeof createErrorFormatter>;

/**
 * graphql-ws on the GraphQL path. Its operations pass the same query limits and the same error
 * formatting as HTTP ones: graphql-ws knows nothing of Apollo's, so both are applied here.
 */
export function startSubscriptionServer(
  server: Server,
  deps: ContextDeps & { schema: GraphQLSchema },
  formatError: Formatter,
) {
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));

  return useServer(
    {
      schema: deps.schema,
      context: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = (params.authorization ?? params.token) as string | undefined;

        return buildContext(deps, ctx.extra.request, token?.replace(/^Bearer\s+/i, ''));
      },
      onSubscribe: (_ctx, _id, payload) => {
        const errors = validate(deps.schema, parse(payload.query), [
          ...specifiedRules,
          ...queryLimitRules(),
        ]);

        return errors.length > 0 ? errors : undefined;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors) as unknown as GraphQLError[],
    },
    wsServer,
  );
}

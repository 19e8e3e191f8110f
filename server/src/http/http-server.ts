import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import { MAX_ATTACHMENTS } from '../application/application-attachments';
import type { RequestContext } from '../common/context';
import { ErrorCode } from '../common/errors';
import { countSqlStatements, sqlStatementCount } from '../common/sql-statement-count';
import type { Logger } from '../common/logger';
import { createErrorFormatter } from './error-formatter';
import { fileRoutes } from './file-routes';
import { pkiRoutes } from './pki-routes';
import { queryLimitRules } from './query-limits';
import { bearerToken, buildContext, type ContextDeps } from './request-context';
import { startSubscriptionServer } from './subscription-server';

/** The largest PDF accepted, as a multipart file. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** JSON bodies carry at most a base64 PDF of MAX_UPLOAD_BYTES (4/3 larger) and the query. */
const MAX_JSON_BODY = `${Math.ceil((MAX_UPLOAD_BYTES * 4) / 3 / 1024 / 1024) + 1}mb`;

export interface HttpServer {
  server: Server;
  stop(): Promise<void>;
}

/**
 * One HTTP server: GraphQL over HTTP (with multipart uploads) and graphql-ws on /graphql, file
 * downloads, the CA's public files and a health check.
 */
export async function createHttpServer(
  deps: ContextDeps & { schema: GraphQLSchema; exposeSqlCounts: boolean },
): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const formatError = createErrorFormatter(deps.logger);
  const subscriptions = startSubscriptionServer(server, deps, formatError);
  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    formatError,
    validationRules: queryLimitRules(),
    includeStacktraceInErrorResponses: false,
    // Multipart bodies are "simple" requests in CORS terms; Apollo's CSRF prevention makes
    // browsers' cross-site forms fail by demanding a preflight-forcing header.
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      {
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await subscriptions.dispose();
            },
          }),
      },
      ...(deps.exposeSqlCounts ? [sqlCountPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.use(pkiRoutes(deps.orm, deps.services));
  app.use(fileRoutes(deps));
  app.use(
    '/graphql',
    // Each file is held to its own input's limit as it is read; an application has the most.
    graphqlUploadExpress({ maxFileSize: MAX_UPLOAD_BYTES + 1, maxFiles: MAX_ATTACHMENTS }),
    express.json({ limit: MAX_JSON_BODY }),
    // After the body parsers: their stream callbacks would run outside the count's context.
    (_req, _res, next) => countSqlStatements(next),
    expressMiddleware(apollo, {
      context: ({ req }) => buildContext(deps, req, bearerToken(req.headers.authorization)),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such route' } });
  });
  app.use(requestErrorHandler(deps.logger));

  return {
    server,
    stop: async () => {
      await apollo.stop();
      server.closeAllConnections();
    },
  };
}

/** Adds `extensions.sqlStatements` to each single response: what the request cost the database. */
function sqlCountPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, sqlStatements: sqlStatementCount() };

          return Promise.resolve();
        },
      }),
  };
}

/**
 * Malformed or oversized bodies end here. Express's default handler would print the error with
 * the raw body — which may hold a password — and answer with an HTML stack trace.
 */
function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500)
      logger.error({ type: error.type, message: error.message }, 'request failed');
    const message =
      status === 413
        ? 'The request body is too large'
        : status === 500
          ? 'Internal server error'
          : 'Malformed request body: expected JSON or a GraphQL multipart request';
    const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST;
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

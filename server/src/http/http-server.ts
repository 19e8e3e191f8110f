import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import { WebSocketServer } from 'ws';
import type { RequestContext } from '../common/context';
import { createErrorFormatter } from './error-formatter';
import { fileRoutes } from './file-routes';
import { pkiRoutes } from './pki-routes';
import { bearerToken, buildContext, type ContextDeps } from './request-context';

const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface HttpServer {
  server: Server;
  stop(): Promise<void>;
}

/**
 * One HTTP server: GraphQL over HTTP (with multipart uploads) and graphql-ws on /graphql, file
 * downloads, the CA's public files and a health check.
 */
export async function createHttpServer(
  deps: ContextDeps & { schema: GraphQLSchema },
): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsCleanup = useServer(
    {
      schema: deps.schema,
      context: (ctx) => {
        const token = (ctx.connectionParams?.authorization ?? ctx.connectionParams?.token) as
          string | undefined;

        return buildContext(deps, ctx.extra.request, token?.replace(/^Bearer\s+/i, ''));
      },
    },
    wsServer,
  );
  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    formatError: createErrorFormatter(deps.logger),
    // Multipart bodies are "simple" requests in CORS terms; Apollo's CSRF prevention makes
    // browsers' cross-site forms fail by demanding a preflight-forcing header.
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      {
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await wsCleanup.dispose();
            },
          }),
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.use(pkiRoutes(deps.services.ca));
  app.use(fileRoutes(deps));
  app.use(
    '/graphql',
    graphqlUploadExpress({ maxFileSize: MAX_UPLOAD_BYTES, maxFiles: 1 }),
    express.json({ limit: '400mb' }),
    expressMiddleware(apollo, {
      context: ({ req }) => buildContext(deps, req, bearerToken(req.headers.authorization)),
    }),
  );

  return {
    server,
    stop: async () => {
      await apollo.stop();
      server.closeAllConnections();
    },
  };
}

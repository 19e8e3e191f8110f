import { Router, type Request, type Response } from 'express';
import type { RequestContext } from '../common/context';
import { AppError, ErrorCode, invalidToken, unauthenticated } from '../common/errors';
import { isUuid } from '../common/ids';
import { bearerToken, buildContext, type ContextDeps } from './request-context';
import { SealAction } from '../seal/seal-access';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/**
 * Downloads that need the bearer token: documents' latest revisions, seal images, application
 * attachments, exports.
 */
export function fileRoutes(deps: ContextDeps): Router {
  const router = Router();
  router.get('/files/documents/:id', (req, res) =>
    serve(deps, req, res, async (ctx, id) => {
      const document = await ctx.services.documents.findOneOrFail(ctx, id);
      const content = await ctx.services.documents.latestContent(ctx, document);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', attachment(document.fileName));
      res.setHeader('ETag', `"${document.sha256}"`);
      res.end(content);
    }),
  );
  router.get('/files/seals/:id/image.png', (req, res) =>
    serve(deps, req, res, async (ctx, id) => {
      const seal = await ctx.services.seals.findOneOrFail(ctx, id, SealAction.VIEW);
      await ctx.em.populate(seal, ['imagePng']);
      res.setHeader('Content-Type', 'image/png');
      res.end(seal.imagePng);
    }),
  );
  router.get('/files/seals/:id/image.svg', (req, res) =>
    serve(deps, req, res, async (ctx, id) => {
      const seal = await ctx.services.seals.findOneOrFail(ctx, id, SealAction.VIEW);
      await ctx.em.populate(seal, ['imageSvg']);
      if (seal.imageSvg === null) throw noDrawing(id);
      // Our own drawing holds only paths; the policy keeps it inert even if opened directly.
      res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(seal.imageSvg);
    }),
  );

  router.get('/files/application-attachments/:id', (req, res) =>
    serve(deps, req, res, async (ctx, id) => {
      const file = await ctx.services.applications.findAttachmentOrFail(ctx, id);
      // Files from applicants: always saved, never shown in the browser as something else.
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', attachment(file.fileName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('ETag', `"${file.sha256}"`);
      res.end(file.content);
    }),
  );

  router.get('/files/exports/:id', (req, res) =>
    serve(deps, req, res, async (ctx, id) => {
      const exported = await ctx.services.exports.findOwnOrFail(ctx, id);
      res.setHeader('Content-Type', exported.contentType);
      res.setHeader('Content-Disposition', attachment(exported.fileName));
      res.end(exported.content);
    }),
  );

  return router;
}

async function serve(
  deps: ContextDeps,
  req: Request,
  res: Response,
  send: (ctx: RequestContext, id: string) => Promise<void>,
): Promise<void> {
  try {
    const id = String(req.params.id);
    const ctx = await buildContext(deps, req, bearerToken(req.headers.authorization));
    if (ctx.actor.tokenRejected) throw invalidToken();
    if (!ctx.actor.userId) throw unauthenticated();
    if (!isUuid(id)) throw new AppError(ErrorCode.NOT_FOUND, `Nothing with id ${id}`);
    res.setHeader('Cache-Control', 'private, no-store');
    await send(ctx, id);
  } catch (error) {
    if (error instanceof AppError) {
      res
        .status(STATUS[error.code] ?? 400)
        .json({ error: { code: error.code, message: error.message } });
      return;
    }
    deps.logger.error({ err: error }, 'file download failed');
    res
      .status(500)
      .json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' } });
  }
}

const noDrawing = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `Seal ${id} has an uploaded image, which has no SVG form`);

/** RFC 6266 with an RFC 5987 UTF-8 name, so Chinese file names survive. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireUser } from '../common/context';
import { notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { writeTable, type ExportedFile } from './export-file';
import type { ExportFormat } from './export-format.enum';
import { Export } from './export.entity';
import type { Table } from './table';

/** How long an export can be downloaded. */
export const EXPORT_TTL_MS = 60 * 60_000;

/** What to export: the table, its format, and a base for the file and sheet name. */
export interface ExportRequest {
  table: Table;
  format: ExportFormat;
  name: string;
}

/** An export written and ready to store. */
export interface WrittenExport extends ExportRequest {
  file: ExportedFile;
}

/** Exported files: written, stored for an hour, served to their owner only. */
export class ExportService {
  constructor(private readonly history: HistoryService) {}

  /**
   * The whole of an export: writes the file, then stores it and records EXPORT_CREATED in one
   * transaction.
   */
  async publish(ctx: RequestContext, request: ExportRequest): Promise<Export> {
    const written = await this.write(request);

    return ctx.em.transactional(async (em) => {
      const created = await this.create(em, ctx, written);
      this.history.record(em, ctx.actor, HistoryAction.EXPORT_CREATED, {
        payload: {
          exportId: created.id,
          format: created.format,
          rowCount: created.rowCount,
          fileName: created.fileName,
        },
      });

      return created;
    });
  }

  /** Writes the file, before any transaction, since large workbooks take a while. */
  async write(request: ExportRequest): Promise<WrittenExport> {
    return { ...request, file: await writeTable(request.table, request.format, request.name) };
  }

  /** Stores a written file in the caller's transaction, dropping expired ones. */
  async create(em: EntityManager, ctx: RequestContext, written: WrittenExport): Promise<Export> {
    const { file, ...request } = written;
    const now = new Date();
    await em.nativeDelete(Export, { expiresAt: { $lt: now } });
    const created = em.create(Export, {
      owner: requireUser(ctx),
      format: request.format,
      fileName: `${request.name}-${stamp(now)}.${file.extension}`,
      contentType: file.contentType,
      content: file.content,
      rowCount: request.table.rows.length,
      createdAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_TTL_MS),
    });
    em.persist(created);

    return created;
  }

  /** The user's own unexpired export with its content; anything else is NOT_FOUND. */
  async findOwnOrFail(ctx: RequestContext, id: string): Promise<Export> {
    const userId = requireUser(ctx);
    const found = isUuid(id) ? await ctx.em.findOne(Export, id, { populate: ['content'] }) : null;
    if (!found || found.owner.id !== userId || found.expiresAt < new Date()) {
      throw notFound('Export', id);
    }

    return found;
  }
}

/** 20261203-154500, UTC: sorts by time and is safe in every file system. */
function stamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/-|:/g, '').replace('T', '-');
}

import type { RequestContext } from '../common/context';
import { badInput } from '../common/errors';
import type { Export } from '../export/export.entity';
import type { ExportService } from '../export/export.service';
import type { ExportHistoryInput } from './export-history.input';
import { HistoryQuery } from './history-query';
import { historyTable } from './history-table';
import type { HistoryService } from './history.service';

/** Enough for months of a busy platform; beyond it, narrow the filter (from, to). */
export const MAX_HISTORY_EXPORT_ROWS = 50_000;

/** Exports of the history a user may see, newest first, as `history` lists it. */
export class HistoryExportService {
  constructor(
    private readonly exports: ExportService,
    private readonly history: HistoryService,
  ) {}

  async create(ctx: RequestContext, input: ExportHistoryInput): Promise<Export> {
    const viewer = await this.history.viewerOf(ctx);
    // A fork of its own, so that the events read do not stay in the request's identity map.
    const matching = new HistoryQuery(input.filter ?? {}, viewer).matching(ctx.em.fork());
    const count = await matching.clone().getCount();
    if (count > MAX_HISTORY_EXPORT_ROWS) {
      throw badInput(
        'filter',
        `expected at most ${MAX_HISTORY_EXPORT_ROWS} events, got ${count}: narrow it with from and to`,
      );
    }
    const events = await matching.orderBy({ sequence: 'desc' }).getResultList();

    return this.exports.publish(ctx, {
      table: historyTable(events),
      format: input.format,
      name: 'history',
    });
  }
}

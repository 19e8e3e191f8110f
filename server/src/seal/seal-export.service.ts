import type { SealPolicy } from '../common/config';
import type { RequestContext } from '../common/context';
import { badInput } from '../common/errors';
import type { Export } from '../export/export.entity';
import type { ExportService } from '../export/export.service';
import type { Table } from '../export/table';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { ExportSealsInput } from './export-seals.input';
import { SealCertificate } from './seal-certificate.entity';
import { SealQuery } from './seal-query';
import { sealTable } from './seal-table';

/** Enough for any one owner's seals, small enough to build in memory. */
export const MAX_EXPORT_ROWS = 10_000;

/** Exports of a user's seals: the filtered list as a file, with no key material. */
export class SealExportService {
  constructor(
    private readonly exports: ExportService,
    private readonly history: HistoryService,
    private readonly policy: SealPolicy,
  ) {}

  async create(ctx: RequestContext, input: ExportSealsInput): Promise<Export> {
    const table = await this.table(
      ctx,
      await SealQuery.of(ctx, input.filter ?? {}, this.policy.expiryWarningDays),
    );
    const written = await this.exports.write({ table, format: input.format, name: 'seals' });

    return ctx.em.transactional(async (em) => {
      const created = await this.exports.create(em, ctx, written);
      this.history.record(em, ctx.actor, HistoryAction.EXPORT_CREATED, {
        payload: { exportId: created.id, format: created.format, rowCount: created.rowCount },
      });

      return created;
    });
  }

  private async table(ctx: RequestContext, query: SealQuery): Promise<Table> {
    const matching = query.matching(ctx.em);
    const count = await matching.clone().getCount();
    if (count > MAX_EXPORT_ROWS) {
      throw badInput('filter', `expected at most ${MAX_EXPORT_ROWS} seals, got ${count}`);
    }
    const seals = await matching.orderBy({ createdAt: 'desc', id: 'desc' }).getResultList();
    const certificateIds = seals.flatMap((seal) => (seal.certificate ? [seal.certificate.id] : []));
    const certificates = await ctx.em.find(SealCertificate, { id: { $in: certificateIds } });

    const byId = new Map(certificates.map((c) => [c.id, c]));

    return sealTable(seals, byId, query.now, query.expiryWarningDays);
  }
}

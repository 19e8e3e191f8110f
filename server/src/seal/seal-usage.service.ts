import type { RequestContext } from '../common/context';
import { badInput } from '../common/errors';
import type { SealUsage, SealUsageDay, SealUsageSigner } from './seal-usage.type';
import type { SealService } from './seal.service';
import { SealAction } from './seal-access';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/** How seals are used, counted from the signature records. */
export class SealUsageService {
  constructor(private readonly seals: SealService) {}

  /** Signatures of one of the user's seals between `from` and `to`, by UTC day and by signer. */
  async findOne(ctx: RequestContext, sealId: string, from: Date, to: Date): Promise<SealUsage> {
    checkPeriod(from, to);
    const seal = await this.seals.findOneOrFail(ctx, sealId, SealAction.VIEW);
    const params = [seal.id, from, to];
    const byDay = await ctx.em.getConnection().execute<SealUsageDay[]>(
      `select to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*)::int as count
         from signature where seal_id = ? and signed_at between ? and ?
         group by 1 order by 1`,
      params,
    );
    const bySigner = await ctx.em.getConnection().execute<SealUsageSigner[]>(
      `select u.id as "userId", u.display_name as "displayName", count(*)::int as count
         from signature s join "user" u on u.id = s.signer_id
         where s.seal_id = ? and s.signed_at between ? and ?
         group by u.id, u.display_name order by count desc, u.display_name, u.id`,
      params,
    );
    const totalCount = byDay.reduce((sum, day) => sum + day.count, 0);

    return { sealId: seal.id, from, to, totalCount, byDay, bySigner };
  }
}

function checkPeriod(from: Date, to: Date): void {
  if (from > to) {
    throw badInput('from', `expected a time before "to", got ${from.toISOString()}`);
  }
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > MAX_DAYS) {
    throw badInput('to', `expected a period of at most ${MAX_DAYS} days, got ${Math.ceil(days)}`);
  }
}

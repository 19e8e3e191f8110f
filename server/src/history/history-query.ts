import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { isUuid } from '../common/ids';
import { HistoryEvent } from './history-event.entity';
import type { HistoryFilter } from './history-filter.input';
import { visibleEvents, type HistoryViewer } from './history-visibility';

type Condition = { sql: string; params: (string | Date)[] };

/** The events a user asked for and may see, as a query builder the caller pages or exports. */
export class HistoryQuery {
  private readonly conditions: Condition[];

  constructor(filter: HistoryFilter, viewer: HistoryViewer) {
    const visible = visibleEvents(viewer);
    this.conditions = [...(visible ? [visible] : []), ...filterConditions(filter)];
  }

  matching(em: EntityManager): QueryBuilder<HistoryEvent> {
    const qb = em.createQueryBuilder(HistoryEvent, 'e');
    for (const { sql, params } of this.conditions) qb.andWhere(sql, params);

    return qb;
  }
}

/** Validates the filter where it enters and turns it into conditions. */
function filterConditions(filter: HistoryFilter): Condition[] {
  const conditions: Condition[] = [];
  const ids = { sealId: 'e.seal_id', documentId: 'e.document_id', actorId: 'e.actor_id' } as const;
  for (const [field, column] of Object.entries(ids) as [keyof typeof ids, string][]) {
    const id = filter[field];
    if (id === null || id === undefined) continue;
    if (!isUuid(id)) throw badInput(`filter.${field}`, `expected a UUID, got "${id.slice(0, 64)}"`);
    conditions.push({ sql: `${column} = ?`, params: [id] });
  }
  if (filter.action) conditions.push({ sql: 'e.action = ?', params: [filter.action] });
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badInput('filter.from', `expected a time before "to", got ${filter.from.toISOString()}`);
  }
  if (filter.from) conditions.push({ sql: 'e.at >= ?', params: [filter.from] });
  if (filter.to) conditions.push({ sql: 'e.at <= ?', params: [filter.to] });

  return conditions;
}

import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../common/ids';
import { HistoryAction } from './history-action.enum';

/** One recorded action, written in the same transaction as the change it records. */
@Entity()
@Index({ properties: ['sealId', 'at'] })
@Index({ properties: ['documentId', 'at'] })
export class HistoryEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Enum({ items: () => HistoryAction })
  action!: HistoryAction;

  @Property({ type: 'uuid', nullable: true, index: true })
  actorId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  sealId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;

  @Property({ type: 'json' })
  payload: Record<string, unknown> = {};

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../common/context';
import type { HistoryAction } from './history-action.enum';
import { HistoryEvent } from './history-event.entity';

/** What an event is about, besides who did it. */
export interface HistorySubject {
  sealId?: string;
  documentId?: string;
  payload?: Record<string, unknown>;
}

/** Writes history events inside the caller's transaction, so a change and its record land together. */
export class HistoryService {
  record(
    em: EntityManager,
    actor: Actor,
    action: HistoryAction,
    subject: HistorySubject = {},
  ): void {
    const event = em.create(HistoryEvent, {
      action,
      actorId: actor.userId ?? null,
      sealId: subject.sealId ?? null,
      documentId: subject.documentId ?? null,
      payload: subject.payload ?? {},
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 512) ?? null,
      requestId: actor.requestId,
      at: new Date(),
    });
    em.persist(event);
  }
}

import type { EventSubscriber, FlushEventArgs, UnitOfWork } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventHash } from './history-chain';
import type { HistoryEvent } from './history-event.entity';

/** The chain's head: the last event appended. */
interface ChainHead {
  sequence: number;
  hash: string;
}

/**
 * Appends recorded events to the chain at the end of each flush of the transaction that recorded
 * them: after the flush's own writes, so that the append lock is taken last and held only for
 * the reading of the head, the insert and the commit.
 *
 * Appends are serialised across every server process by a transaction-level advisory lock: the
 * head is read inside it, in a statement of its own (whose snapshot is taken once the lock is
 * held, so under READ COMMITTED it sees every append committed before), and the lock is released
 * by the commit. Taking it after the other writes means an append never holds it while waiting
 * for a row lock, so it cannot close a cycle with a transaction that holds that row.
 */
export class HistoryAppender implements EventSubscriber {
  /** Events recorded but not yet appended, per unit of work (one per transaction's fork). */
  private readonly pending = new WeakMap<UnitOfWork, HistoryEvent[]>();

  /** Queues the event for the next flush of `em`, which must be in a transaction. */
  enqueue(em: EntityManager, event: HistoryEvent): void {
    if (!em.isInTransaction()) {
      throw new Error(
        'HistoryService.record needs the transaction of the change it records: call it inside em.transactional',
      );
    }
    const uow = em.getUnitOfWork();
    const queue = this.pending.get(uow) ?? [];
    queue.push(event);
    this.pending.set(uow, queue);
  }

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const queue = this.pending.get(uow);
    if (!queue?.length) return;
    this.pending.delete(uow);
    const sqlEm = em as EntityManager;
    let head = await this.lockedHead(sqlEm);
    for (const event of queue) {
      event.sequence = (head?.sequence ?? 0) + 1;
      event.previousHash = head?.hash ?? null;
      event.hash = eventHash(event);
      head = event;
    }
    await sqlEm.insertMany(queue);
  }

  private async lockedHead(em: EntityManager): Promise<ChainHead | undefined> {
    await em.execute(`select pg_advisory_xact_lock(hashtext('history_event'))`);
    const [head] = await em.execute<{ sequence: string; hash: string }[]>(
      'select sequence, hash from history_event order by sequence desc limit 1',
    );

    return head && { sequence: Number(head.sequence), hash: head.hash };
  }
}

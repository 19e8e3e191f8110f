import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { eventHash } from './history-chain';
import { HistoryEvent } from './history-event.entity';

/** Events read per query while walking the chain, so that memory stays flat however long it is. */
const BATCH = 1000;

/** What is wrong with an event of the chain. */
export enum HistoryBreak {
  MISSING_EVENTS = 'MISSING_EVENTS',
  CONTENT_CHANGED = 'CONTENT_CHANGED',
  LINK_BROKEN = 'LINK_BROKEN',
}

registerEnumType(HistoryBreak, {
  name: 'HistoryBreak',
  description: 'How an event breaks the chain.',
  valuesConfig: {
    MISSING_EVENTS: {
      description: 'Its sequence does not follow the event before it: events were deleted.',
    },
    CONTENT_CHANGED: { description: 'Its stored fields no longer give its hash: it was edited.' },
    LINK_BROKEN: {
      description: 'Its previousHash is not the hash of the event before it, which was replaced.',
    },
  },
});

@ObjectType({ description: 'The first event at which the chain does not hold.' })
export class BrokenHistoryEvent {
  @Field(() => ID, { description: 'The event, as `HistoryEvent.id`.' })
  id!: string;

  @Field(() => GraphQLSafeInt, { description: 'Its place in the chain.' })
  sequence!: number;

  @Field(() => HistoryBreak, { description: 'What is wrong with it.' })
  reason!: HistoryBreak;
}

@ObjectType({ description: 'The outcome of checking every event of the history chain.' })
export class HistoryVerification {
  @Field({ description: 'Whether every event holds: content, link and sequence.' })
  ok!: boolean;

  @Field(() => GraphQLSafeInt, { description: 'Events checked: all of them.' })
  checkedCount!: number;

  @Field(() => BrokenHistoryEvent, { nullable: true, description: 'Null when ok.' })
  firstBrokenEvent!: BrokenHistoryEvent | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      'The last event checked. Deleting events from the end leaves no gap: keep this and lastHash elsewhere to notice it.',
  })
  lastSequence!: number | null;

  @Field(() => String, { nullable: true, description: 'The hash of the last event checked.' })
  lastHash!: string | null;
}

/** Walks the chain from its first event, recomputing each hash; `em` is a fork of its own. */
export async function verifyChain(em: EntityManager): Promise<HistoryVerification> {
  let previous: HistoryEvent | undefined;
  let checkedCount = 0;
  let firstBrokenEvent: BrokenHistoryEvent | null = null;
  for (;;) {
    const batch = await em.find(
      HistoryEvent,
      previous ? { sequence: { $gt: previous.sequence } } : {},
      { orderBy: { sequence: 'asc' }, limit: BATCH },
    );
    for (const event of batch) {
      const reason = breakOf(event, previous);
      if (reason && !firstBrokenEvent) firstBrokenEvent = { ...pick(event), reason };
      previous = event;
    }
    checkedCount += batch.length;
    em.clear();
    if (batch.length < BATCH) break;
  }

  return {
    ok: firstBrokenEvent === null,
    checkedCount,
    firstBrokenEvent,
    lastSequence: previous?.sequence ?? null,
    lastHash: previous?.hash ?? null,
  };
}

/** Sequence first (a gap explains a broken link), then the event's own content, then the link. */
function breakOf(event: HistoryEvent, previous: HistoryEvent | undefined): HistoryBreak | null {
  if (event.sequence !== (previous?.sequence ?? 0) + 1) return HistoryBreak.MISSING_EVENTS;
  if (eventHash(event) !== event.hash) return HistoryBreak.CONTENT_CHANGED;
  if (event.previousHash !== (previous?.hash ?? null)) return HistoryBreak.LINK_BROKEN;

  return null;
}

function pick(event: HistoryEvent) {
  return { id: event.id, sequence: event.sequence };
}

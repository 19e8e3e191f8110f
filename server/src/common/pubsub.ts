import { createPubSub, type PubSubEvent } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import Redis from 'ioredis';
import type { ApplicationEventPayload } from '../application/application-event.type';
import type { SigningEventPayload } from '../document/signing-event.type';
import type { SealEventPayload } from '../seal/events/seal-event.type';

type Topics = {
  SIGNING_EVENTS: [documentId: string, payload: SigningEventPayload];
  APPLICATION_EVENTS: [payload: ApplicationEventPayload];
  SEAL_EVENTS: [sealId: string, payload: SealEventPayload];
};

/**
 * Live events, routed by id (signing events per document, seal events per seal) or to every
 * subscriber of a topic.
 */
export type EventBus = ReturnType<typeof createPubSub<Topics>>;

export interface EventBusHandle {
  bus: EventBus;
  close(): Promise<void>;
}

/**
 * In-process pub/sub for a single server; with a Redis URL, events cross between every server
 * process sharing that Redis, so a subscriber sees signings made through any of them.
 */
export function createEventBus(redisUrl?: string): EventBusHandle {
  if (!redisUrl) return { bus: createPubSub<Topics>(), close: () => Promise.resolve() };
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  const eventTarget = createRedisEventTarget<PubSubEvent<Topics, keyof Topics>>({
    publishClient,
    subscribeClient,
  });

  return {
    bus: createPubSub<Topics>({ eventTarget }),
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

import { createPubSub } from '@graphql-yoga/subscription';
import type { SigningEventPayload } from '../document/signing-event.type';

/** In-process pub/sub; topics are routed by id, e.g. signing events per document. */
export const createEventBus = () =>
  createPubSub<{ SIGNING_EVENTS: [documentId: string, payload: SigningEventPayload] }>();

export type EventBus = ReturnType<typeof createEventBus>;

import type { EventBus } from '../../common/pubsub';
import type { SealEventPayload, SealEventType } from './seal-event.type';

/** What an event names besides its seal. */
export interface SealEventSubject {
  permissionId?: string;
  actorId?: string;
  at?: Date;
}

/** Tells the seal's watchers; call only after the change has committed. */
export function publishSealEvent(
  bus: EventBus,
  type: SealEventType,
  sealId: string,
  subject: SealEventSubject = {},
): void {
  const payload: SealEventPayload = {
    type,
    sealId,
    ...(subject.permissionId && { permissionId: subject.permissionId }),
    ...(subject.actorId && { actorId: subject.actorId }),
    at: (subject.at ?? new Date()).toISOString(),
  };
  bus.publish('SEAL_EVENTS', sealId, payload);
}

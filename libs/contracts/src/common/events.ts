/** Envelope of every domain event published on JetStream. */
export interface DomainEvent<T = unknown> {
  /** unique id, also the JetStream Nats-Msg-Id used for de-duplication */
  id: string;
  subject: string;
  occurredAt: string;
  districtId: string;
  actor?: { kind: string; id: string };
  requestId?: string;
  data: T;
}

/** The JetStream stream that holds every domain event (subjects `evt.>`). */
export const EVENTS_STREAM = 'JIAOLIAN_EVENTS';
export const EVENTS_SUBJECTS = 'evt.>';

import type { Caller, DomainEvent } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface NewEvent<T> {
  subject: string;
  districtId: string;
  data: T;
}

export const OUTBOX_CHANNEL = 'jiaolian_outbox';

/**
 * Adds a domain event to the outbox inside the caller's transaction: if the change commits, the event
 * will be published (by the relay, possibly after a crash and restart); if it rolls back, it never exists.
 */
export class OutboxWriter {
  async add<T>(manager: EntityManager, caller: Caller | null, event: NewEvent<T>): Promise<DomainEvent<T>> {
    const envelope: DomainEvent<T> = {
      id: randomUUID(),
      subject: event.subject,
      occurredAt: new Date().toISOString(),
      districtId: event.districtId,
      actor: caller ? { kind: caller.kind, id: caller.id } : undefined,
      requestId: caller?.requestId,
      data: event.data,
    };
    // clock_timestamp(), not the column's default now(): now() is the same for every event of one
    // transaction, and the relay publishes in created_at order, so events of one change keep their order.
    await manager.query('INSERT INTO outbox_event (id, subject, envelope, created_at) VALUES ($1, $2, $3, clock_timestamp())', [
      envelope.id, envelope.subject, JSON.stringify(envelope),
    ]);
    await manager.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, envelope.id]);
    return envelope;
  }
}

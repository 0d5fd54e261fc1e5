import { toPublicEvent, type DomainEvent } from '@jiaolian/contracts';
import { KIT_LOGGER } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ChangeLogListeners, type RecordedChange } from './change-log.listeners.js';

/**
 * The transaction-level advisory lock that serialises change log inserts (an arbitrary constant,
 * 'jlcl' in ASCII, unique within this database's integrations schema).
 *
 * Why: `seq` comes from a sequence, and concurrent transactions (several replicas, or a consumer
 * redelivering while another runs) can take seq 5 and 6 and commit 6 first. A feed reader would then
 * see 6, move its cursor to 6, and never see 5. Holding this lock from taking the seq to the commit
 * makes seq order equal commit order: when a reader sees a row, every row with a smaller seq has
 * committed already. The lock is held only for the insert and the listeners, milliseconds each.
 */
export const CHANGE_LOG_LOCK = 0x6a6c636c;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (value: string | null): string | null => (value && UUID.test(value) ? value : null);

/** Appends catalogued domain events to the change log and hands the new rows to the listeners. */
@Injectable()
export class ChangeLogWriter {
  constructor(private readonly listeners: ChangeLogListeners, @Inject(KIT_LOGGER) private readonly logger: Logger) {}

  /**
   * Records one domain event in the caller's transaction (the event consumer's, with its inbox row).
   * Events the catalogue does not publish are passed over; so is an event whose data cannot be read
   * (logged), because retrying it would hold back every change behind it for ever.
   */
  async record(manager: EntityManager, event: DomainEvent): Promise<RecordedChange | undefined> {
    let published: ReturnType<typeof toPublicEvent>;
    try {
      published = toPublicEvent(event);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, eventId: event.id, subject: event.subject }, 'event data does not fit its public type; not recorded in the change log');
      return undefined;
    }
    if (!published) return undefined;
    if (!UUID.test(published.districtId) || !published.resourceId) {
      this.logger.error({ eventId: event.id, subject: event.subject }, 'event names no district or resource; not recorded in the change log');
      return undefined;
    }
    const { domain, ...publicEvent } = published;
    const change = { ...publicEvent, allianceId: uuidOrNull(publicEvent.allianceId), schoolId: uuidOrNull(publicEvent.schoolId) };

    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
    const rows: { seq: string; recorded_at: Date }[] = await manager.query(
      `INSERT INTO change_log (event_id, public_type, version, domain, resource_type, resource_id, operation, district_id, alliance_id, school_id, occurred_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (event_id) DO NOTHING
       RETURNING seq::text AS seq, recorded_at`,
      [
        change.id, change.type, change.version, domain, change.resourceType, change.resourceId.slice(0, 160), change.operation, change.districtId,
        change.allianceId, change.schoolId, change.occurredAt, JSON.stringify(change.data),
      ],
    );
    const [row] = rows;
    // recorded before (the same event published twice under one id): nothing new for the listeners
    if (!row) return undefined;
    const recorded: RecordedChange = { seq: row.seq, recordedAt: row.recorded_at, domain, event: change };
    for (const listener of this.listeners.all()) await listener.onChanges(manager, [recorded]);
    return recorded;
  }
}

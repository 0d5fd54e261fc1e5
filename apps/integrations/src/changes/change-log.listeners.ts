import type { PublicEvent, PublicEventDomain } from '@jiaolian/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A row of the change log as it was just recorded. */
export interface RecordedChange {
  /** the change log position, as a string (bigint) */
  seq: string;
  recordedAt: Date;
  domain: PublicEventDomain;
  event: PublicEvent;
}

/**
 * Called inside the transaction that records the changes, before it commits: whatever a listener
 * writes with `manager` commits together with the change log rows or not at all (webhooks fan out
 * into their delivery queue this way, so a recorded change is never left without its deliveries).
 * A listener that throws rolls the whole event back; it is redelivered and recorded again later.
 * The change log's lock is held meanwhile: listeners must be quick (write rows, no network).
 */
export interface ChangeLogListener {
  onChanges(manager: EntityManager, changes: RecordedChange[]): Promise<void>;
}

/**
 * The change log listeners of this process. A module that wants the new rows injects this and adds
 * its listener when it starts (e.g. in `onModuleInit`); listeners run in the order they were added.
 */
@Injectable()
export class ChangeLogListeners {
  private readonly listeners: ChangeLogListener[] = [];

  add(listener: ChangeLogListener): void {
    this.listeners.push(listener);
  }

  all(): readonly ChangeLogListener[] {
    return this.listeners;
  }
}

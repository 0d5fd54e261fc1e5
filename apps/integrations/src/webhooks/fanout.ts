import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Caller, PublicEventDomain, RoleAssignment } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import { feedReach, type FeedReach } from '../changes/change-feed.rules.js';
import { ChangeLogListeners, type ChangeLogListener, type RecordedChange } from '../changes/change-log.listeners.js';
import { matchesAny } from './delivery.rules.js';
import { WEBHOOKS_CHANNEL } from './webhooks.config.js';

/*
 * From the change log to deliveries: as a change is recorded, one delivery per matching subscription
 * whose owner may see the change (the change feed's visibility) is written in the same transaction,
 * and the commit wakes the delivery workers (NOTIFY). A change recorded twice makes no second delivery.
 */

/** Who owns a subscription and what they could reach when they last saved it. */
export interface SubscriptionOwner {
  kind: 'user' | 'client';
  id: string;
  assignments: RoleAssignment[];
  /** an API client's scopes; null for users */
  scopes: string[] | null;
}

/** What the owner's reach needs to know of a change. */
export interface ChangeFacts {
  domain: PublicEventDomain;
  districtId: string;
  allianceId: string | null;
  schoolId: string | null;
}

/** The owner's change feed reach, or undefined when the feed refuses them (they see no change at all). */
export function ownerReach(owner: SubscriptionOwner): FeedReach | undefined {
  const caller: Caller = { kind: owner.kind, id: owner.id, assignments: owner.assignments, requestId: 'webhooks', ...(owner.scopes ? { scopes: owner.scopes } : {}) };
  try {
    return feedReach(caller);
  } catch {
    return undefined;
  }
}

/**
 * Whether a reach sees a change, as the change feed decides: its domain among the client's read
 * scopes, and its district, or its alliance, or (a school's own row) a school that is an active member
 * of one of the reach's alliances (`memberSchools`).
 */
export function reachSees(reach: FeedReach, change: ChangeFacts, memberSchools: ReadonlySet<string>): boolean {
  if (reach.domains && !reach.domains.includes(change.domain)) return false;
  if (reach.all || reach.districtIds.includes(change.districtId)) return true;
  if (change.allianceId) return reach.allianceIds.includes(change.allianceId);
  return change.schoolId !== null && memberSchools.has(change.schoolId);
}

/** The body every receiver gets, in the Standard Webhooks shape; `data` is the change as the change feed lists it. */
export function webhookBody(change: RecordedChange): string {
  const e = change.event;
  return JSON.stringify({
    type: e.type,
    timestamp: e.occurredAt,
    data: {
      cursor: change.seq, id: e.id, type: e.type, version: e.version, occurredAt: e.occurredAt, resourceType: e.resourceType, resourceId: e.resourceId,
      operation: e.operation, districtId: e.districtId, allianceId: e.allianceId, schoolId: e.schoolId, data: e.data,
    },
  });
}

/** The webhook-id of a change: its event id, the same for every subscription and attempt, so receivers drop duplicates. */
export const webhookIdOf = (eventId: string): string => `msg_${eventId}`;

interface SubscriptionRow {
  id: string;
  district_id: string;
  event_types: string[];
  owner_kind: 'user' | 'client';
  owner_id: string;
  owner_assignments: RoleAssignment[];
  owner_scopes: string[] | null;
}

@Injectable()
export class WebhookFanout implements ChangeLogListener, OnModuleInit {
  constructor(private readonly listeners: ChangeLogListeners) {}

  onModuleInit(): void {
    this.listeners.add(this);
  }

  onChanges(manager: EntityManager, changes: RecordedChange[]): Promise<void> {
    return this.enqueue(manager, changes).then(() => undefined);
  }

  /**
   * Writes the deliveries of these changes in the caller's transaction and returns how many were
   * written. Active and paused subscriptions get them (a paused one sends them on resume); disabled
   * ones do not.
   */
  async enqueue(manager: EntityManager, changes: readonly RecordedChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    const districts = [...new Set(changes.map((c) => c.event.districtId))];
    const subscriptions: SubscriptionRow[] = await manager.query(
      `SELECT id, district_id, event_types, owner_kind, owner_id, owner_assignments, owner_scopes FROM webhook_subscription
        WHERE district_id = ANY($1::uuid[]) AND status IN ('active', 'paused')`,
      [districts],
    );
    if (subscriptions.length === 0) return 0;
    const memberSchools = await this.memberSchoolsOf(manager, subscriptions, changes);
    const rows: unknown[][] = [];
    for (const change of changes) {
      const e = change.event;
      for (const s of subscriptions) {
        if (s.district_id !== e.districtId || !matchesAny(s.event_types, e.type)) continue;
        const reach = ownerReach({ kind: s.owner_kind, id: s.owner_id, assignments: s.owner_assignments, scopes: s.owner_scopes });
        const facts = { domain: change.domain, districtId: e.districtId, allianceId: e.allianceId, schoolId: e.schoolId };
        if (!reach || !reachSees(reach, facts, memberSchools.get(s.id) ?? new Set())) continue;
        rows.push([s.id, webhookIdOf(e.id), e.id, e.type, e.resourceType, e.resourceId, `${e.resourceType}:${e.resourceId}`, webhookBody(change)]);
      }
    }
    let written = 0;
    // 8 parameters a row: chunks of 500 rows stay far below PostgreSQL's 65,535 parameters
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const values = chunk.map((_row, i) => `($${i * 8 + 1}::uuid, $${i * 8 + 2}, $${i * 8 + 3}, $${i * 8 + 4}, $${i * 8 + 5}, $${i * 8 + 6}, $${i * 8 + 7}, $${i * 8 + 8}, 'pending', now())`);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO webhook_delivery (subscription_id, webhook_id, change_id, event_type, object_type, object_id, object_key, payload, status, next_attempt_at)
         VALUES ${values.join(', ')}
         ON CONFLICT (subscription_id, change_id) WHERE change_id IS NOT NULL DO NOTHING RETURNING id`,
        chunk.flat(),
      );
      written += inserted.length;
    }
    if (written > 0) await manager.query('SELECT pg_notify($1, $2)', [WEBHOOKS_CHANNEL, String(written)]);
    return written;
  }

  /**
   * For owners who reach alliances only (not the whole district), the schools that are active members
   * of those alliances: a school's own change (no alliance) reaches them through its membership. Asked
   * only when a change is such a school row.
   */
  private async memberSchoolsOf(manager: EntityManager, subscriptions: SubscriptionRow[], changes: readonly RecordedChange[]): Promise<Map<string, Set<string>>> {
    const result = new Map<string, Set<string>>();
    if (!changes.some((c) => c.event.allianceId === null && c.event.schoolId !== null)) return result;
    for (const s of subscriptions) {
      const reach = ownerReach({ kind: s.owner_kind, id: s.owner_id, assignments: s.owner_assignments, scopes: s.owner_scopes });
      if (!reach || reach.all || reach.allianceIds.length === 0) continue;
      const rows: { school_id: string }[] = await manager.query(
        'SELECT DISTINCT school_id FROM directory_member WHERE alliance_id = ANY($1::uuid[]) AND active', [reach.allianceIds],
      );
      result.set(s.id, new Set(rows.map((r) => r.school_id)));
    }
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import type { RoleAssignment } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import { matchesAny } from './delivery.rules.js';
import { WEBHOOKS_CHANNEL } from './webhooks.config.js';

/*
 * From a change to deliveries: when a change is written to the change log, one delivery per matching
 * subscription whose owner may see the change is written in the same transaction, and the commit wakes
 * the delivery workers (NOTIFY). A change handed over twice makes no second delivery.
 */

/** A change as the public catalogue shows it to third parties. */
export interface PublicChange {
  /** the change's id in the change log: unique, and the base of the webhook-id */
  id: string;
  eventType: string;
  objectType: string;
  objectId: string;
  districtId: string;
  allianceId?: string | null;
  schoolId?: string | null;
  occurredAt: string;
  /** the public payload of the event */
  data: unknown;
}

/** Who owns a subscription and what they could see when they last saved it. */
export interface SubscriptionOwner {
  kind: 'user' | 'client';
  assignments: RoleAssignment[];
  /** an API client's scopes; null for users */
  scopes: string[] | null;
}

/** The domain of an event type: its first segment (`membership.school.updated` → `membership`). */
export const domainOf = (eventType: string): string => eventType.split('.')[0] ?? eventType;

/** The read scope that lets an API client see a domain's changes (the write scope includes it). */
const READ_SCOPE_DOMAIN: Record<string, string> = { 'teacher-exchange': 'exchange' };

/**
 * Whether a subscription's owner may see a change of its district: a district admin sees the whole
 * district; an API client needs the domain's read (or write) scope, and when it was granted only some
 * alliances or schools of the district, the change must belong to one of them.
 */
export function ownerMaySee(owner: SubscriptionOwner, change: PublicChange): boolean {
  const here = owner.assignments.filter((a) => a.districtId === change.districtId || a.districtId === '*');
  if (here.length === 0) return false;
  if (owner.kind === 'user') return here.some((a) => a.role === 'district_admin' || a.role === 'platform_admin');
  const domain = domainOf(change.eventType);
  const scopeDomain = READ_SCOPE_DOMAIN[domain] ?? domain;
  if (!(owner.scopes ?? []).some((s) => s === `${scopeDomain}:read` || s === `${scopeDomain}:write`)) return false;
  if (here.some((a) => !a.allianceId && !a.schoolId)) return true;
  return here.some((a) => (a.allianceId !== undefined && a.allianceId === change.allianceId) || (a.schoolId !== undefined && a.schoolId === change.schoolId));
}

/** The body every receiver gets, in the Standard Webhooks shape: type, timestamp and data. */
export function webhookBody(change: PublicChange): string {
  return JSON.stringify({
    type: change.eventType,
    timestamp: change.occurredAt,
    data: { id: change.id, objectType: change.objectType, objectId: change.objectId, districtId: change.districtId, ...asObject(change.data) },
  });
}

const asObject = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : { value });

/** The webhook-id of a change: the same for every subscription and every attempt, so receivers drop duplicates. */
export const webhookIdOf = (changeId: string): string => `msg_${changeId}`;

interface SubscriptionRow {
  id: string;
  event_types: string[];
  owner_kind: 'user' | 'client';
  owner_assignments: RoleAssignment[];
  owner_scopes: string[] | null;
}

@Injectable()
export class WebhookFanout {
  /**
   * Writes the deliveries of these changes in the caller's transaction and returns how many were
   * written. Active and paused subscriptions get them (a paused one sends them on resume); disabled
   * ones do not.
   */
  async enqueue(manager: EntityManager, changes: readonly PublicChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    const districts = [...new Set(changes.map((c) => c.districtId))];
    const subscriptions: (SubscriptionRow & { district_id: string })[] = await manager.query(
      `SELECT id, district_id, event_types, owner_kind, owner_assignments, owner_scopes FROM webhook_subscription
        WHERE district_id = ANY($1::uuid[]) AND status IN ('active', 'paused')`,
      [districts],
    );
    if (subscriptions.length === 0) return 0;
    const rows: unknown[][] = [];
    for (const change of changes) {
      for (const s of subscriptions) {
        if (s.district_id !== change.districtId || !matchesAny(s.event_types, change.eventType)) continue;
        if (!ownerMaySee({ kind: s.owner_kind, assignments: s.owner_assignments, scopes: s.owner_scopes }, change)) continue;
        rows.push([s.id, webhookIdOf(change.id), change.id, change.eventType, change.objectType, change.objectId, `${change.objectType}:${change.objectId}`, webhookBody(change)]);
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
}

import { Injectable } from '@nestjs/common';
import {
  WEBHOOK_PING_EVENT_TYPE, type CreateWebhookSubscriptionDto, type ListWebhookDeliveriesRequest, type ListWebhookSubscriptionsQueryDto, type Page,
  type RoleAssignment, type UpdateWebhookSubscriptionDto, type WebhookAttemptView, type WebhookDeliveryView, type WebhookPauseReason, type WebhookSecretView,
  type WebhookSubscriptionCreatedView, type WebhookSubscriptionStatus, type WebhookSubscriptionView, type WebhookTransition,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, NotFoundError, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isKnownPattern } from './delivery.rules.js';
import { WebhookDeliveryWorker } from './delivery.worker.js';
import { WebhookEventTypes } from './event-types.js';
import { generateSecret } from './signing.js';
import { checkTarget } from './target-guard.js';
import { WEBHOOKS_CHANNEL, WebhooksConfigHolder } from './webhooks.config.js';

interface SubscriptionRow {
  id: string; district_id: string; owner_kind: 'user' | 'client'; owner_id: string; owner_name: string | null; url: string; event_types: string[];
  description: string | null; status: WebhookSubscriptionStatus; paused_reason: WebhookPauseReason | null; secret: string; previous_secret: string | null;
  previous_secret_until: Date | null; secret_rotated_at: Date; consecutive_failures: number; last_success_at: Date | null; last_failure_at: Date | null;
  created_at: Date; updated_at: Date; pending_deliveries: number; total?: string;
}

interface DeliveryRow {
  id: string; subscription_id: string; webhook_id: string; event_type: string; object_type: string | null; object_id: string | null; status: WebhookDeliveryView['status'];
  next_attempt_at: Date | null; created_at: Date; completed_at: Date | null; payload: string; attempts: { at: string; trigger: WebhookAttemptView['trigger']; status: number | null; duration_ms: number; excerpt: string }[] | null;
  total?: string;
}

const SELECT_SUBSCRIPTION = `
  SELECT s.*, (SELECT count(*)::int FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending_deliveries
    FROM webhook_subscription s`;

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

const snapshot = (s: Pick<SubscriptionRow, 'url' | 'event_types' | 'description' | 'status' | 'paused_reason'>): Record<string, unknown> => ({
  url: s.url, eventTypes: s.event_types, description: s.description, status: s.status, pausedReason: s.paused_reason,
});

/** What a transition does: the status it leads to, the statuses it leaves, and the pause reason it sets. */
const TRANSITIONS: Record<WebhookTransition, { to: WebhookSubscriptionStatus; from: WebhookSubscriptionStatus[]; reason: WebhookPauseReason | null }> = {
  pause: { to: 'paused', from: ['active'], reason: 'manual' },
  disable: { to: 'disabled', from: ['active', 'paused'], reason: null },
  resume: { to: 'active', from: ['paused', 'disabled'], reason: null },
};

/**
 * Webhook subscriptions and their delivery log. A subscription belongs to an API client (its token,
 * scope integrations:write) or to a district: a district admin manages every subscription of their
 * district, a client only its own. Anything else answers 404. Every change is audited.
 */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly worker: WebhookDeliveryWorker,
    private readonly eventTypes: WebhookEventTypes,
    private readonly config: WebhooksConfigHolder,
  ) {}

  /** The SQL condition (on alias `s`) of the subscriptions the caller may see, and its parameters. */
  private visible(scope: AccessScope, params: unknown[]): string {
    if (scope.isPlatformAdmin) return 'true';
    if (scope.caller.kind === 'client') {
      params.push(scope.caller.id);
      return `(s.owner_kind = 'client' AND s.owner_id = $${params.length})`;
    }
    params.push(scope.adminDistrictIds());
    return `s.district_id = ANY($${params.length}::uuid[])`;
  }

  /** Refuses a caller who may not manage subscriptions at all (roles are checked at the gateway too). */
  private assertManager(scope: AccessScope, write: boolean): void {
    if (scope.caller.kind === 'client') {
      const scopes = scope.caller.scopes ?? [];
      if (!scopes.includes('integrations:write') && (write || !scopes.includes('integrations:read'))) throw ForbiddenError.of('integrations.webhook.manage-forbidden', { scope: 'integrations:write' });
      return;
    }
    if (!scope.isPlatformAdmin && scope.adminDistrictIds().length === 0) throw ForbiddenError.of('integrations.webhook.manage-forbidden', { scope: 'integrations:write' });
  }

  private async row(manager: EntityManager, scope: AccessScope, id: string, lock = false): Promise<SubscriptionRow> {
    const params: unknown[] = [id];
    const where = this.visible(scope, params);
    const [row]: SubscriptionRow[] = await manager.query(
      lock ? `SELECT s.*, 0 AS pending_deliveries FROM webhook_subscription s WHERE s.id = $1 AND ${where} FOR UPDATE` : `${SELECT_SUBSCRIPTION} WHERE s.id = $1 AND ${where}`,
      params,
    );
    if (!row) throw new NotFoundError('Webhook subscription', id);
    return row;
  }

  private async reload(manager: EntityManager, scope: AccessScope, id: string): Promise<WebhookSubscriptionView> {
    return this.view(await this.row(manager, scope, id));
  }

  private assertEventTypes(patterns: string[]): void {
    const catalogue = this.eventTypes.all();
    patterns.forEach((pattern, i) => {
      if (!isKnownPattern(pattern, catalogue)) throw ValidationError.of(`eventTypes[${i}]`, 'integrations.webhook.event-type-unknown', { eventType: pattern });
    });
  }

  private async checkUrl(url: string): Promise<string> {
    return (await checkTarget(url.trim(), { allowPrivate: this.config.value.allowPrivateTargets })).toString();
  }

  /** The district a new subscription belongs to: the one named, or the caller's only one. */
  private districtFor(scope: AccessScope, districtId: string | undefined): string {
    const reachable = scope.caller.kind === 'client' ? scope.districtIds() : scope.adminDistrictIds();
    if (districtId) {
      if (!scope.isPlatformAdmin && !reachable.includes(districtId)) throw new NotFoundError('District', districtId);
      return districtId;
    }
    if (reachable.length !== 1) throw ValidationError.of('districtId', 'field.isNotEmpty');
    return reachable[0]!;
  }

  async create(scope: AccessScope, dto: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionCreatedView> {
    this.assertManager(scope, true);
    this.assertEventTypes(dto.eventTypes);
    const districtId = this.districtFor(scope, dto.districtId);
    const url = await this.checkUrl(dto.url);
    const secret = generateSecret();
    const caller = scope.caller;
    const assignments: RoleAssignment[] = caller.assignments;
    return this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO webhook_subscription (district_id, owner_kind, owner_id, owner_name, owner_assignments, owner_scopes, url, event_types, description, status, secret)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10) RETURNING id`,
        [districtId, caller.kind === 'client' ? 'client' : 'user', caller.id, caller.displayName?.slice(0, 128) ?? null, JSON.stringify(assignments),
          caller.kind === 'client' ? (caller.scopes ?? []) : null, url, dto.eventTypes, dto.description?.trim() || null, secret],
      );
      const row = await this.row(manager, scope, id);
      await this.audit.record(manager, caller, { districtId, action: 'webhook.subscription.created', entityType: 'webhook_subscription', entityId: id, after: snapshot(row) });
      return { ...this.view(row), secret };
    });
  }

  async list(scope: AccessScope, query: ListWebhookSubscriptionsQueryDto): Promise<Page<WebhookSubscriptionView>> {
    this.assertManager(scope, false);
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 's.created_at', url: 's.url', status: 's.status' }, '-createdAt');
    const params: unknown[] = [];
    const where = [this.visible(scope, params)];
    if (query.status) {
      params.push(query.status);
      where.push(`s.status = $${params.length}`);
    }
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`(s.url ILIKE $${params.length} OR s.description ILIKE $${params.length})`);
    }
    params.push(window.pageSize, window.offset);
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT q.*, count(*) OVER () AS total FROM (${SELECT_SUBSCRIPTION} WHERE ${where.join(' AND ')}) q
        ORDER BY ${order.column.replace('s.', 'q.')} ${order.direction}, q.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return toPage(rows.map((r) => this.view(r)), Number(rows[0]?.total ?? 0), window);
  }

  async get(scope: AccessScope, id: string): Promise<WebhookSubscriptionView> {
    this.assertManager(scope, false);
    return this.reload(this.dataSource.manager, scope, id);
  }

  async update(scope: AccessScope, id: string, changes: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    this.assertManager(scope, true);
    if (changes.eventTypes) this.assertEventTypes(changes.eventTypes);
    const url = changes.url === undefined ? undefined : await this.checkUrl(changes.url);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, scope, id, true);
      const after = {
        url: url ?? before.url,
        event_types: changes.eventTypes ?? before.event_types,
        description: changes.description === undefined ? before.description : changes.description?.trim() || null,
      };
      await manager.query(
        'UPDATE webhook_subscription SET url = $2, event_types = $3, description = $4, updated_at = now() WHERE id = $1',
        [id, after.url, after.event_types, after.description],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: before.district_id, action: 'webhook.subscription.updated', entityType: 'webhook_subscription', entityId: id,
        before: snapshot(before), after: snapshot({ ...before, ...after }),
      });
      return this.reload(manager, scope, id);
    });
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    this.assertManager(scope, true);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, scope, id, true);
      await manager.query('DELETE FROM webhook_subscription WHERE id = $1', [id]);
      await this.audit.record(manager, scope.caller, {
        districtId: before.district_id, action: 'webhook.subscription.deleted', entityType: 'webhook_subscription', entityId: id, before: snapshot(before),
      });
    });
  }

  async transition(scope: AccessScope, id: string, action: WebhookTransition): Promise<WebhookSubscriptionView> {
    this.assertManager(scope, true);
    const step = TRANSITIONS[action];
    const view = await this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, scope, id, true);
      if (!step.from.includes(before.status)) {
        throw ConflictError.of(action === 'resume' ? 'integrations.webhook.subscription-not-paused' : 'integrations.webhook.subscription-disabled', { subscriptionStatus: before.status });
      }
      // a resumed endpoint starts a fresh streak: the failures that paused it are not counted again
      await manager.query(
        `UPDATE webhook_subscription SET status = $2::varchar, paused_reason = $3::varchar, updated_at = now(),
                consecutive_failures = CASE WHEN $2::varchar = 'active' THEN 0 ELSE consecutive_failures END,
                failing_since = CASE WHEN $2::varchar = 'active' THEN NULL ELSE failing_since END
          WHERE id = $1`,
        [id, step.to, step.reason],
      );
      if (step.to === 'disabled') {
        // disabled keeps nothing: what was waiting is given up (and stays in the log, replayable)
        await manager.query(`UPDATE webhook_delivery SET status = 'failed', completed_at = now(), next_attempt_at = NULL, lease_until = NULL WHERE subscription_id = $1 AND status = 'pending'`, [id]);
      }
      if (step.to === 'active') await manager.query('SELECT pg_notify($1, $2)', [WEBHOOKS_CHANNEL, id]);
      await this.audit.record(manager, scope.caller, {
        districtId: before.district_id, action: `webhook.subscription.${action === 'resume' ? 'resumed' : action === 'pause' ? 'paused' : 'disabled'}`,
        entityType: 'webhook_subscription', entityId: id, before: snapshot(before), after: snapshot({ ...before, status: step.to, paused_reason: step.reason }),
      });
      return this.reload(manager, scope, id);
    });
    return view;
  }

  async rotateSecret(scope: AccessScope, id: string, now = new Date()): Promise<WebhookSecretView> {
    this.assertManager(scope, true);
    const secret = generateSecret();
    const until = new Date(now.getTime() + this.config.value.secretGraceMs);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, scope, id, true);
      await manager.query(
        'UPDATE webhook_subscription SET previous_secret = secret, previous_secret_until = $3, secret = $2, secret_rotated_at = now(), updated_at = now() WHERE id = $1',
        [id, secret, until],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: before.district_id, action: 'webhook.subscription.secret-rotated', entityType: 'webhook_subscription', entityId: id,
        after: { previousSecretValidUntil: until.toISOString() },
      });
      return { secret, previousSecretValidUntil: until.toISOString() };
    });
  }

  /** Sends a signed webhook.ping now, outside the queue, and answers with the delivery and its attempt. */
  async ping(scope: AccessScope, id: string): Promise<WebhookDeliveryView> {
    this.assertManager(scope, true);
    const s = await this.row(this.dataSource.manager, scope, id);
    if (s.status === 'disabled') throw ConflictError.of('integrations.webhook.subscription-disabled', { subscriptionStatus: s.status });
    const deliveryId = randomUUID();
    const webhookId = `msg_${deliveryId}`;
    const payload = JSON.stringify({ type: WEBHOOK_PING_EVENT_TYPE, timestamp: new Date().toISOString(), data: { subscriptionId: s.id, message: '事件推送测试 / webhook test' } });
    // leased for the attempt, so no worker takes it meanwhile
    const [delivery]: { id: string; subscription_id: string; window_from: Date }[] = await this.dataSource.query(
      `INSERT INTO webhook_delivery (id, subscription_id, webhook_id, event_type, object_key, payload, status, next_attempt_at, lease_until, attempt_count)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', now(), now() + interval '1 hour', 1) RETURNING id, subscription_id, window_from`,
      [deliveryId, s.id, webhookId, WEBHOOK_PING_EVENT_TYPE, `ping:${deliveryId}`, payload],
    );
    const result = await this.worker.attemptOnce({ ...s, webhook_id: webhookId, payload }, Math.min(this.config.value.attemptTimeoutMs, 5_000));
    await this.worker.record(delivery!, result, 'ping');
    return this.delivery(scope, deliveryId);
  }

  async deliveries(scope: AccessScope, query: ListWebhookDeliveriesRequest): Promise<Page<WebhookDeliveryView>> {
    this.assertManager(scope, false);
    await this.row(this.dataSource.manager, scope, query.subscriptionId);
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'd.seq' }, '-createdAt');
    const params: unknown[] = [query.subscriptionId];
    const where = ['d.subscription_id = $1'];
    if (query.status) {
      params.push(query.status);
      where.push(`d.status = $${params.length}`);
    }
    if (query.eventType) {
      params.push(query.eventType);
      where.push(`d.event_type = $${params.length}`);
    }
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`(d.webhook_id ILIKE $${params.length} OR d.object_id ILIKE $${params.length})`);
    }
    params.push(window.pageSize, window.offset);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `${this.deliverySelect()} WHERE ${where.join(' AND ')} ORDER BY ${order.column} ${order.direction} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return toPage(rows.map((r) => this.deliveryView(r)), Number(rows[0]?.total ?? 0), window);
  }

  /** Queues a delivery for one more attempt at once, with the same webhook-id; audited. */
  async replay(scope: AccessScope, id: string): Promise<WebhookDeliveryView> {
    this.assertManager(scope, true);
    await this.dataSource.transaction(async (manager) => {
      const [d]: { id: string; subscription_id: string; status: string }[] = await manager.query(
        'SELECT id, subscription_id, status FROM webhook_delivery WHERE id = $1 FOR UPDATE', [id],
      );
      if (!d) throw new NotFoundError('Webhook delivery', id);
      const s = await this.row(manager, scope, d.subscription_id).catch(() => {
        throw new NotFoundError('Webhook delivery', id);
      });
      if (s.status === 'disabled') throw ConflictError.of('integrations.webhook.subscription-disabled', { subscriptionStatus: s.status });
      await manager.query(
        `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = now(), completed_at = NULL, replay_requested = true,
                window_from = CASE WHEN status = 'pending' THEN window_from ELSE now() END
          WHERE id = $1`,
        [id],
      );
      await manager.query('SELECT pg_notify($1, $2)', [WEBHOOKS_CHANNEL, id]);
      await this.audit.record(manager, scope.caller, {
        districtId: s.district_id, action: 'webhook.delivery.replayed', entityType: 'webhook_delivery', entityId: id, before: { status: d.status }, after: { status: 'pending' },
      });
    });
    return this.delivery(scope, id);
  }

  private async delivery(scope: AccessScope, id: string): Promise<WebhookDeliveryView> {
    const [row]: DeliveryRow[] = await this.dataSource.query(`${this.deliverySelect()} WHERE d.id = $1`, [id]);
    if (!row) throw new NotFoundError('Webhook delivery', id);
    await this.row(this.dataSource.manager, scope, row.subscription_id);
    return this.deliveryView(row);
  }

  private deliverySelect(): string {
    return `SELECT d.id, d.subscription_id, d.webhook_id, d.event_type, d.object_type, d.object_id, d.status, d.next_attempt_at, d.created_at, d.completed_at, d.payload,
                   (SELECT json_agg(json_build_object('at', a.at, 'trigger', a.trigger, 'status', a.status, 'duration_ms', a.duration_ms, 'excerpt', a.excerpt) ORDER BY a.id DESC)
                      FROM webhook_attempt a WHERE a.delivery_id = d.id) AS attempts,
                   count(*) OVER () AS total
              FROM webhook_delivery d`;
  }

  private view(r: SubscriptionRow): WebhookSubscriptionView {
    return {
      id: r.id, districtId: r.district_id, url: r.url, eventTypes: r.event_types, description: r.description, status: r.status, pausedReason: r.paused_reason,
      owner: { kind: r.owner_kind, id: r.owner_id, name: r.owner_name }, consecutiveFailures: r.consecutive_failures, pendingDeliveries: Number(r.pending_deliveries),
      lastSuccessAt: isoOrNull(r.last_success_at), lastFailureAt: isoOrNull(r.last_failure_at), secretRotatedAt: iso(r.secret_rotated_at),
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
  }

  private deliveryView(r: DeliveryRow): WebhookDeliveryView {
    return {
      id: r.id, subscriptionId: r.subscription_id, webhookId: r.webhook_id, eventType: r.event_type, objectType: r.object_type, objectId: r.object_id,
      status: r.status, nextAttemptAt: isoOrNull(r.next_attempt_at), createdAt: iso(r.created_at), completedAt: isoOrNull(r.completed_at), payload: r.payload,
      attempts: (r.attempts ?? []).map((a) => ({ at: new Date(a.at).toISOString(), trigger: a.trigger, status: a.status, durationMs: a.duration_ms, excerpt: a.excerpt })),
    };
  }
}

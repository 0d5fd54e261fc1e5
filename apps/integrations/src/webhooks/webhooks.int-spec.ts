import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  MembershipEvents, WebhookSubjects, type DomainEvent, type Page, type PublicEventDomain, type RoleAssignment, type WebhookDeliveryView, type WebhookSecretView, type WebhookSubscriptionCreatedView,
  type WebhookSubscriptionView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { WebhookDeliveryWorker } from './delivery.worker.js';
import type { RecordedChange } from '../changes/change-log.listeners.js';
import { WebhookFanout } from './fanout.js';
import { TestReceiver } from './testing/receiver.js';
import { WebhooksConfigHolder } from './webhooks.config.js';

/*
 * Webhooks against real PostgreSQL, NATS and a real local HTTP receiver: who manages which
 * subscription, signed deliveries a Standard Webhooks library verifies, per-object order while an
 * earlier delivery fails, replay with the same webhook-id, pausing after a long failure streak, and
 * the delivery log.
 */
describe('webhooks over the bus', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: DataSource;
  let worker: WebhookDeliveryWorker;
  const receiver = new TestReceiver();
  let base: string;

  const districtA = randomUUID();
  const districtB = randomUUID();
  type Who = { kind?: 'user' | 'client'; id: string; assignments: RoleAssignment[]; scopes?: string[] };
  const who = {
    districtAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtA }] },
    foreignAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtB }] },
    schoolAdmin: { id: randomUUID(), assignments: [{ role: 'school_admin', districtId: districtA, schoolId: randomUUID() }] },
    dataCentre: { kind: 'client', id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtA }], scopes: ['integrations:write', 'membership:read'] },
    readOnlyClient: { kind: 'client', id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtA }], scopes: ['membership:read'] },
  } satisfies Record<string, Who>;

  const ask = async <T>(as: Who, subject: string, data: unknown): Promise<T> =>
    bus.request<T>(subject, data, {
      callerToken: await tokens.sign({ kind: as.kind ?? 'user', id: as.id, displayName: `测试-${as.id.slice(0, 4)}`, assignments: as.assignments, ...(as.scopes ? { scopes: as.scopes } : {}) }, 300),
    });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  let seq = 1;
  /** A change as the change log records it: by default a school renamed in district A. */
  const change = (over: { type?: string; domain?: PublicEventDomain; resourceType?: string; resourceId?: string; districtId?: string; name?: string } = {}): RecordedChange => {
    const resourceId = over.resourceId ?? randomUUID();
    return {
      seq: String(seq++), recordedAt: new Date(), domain: over.domain ?? 'membership',
      event: {
        id: randomUUID(), type: over.type ?? 'school.renamed', version: 1, occurredAt: new Date().toISOString(), resourceType: over.resourceType ?? 'school', resourceId,
        operation: 'update', districtId: over.districtId ?? districtA, allianceId: null, schoolId: over.resourceType && over.resourceType !== 'school' ? null : resourceId,
        data: { id: resourceId, name: over.name ?? '城关第一小学' },
      },
    };
  };
  const commit = async (...changes: RecordedChange[]): Promise<number> => db.transaction((manager) => app.get(WebhookFanout).enqueue(manager, changes));
  const bodyOf = (i: number): { type: string; data: { id: string; data: { name?: string } } } => JSON.parse(receiver.received[i]!.body);

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'integrations_webhooks_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = process.env['TEST_LOG_LEVEL'] ?? 'silent';
    process.env['WEBHOOKS_ALLOW_PRIVATE_TARGETS'] = 'true';
    base = await receiver.start();
    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'integrations' }, logger: false,
    });
    await app.listen();
    db = app.get(DataSource);
    worker = app.get(WebhookDeliveryWorker);
    nc = await connect({ servers: servers.natsUrl });
    bus = new BusClient(nc, 10_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => 200;
  });

  let subscription: WebhookSubscriptionCreatedView;

  it('lets a district admin subscribe an endpoint: the secret is shown once, the change audited', async () => {
    subscription = await ask(who.districtAdmin, WebhookSubjects.subscriptionCreate, {
      url: `${base}/district`, eventTypes: ['school.*', 'alliance.*'], description: '区域教育数据中心',
    });

    expect(subscription).toMatchObject({ districtId: districtA, status: 'active', eventTypes: ['school.*', 'alliance.*'], owner: { kind: 'user', id: who.districtAdmin.id } });
    expect(subscription.secret).toMatch(/^whsec_/);
    const again = await ask<WebhookSubscriptionView>(who.districtAdmin, WebhookSubjects.subscriptionGet, { id: subscription.id });
    expect(again).not.toHaveProperty('secret');
    expect(await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [subscription.id])).toEqual([{ action: 'webhook.subscription.created' }]);
  });

  it('answers 404 to another district, 403 to a school admin and a client without integrations:write, and writes nothing then', async () => {
    const before = await count('webhook_subscription');

    await expect(ask(who.foreignAdmin, WebhookSubjects.subscriptionGet, { id: subscription.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.foreignAdmin, WebhookSubjects.subscriptionTransition, { id: subscription.id, body: { action: 'pause' } })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.foreignAdmin, WebhookSubjects.subscriptionDelete, { id: subscription.id })).rejects.toMatchObject({ kind: 'not-found' });
    expect((await ask<Page<WebhookSubscriptionView>>(who.foreignAdmin, WebhookSubjects.subscriptionList, {})).total).toBe(0);
    await expect(ask(who.schoolAdmin, WebhookSubjects.subscriptionCreate, { url: `${base}/x`, eventTypes: ['*'] })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.readOnlyClient, WebhookSubjects.subscriptionCreate, { url: `${base}/x`, eventTypes: ['*'] }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'auth.client-scope-missing' });
    await expect(ask(who.districtAdmin, WebhookSubjects.subscriptionCreate, { url: `${base}/x`, eventTypes: ['school.nothing-like-this'] }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'eventTypes[0]', code: 'integrations.webhook.event-type-unknown' })] });
    await expect(ask(who.districtAdmin, WebhookSubjects.subscriptionCreate, { url: 'ftp://example.org/x', eventTypes: ['*'] }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'url' })] });
    expect(await count('webhook_subscription')).toBe(before);
  });

  it('refuses a private or loopback target with 400 naming url when the deployment does not allow them', async () => {
    const config = app.get(WebhooksConfigHolder).value;
    config.allowPrivateTargets = false;
    try {
      for (const url of [`${base.replace('http:', 'https:')}/hook`, 'https://10.20.30.40/hook', 'https://[::1]/hook', 'http://example.org/hook']) {
        await expect(ask(who.districtAdmin, WebhookSubjects.subscriptionCreate, { url, eventTypes: ['*'] }))
          .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'url' })] });
      }
    } finally {
      config.allowPrivateTargets = true;
    }
  });

  it('delivers a committed change signed so that a Standard Webhooks receiver verifies it, within moments of the commit', async () => {
    const school = change();
    const committedAt = Date.now();
    expect(await commit(school)).toBe(1);
    await receiver.until(1);

    const [got] = receiver.received;
    expect(got!.at - committedAt).toBeLessThan(1_000);
    expect(got!.headers['webhook-id']).toBe(`msg_${school.event.id}`);
    expect(new Webhook(subscription.secret).verify(got!.body, got!.headers)).toMatchObject({
      type: 'school.renamed',
      data: { cursor: school.seq, id: school.event.id, type: 'school.renamed', resourceType: 'school', resourceId: school.event.resourceId, districtId: districtA, data: { name: '城关第一小学' } },
    });
    await worker.idle();
    const log = await ask<Page<WebhookDeliveryView>>(who.districtAdmin, WebhookSubjects.deliveryList, { subscriptionId: subscription.id });
    expect(log.items[0]).toMatchObject({ webhookId: `msg_${school.event.id}`, status: 'succeeded', attempts: [expect.objectContaining({ status: 200, trigger: 'scheduled', excerpt: 'ok' })] });
  });

  it('delivers a domain event published on JetStream: change log, deliveries and NOTIFY in one path, in moments', async () => {
    const schoolId = randomUUID();
    const event: DomainEvent = {
      id: randomUUID(), subject: MembershipEvents.schoolRenamed, occurredAt: new Date().toISOString(), districtId: districtA,
      data: { schoolId, districtId: districtA, code: '3307820001', name: '城关第二小学', previousName: '城关二小', version: 2 },
    };
    const publishedAt = Date.now();
    await jetstream(nc).publish(event.subject, JSON.stringify(event), { msgID: event.id });
    await receiver.until(1, 15_000);

    const [got] = receiver.received;
    expect(got!.headers['webhook-id']).toBe(`msg_${event.id}`);
    expect(new Webhook(subscription.secret).verify(got!.body, got!.headers)).toMatchObject({
      type: 'school.renamed', data: { id: event.id, resourceId: schoolId, data: { id: schoolId, name: '城关第二小学', previousName: '城关二小' } },
    });
    expect(got!.at - publishedAt).toBeLessThan(5_000);
  });

  it('sends nothing for another district, a type not subscribed, or to a client that lacks the domain\'s read scope', async () => {
    const client = await ask<WebhookSubscriptionCreatedView>(who.dataCentre, WebhookSubjects.subscriptionCreate, { url: `${base}/client`, eventTypes: ['*'] });
    expect(client.owner).toMatchObject({ kind: 'client', id: who.dataCentre.id });
    // the district admin sees the client's subscription too; the client sees only its own
    expect((await ask<Page<WebhookSubscriptionView>>(who.districtAdmin, WebhookSubjects.subscriptionList, {})).items.map((s) => s.id).sort()).toEqual([subscription.id, client.id].sort());
    expect((await ask<Page<WebhookSubscriptionView>>(who.dataCentre, WebhookSubjects.subscriptionList, {})).items.map((s) => s.id)).toEqual([client.id]);

    const written = await commit(
      change({ districtId: districtB }),
      change({ type: 'placement.proposed', domain: 'exchange', resourceType: 'placement' }),
      change({ type: 'alliance.renamed', resourceType: 'alliance' }),
    );

    // the placement goes to the client only if it may read the exchange domain: it may not; the alliance change goes to both
    expect(written).toBe(2);
    await receiver.until(2);
    await worker.idle();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/client', '/district']);
    await ask(who.dataCentre, WebhookSubjects.subscriptionDelete, { id: client.id });
  });

  it('keeps the order of events about one object while an earlier one fails, and sends other objects meanwhile', async () => {
    const schoolId = randomUUID();
    const first = change({ resourceId: schoolId, name: 'v1' });
    const second = change({ resourceId: schoolId, name: 'v2' });
    const third = change({ resourceId: schoolId, name: 'v3' });
    const other = change({ name: 'other' });
    receiver.answer = (r) => (JSON.parse(r.body).data.data.name === 'v1' ? 503 : 200);

    await commit(first, second, third, other);
    await receiver.until(2);
    await worker.idle();

    expect(receiver.received.map((_r, i) => bodyOf(i).data.data.name).sort()).toEqual(['other', 'v1']);
    const [failed] = await db.query('SELECT status, attempt_count, next_attempt_at > now() AS later FROM webhook_delivery WHERE change_id = $1', [first.event.id]);
    expect(failed).toEqual({ status: 'pending', attempt_count: 1, later: true });

    // the receiver is back and the retry falls due: the three arrive in their order
    receiver.answer = () => 200;
    await db.query(`UPDATE webhook_delivery SET next_attempt_at = now() WHERE change_id = $1`, [first.event.id]);
    await worker.kick();
    await receiver.until(5);
    await worker.idle();
    expect(receiver.received.slice(2).map((_r, i) => bodyOf(i + 2).data.data.name)).toEqual(['v1', 'v2', 'v3']);
    expect(new Set(receiver.received.filter((r) => r.body.includes('"v1"')).map((r) => r.headers['webhook-id']))).toEqual(new Set([`msg_${first.event.id}`]));
  });

  it('replays a delivery with the same webhook-id and logs the attempt as a replay; audited', async () => {
    const school = change();
    await commit(school);
    await receiver.until(1);
    await worker.idle();
    const [delivery] = (await ask<Page<WebhookDeliveryView>>(who.districtAdmin, WebhookSubjects.deliveryList, { subscriptionId: subscription.id, status: 'succeeded' })).items;
    expect(delivery!.webhookId).toBe(`msg_${school.event.id}`);

    await expect(ask(who.foreignAdmin, WebhookSubjects.deliveryReplay, { id: delivery!.id })).rejects.toMatchObject({ kind: 'not-found' });
    await ask(who.districtAdmin, WebhookSubjects.deliveryReplay, { id: delivery!.id });
    await receiver.until(2);
    await worker.idle();

    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([`msg_${school.event.id}`, `msg_${school.event.id}`]);
    expect(new Webhook(subscription.secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers)).toBeTruthy();
    const log = await ask<Page<WebhookDeliveryView>>(who.districtAdmin, WebhookSubjects.deliveryList, { subscriptionId: subscription.id });
    expect(log.items.find((d) => d.id === delivery!.id)!.attempts.map((a) => a.trigger)).toEqual(['replay', 'scheduled']);
    expect(await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [delivery!.id])).toEqual([{ action: 'webhook.delivery.replayed' }]);
  });

  it('pauses an endpoint that failed 20 times in a row over an hour, tells its owner, keeps the events and sends them on resume', async () => {
    receiver.answer = () => 500;
    await db.query(`UPDATE webhook_subscription SET consecutive_failures = 19, failing_since = now() - interval '2 hours' WHERE id = $1`, [subscription.id]);

    const school = change();
    await commit(school);
    await receiver.until(1);
    await worker.idle();

    const paused = await ask<WebhookSubscriptionView>(who.districtAdmin, WebhookSubjects.subscriptionGet, { id: subscription.id });
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'failures', consecutiveFailures: 20, pendingDeliveries: 1 });
    expect(await db.query(`SELECT actor_kind, after->>'pausedReason' AS reason FROM audit_log WHERE entity_id = $1 AND action = 'webhook.subscription.paused-for-failures'`, [subscription.id]))
      .toEqual([{ actor_kind: 'system', reason: 'failures' }]);
    // the owner hears of it in the notification centre, with a link to the subscription
    expect(await db.query(`SELECT kind, link, params->>'endpoint' AS endpoint FROM notification WHERE recipient_id = $1`, [who.districtAdmin.id]))
      .toEqual([{ kind: 'webhook.paused', link: `/webhooks/${subscription.id}`, endpoint: new URL(subscription.url).origin + new URL(subscription.url).pathname }]);

    // while paused nothing is sent, even when due
    receiver.answer = () => 200;
    await db.query(`UPDATE webhook_delivery SET next_attempt_at = now() WHERE change_id = $1`, [school.event.id]);
    await worker.kick();
    await worker.idle();
    expect(receiver.received).toHaveLength(1);

    const resumed = await ask<WebhookSubscriptionView>(who.districtAdmin, WebhookSubjects.subscriptionTransition, { id: subscription.id, body: { action: 'resume' } });
    expect(resumed).toMatchObject({ status: 'active', pausedReason: null, consecutiveFailures: 0 });
    await receiver.until(2);
    await worker.idle();
    expect(receiver.received[1]!.headers['webhook-id']).toBe(`msg_${school.event.id}`);
    await expect(ask(who.districtAdmin, WebhookSubjects.subscriptionTransition, { id: subscription.id, body: { action: 'resume' } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'integrations.webhook.subscription-not-paused' });
  });

  it('sends a test ping on request and answers with its attempt', async () => {
    const sut = await ask<WebhookDeliveryView>(who.districtAdmin, WebhookSubjects.subscriptionPing, { id: subscription.id });

    expect(sut).toMatchObject({ eventType: 'webhook.ping', status: 'succeeded', attempts: [expect.objectContaining({ trigger: 'ping', status: 200 })] });
    expect(receiver.received).toHaveLength(1);
    expect(new Webhook(subscription.secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toMatchObject({ type: 'webhook.ping' });
  });

  it('signs with both secrets after a rotation, so receivers holding either verify', async () => {
    const rotated = await ask<WebhookSecretView>(who.districtAdmin, WebhookSubjects.subscriptionRotateSecret, { id: subscription.id });
    await commit(change());
    await receiver.until(1);

    const [got] = receiver.received;
    expect(new Webhook(rotated.secret).verify(got!.body, got!.headers)).toBeTruthy();
    expect(new Webhook(subscription.secret).verify(got!.body, got!.headers)).toBeTruthy();
    expect(await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'webhook.subscription.secret-rotated'`, [subscription.id])).toHaveLength(1);
  });

  it('keeps no events for a disabled subscription', async () => {
    await ask(who.districtAdmin, WebhookSubjects.subscriptionTransition, { id: subscription.id, body: { action: 'disable' } });

    expect(await commit(change())).toBe(0);
    await worker.kick();
    await worker.idle();
    expect(receiver.received).toHaveLength(0);
  });
});

import { MembershipEvents, WebhookSubjects, type DomainEvent, type WebhookSubscriptionCreatedView } from '@jiaolian/contracts';
import { BusClient, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';
import { freePort, startStack, type RunningStack } from '@jiaolian/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { TestReceiver } from './testing/receiver.js';

/*
 * No delivery is lost when things die mid-stream. The built integrations service runs as a child
 * process; a stream of school renames (30 schools × 10 versions) is published on JetStream while the
 * integrations process is killed with SIGKILL and started again, NATS is killed and restarted, and the
 * receiver goes away and comes back on the same port. Every webhook-id must arrive at least once, each
 * verifiable with the subscription's secret, and each school's versions must arrive in order
 * (a duplicate may repeat a version, never go back past a later one).
 */
const SCHOOLS = 30;
const VERSIONS = 10;

describe('webhook delivery under crashes', () => {
  let stack: RunningStack;
  let nc: NatsConnection;
  const receiver = new TestReceiver();
  let port: number;
  const districtId = randomUUID();
  const schools = Array.from({ length: SCHOOLS }, () => randomUUID());

  beforeAll(async () => {
    port = await freePort();
    await receiver.start(port);
    stack = await startStack({
      services: ['integrations'], gateway: false,
      env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOKS_ATTEMPT_TIMEOUT_MS: '2000', WEBHOOKS_POLL_INTERVAL_MS: '500' },
    });
    nc = await connect({ servers: stack.natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
    await receiver.stop();
  });

  /** Asks the integrations service over the bus, again while it is starting. */
  async function subscribe(): Promise<WebhookSubscriptionCreatedView> {
    const tokens = new CallerTokens(loadKitConfig().jwtSecret);
    const bus = new BusClient(nc, 5_000);
    const token = await tokens.sign({ kind: 'user', id: randomUUID(), displayName: '区县管理员', assignments: [{ role: 'district_admin', districtId }] }, 600);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await bus.request<WebhookSubscriptionCreatedView>(WebhookSubjects.subscriptionCreate, {
          url: `http://127.0.0.1:${port}/hook`, eventTypes: ['school.*'], description: '断电演练',
        }, { callerToken: token });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Publishes, retrying while NATS is down: JetStream de-duplicates a retried message by its id. */
  async function publish(event: DomainEvent): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await jetstream(nc).publish(event.subject, JSON.stringify(event), { msgID: event.id, timeout: 2_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  it('delivers every event at least once, in order per school, through a SIGKILL of the service, a NATS restart and a receiver outage', async () => {
    const subscription = await subscribe();
    const expected = new Map<string, { school: number; version: number }>();
    let published = 0;

    for (let version = 1; version <= VERSIONS; version += 1) {
      for (let school = 0; school < SCHOOLS; school += 1) {
        const event: DomainEvent = {
          id: randomUUID(), subject: MembershipEvents.schoolRenamed, occurredAt: new Date().toISOString(), districtId,
          data: { schoolId: schools[school], districtId, code: String(3307820000 + school), name: `第${school}小学 v${version}`, previousName: `v${version - 1}`, version },
        };
        expected.set(`msg_${event.id}`, { school, version });
        await publish(event);
        published += 1;
        if (published === 60) await stack.kill('integrations');
        if (published === 120) await stack.start('integrations');
        if (published === 160) await stack.nats.restart();
        if (published === 200) await receiver.stop();
        if (published === 240) await receiver.start(port);
      }
      await new Promise((r) => setTimeout(r, 20));
    }

    const deadline = Date.now() + 120_000;
    const seen = (): Set<string> => new Set(receiver.received.map((r) => r.headers['webhook-id']!));
    while ([...expected.keys()].some((id) => !seen().has(id))) {
      if (Date.now() > deadline) {
        const missing = [...expected.keys()].filter((id) => !seen().has(id));
        throw new Error(`${missing.length} of ${expected.size} webhook-ids never arrived`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const verifier = new Webhook(subscription.secret);
    const versionsOf = new Map<number, number[]>();
    for (const got of receiver.received) {
      // every request carries a valid signature (stale ones would fail the timestamp check, and none is older than minutes)
      expect(() => verifier.verify(got.body, got.headers)).not.toThrow();
      const which = expected.get(got.headers['webhook-id']!);
      expect(which).toBeDefined();
      versionsOf.set(which!.school, [...(versionsOf.get(which!.school) ?? []), which!.version]);
    }
    for (const [school, versions] of versionsOf) {
      const inOrder = versions.every((v, i) => i === 0 || v >= versions[i - 1]!);
      expect({ school, versions, inOrder }).toEqual({ school, versions, inOrder: true });
      expect(new Set(versions).size).toBe(VERSIONS);
    }
    expect(receiver.received.length).toBeGreaterThanOrEqual(expected.size);
  }, 300_000);
});

import { startStack, type RunningStack } from '@jiaolian/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Webhook subscriptions through the gateway, as a district admin and a third party use them: the secret
 * shown once, tenancy (another district's admin gets 404, a school admin 403), bad input as
 * problem+json in Chinese by default that writes nothing, a signed test ping to a real local receiver,
 * the delivery log with its attempts, replay with the same webhook-id, pause and resume, delete.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);

interface Got { headers: Record<string, string>; body: string }
const received: Got[] = [];
let receiverStatus = 200;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(receiverStatus).end(receiverStatus < 300 ? 'received' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/jiaolian/hooks`;
  stack = await startStack({
    services: ['membership', 'integrations'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await seed.login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['school'] = await seed.school(ids['dA']!, '实验小学');
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['schoolHead'] = await seed.person(ids['dA']!, 'school.head', { role: 'school_admin', schoolId: ids['school']! });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

const subscriptionCount = async (): Promise<number> => (await api('GET', '/api/v1/webhooks/subscriptions', { token: t['districtA'] })).body.total;

describe('webhooks', () => {
  let secret: string;

  it('subscribes an endpoint for a district admin (201) and shows the secret in that answer only', async () => {
    const created = await api('POST', '/api/v1/webhooks/subscriptions', {
      token: t['districtA'], body: { url: receiverUrl, eventTypes: ['school.*', 'alliance-member.*'], description: '区域教育数据中心' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ districtId: ids['dA'], status: 'active', eventTypes: ['school.*', 'alliance-member.*'], description: '区域教育数据中心' });
    expect(created.body.secret).toMatch(/^whsec_/);
    ids['subscription'] = created.body.id;
    secret = created.body.secret;
    const read = await api('GET', `/api/v1/webhooks/subscriptions/${ids['subscription']}`, { token: t['districtA'] });
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
  });

  it('answers 404 to another district\'s admin and 403 to a school admin, and their lists are empty or refused', async () => {
    for (const [method, path] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/ping'], ['GET', '/deliveries']] as const) {
      const answer = await api(method, `/api/v1/webhooks/subscriptions/${ids['subscription']}${path}`, {
        token: t['districtB'], ...(method === 'PATCH' ? { body: { description: '越权' } } : {}),
      });
      expect({ method, path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ method, path, status: 404, type: expect.stringMatching(PROBLEM) });
    }
    expect((await api('GET', '/api/v1/webhooks/subscriptions', { token: t['districtB'] })).body.total).toBe(0);
    expect((await api('GET', '/api/v1/webhooks/subscriptions', { token: t['schoolHead'] })).status).toBe(403);
    expect(received).toHaveLength(0);
  });

  it.each([
    ['a URL that is not one', { url: 'not a url', eventTypes: ['*'] }, 'url'],
    ['an unknown event type', { url: 'https://hooks.example.org/x', eventTypes: ['school.no-such-thing'] }, 'eventTypes[0]'],
    ['a malformed event type', { url: 'https://hooks.example.org/x', eventTypes: ['Membership School'] }, 'eventTypes'],
    ['no event type', { url: 'https://hooks.example.org/x', eventTypes: [] }, 'eventTypes'],
    ['another scheme', { url: 'ftp://hooks.example.org/x', eventTypes: ['*'] }, 'url'],
  ])('refuses %s with 400 problem+json in Chinese by default naming the field, and writes nothing', async (_case, body, field) => {
    const before = await subscriptionCount();

    const answer = await api('POST', '/api/v1/webhooks/subscriptions', { token: t['districtA'], body, headers: { 'accept-language': 'zh-CN' } });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(answer.body.title).toBe('输入有误');
    expect(await subscriptionCount()).toBe(before);
  });

  it('sends a signed test ping to the endpoint and logs the attempt', async () => {
    const ping = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/ping`, { token: t['districtA'] });

    expect(ping.status).toBe(201);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'succeeded', attempts: [{ trigger: 'ping', status: 200, excerpt: 'received' }] });
    expect(received).toHaveLength(1);
    expect(new Webhook(secret).verify(received[0]!.body, received[0]!.headers)).toMatchObject({ type: 'webhook.ping' });
    expect(received[0]!.headers['webhook-id']).toBe(ping.body.webhookId);
  });

  it('logs a failing ping with the receiver\'s status and answer, lists it by status, and replays it with the same webhook-id', async () => {
    receiverStatus = 503;
    const ping = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/ping`, { token: t['districtA'] });
    expect(ping.body).toMatchObject({ status: 'failed', attempts: [{ trigger: 'ping', status: 503, excerpt: 'receiver down' }] });

    const failed = await api('GET', `/api/v1/webhooks/subscriptions/${ids['subscription']}/deliveries?status=failed`, { token: t['districtA'] });
    expect(failed.body.items.map((d: { id: string }) => d.id)).toEqual([ping.body.id]);

    receiverStatus = 200;
    expect((await api('POST', `/api/v1/webhooks/deliveries/${ping.body.id}/replay`, { token: t['districtB'] })).status).toBe(404);
    const replayed = await api('POST', `/api/v1/webhooks/deliveries/${ping.body.id}/replay`, { token: t['districtA'] });
    expect(replayed.status).toBe(200);
    const deadline = Date.now() + 10_000;
    let log = replayed.body;
    while (log.status !== 'succeeded' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      log = (await api('GET', `/api/v1/webhooks/subscriptions/${ids['subscription']}/deliveries?status=succeeded`, { token: t['districtA'] })).body.items
        .find((d: { id: string }) => d.id === ping.body.id) ?? log;
    }
    expect(log.attempts.map((a: { trigger: string; status: number }) => [a.trigger, a.status])).toEqual([['replay', 200], ['ping', 503]]);
    expect(received.slice(-2).map((r) => r.headers['webhook-id'])).toEqual([ping.body.webhookId, ping.body.webhookId]);
  });

  it('pauses and resumes; resuming an active subscription is a 409', async () => {
    const paused = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/transitions`, { token: t['districtA'], body: { action: 'pause' } });
    expect(paused.body).toMatchObject({ status: 'paused', pausedReason: 'manual' });
    const listed = await api('GET', '/api/v1/webhooks/subscriptions?status=paused', { token: t['districtA'] });
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([ids['subscription']]);
    const resumed = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/transitions`, { token: t['districtA'], body: { action: 'resume' } });
    expect(resumed.body).toMatchObject({ status: 'active', pausedReason: null });
    const again = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/transitions`, { token: t['districtA'], body: { action: 'resume' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('integrations.webhook.subscription-not-paused');
  });

  it('rotates the secret: the new one is shown once and the old one still verifies for the grace period', async () => {
    const rotated = await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/secret`, { token: t['districtA'] });
    expect(rotated.status).toBe(201);
    await api('POST', `/api/v1/webhooks/subscriptions/${ids['subscription']}/ping`, { token: t['districtA'] });

    const last = received.at(-1)!;
    expect(new Webhook(rotated.body.secret).verify(last.body, last.headers)).toBeTruthy();
    expect(new Webhook(secret).verify(last.body, last.headers)).toBeTruthy();
  });

  it('deletes a subscription (204); it is gone for its owner too', async () => {
    const deleted = await api('DELETE', `/api/v1/webhooks/subscriptions/${ids['subscription']}`, { token: t['districtA'] });

    expect(deleted.status).toBe(204);
    expect((await api('GET', `/api/v1/webhooks/subscriptions/${ids['subscription']}`, { token: t['districtA'] })).status).toBe(404);
  });
});

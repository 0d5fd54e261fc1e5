import { startStack, type RunningStack } from '@jiaolian/testing';
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { apiClient, type Api } from './http.js';

/*
 * GET /system/processes shows what the local launcher publishes about the processes it supervises
 * (tools/dev/lib/process-board.mjs writes the bucket as this test does). Only district and platform
 * admins see it; where nothing supervises (no bucket, or a board nobody has rewritten lately) it says so.
 */
const DEMO_PASSWORD = 'Jiaolian@2026';
const BUCKET = 'jiaolian-processes';

let stack: RunningStack;
let api: Api;
let nc: NatsConnection;

async function login(username: string): Promise<string> {
  const answer = await api('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.body.accessToken as string;
}

function board(updatedAt: Date) {
  return {
    supervisor: { pid: 4242, host: 'qingxi-server', startedAt: '2026-12-07T08:00:00.000Z', updatedAt: updatedAt.toISOString() },
    processes: [
      { name: 'postgres', role: 'infrastructure', state: 'running', pid: 101, restarts: 0, lastExit: null, since: '2026-12-07T08:00:01.000Z', nextAttemptAt: null },
      {
        name: 'membership', role: 'service', state: 'backing-off', pid: null, restarts: 3,
        lastExit: { code: null, signal: 'SIGKILL', at: '2026-12-07T09:00:00.000Z' }, since: '2026-12-07T09:00:00.000Z', nextAttemptAt: '2026-12-07T09:00:04.000Z',
      },
    ],
  };
}

async function openBucket(): Promise<KV> {
  return new Kvm(nc).create(BUCKET, { history: 1, ttl: 30_000, storage: StorageType.Memory });
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
  nc = await connect({ servers: stack.natsUrl });
  await stack.run('seed-demo', 'membership');
}, 180_000);

afterAll(async () => {
  await nc?.close();
  await stack?.stop();
});

describe('GET /api/v1/system/processes', () => {
  it('answers 401 without a token', async () => {
    expect((await api('GET', '/api/v1/system/processes')).status).toBe(401);
  });

  it.each(['alliance.admin', 'school.admin', 'teacher'])('refuses %s with 403 problem+json', async (username) => {
    const answer = await api('GET', '/api/v1/system/processes', { token: await login(username) });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.processes).toBeUndefined();
  });

  it('says nothing supervises when no launcher publishes (as on Kubernetes)', async () => {
    const answer = await api('GET', '/api/v1/system/processes', { token: await login('district.admin') });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ supervised: false, processes: [] });
  });

  it.each(['district.admin', 'admin'])('shows %s the processes, their states, restarts and last exits', async (username) => {
    const bucket = await openBucket();
    const published = board(new Date());
    await bucket.put('state', JSON.stringify(published));
    const answer = await api('GET', '/api/v1/system/processes', { token: await login(username) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ supervised: true, supervisor: published.supervisor, processes: published.processes });
  });

  it('treats a board nobody rewrote for a while as unsupervised (the launcher was killed)', async () => {
    const bucket = await openBucket();
    await bucket.put('state', JSON.stringify(board(new Date(Date.now() - 60_000))));
    const answer = await api('GET', '/api/v1/system/processes', { token: await login('district.admin') });
    expect(answer.body).toEqual({ supervised: false, processes: [] });
  });
});

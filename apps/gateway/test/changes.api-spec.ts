import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * The change feed through the gateway, as a third party syncs a district: read the newest cursor, take a
 * snapshot of the schools, follow the feed from the cursor while other requests rename and register
 * schools at the same time, and end with exactly the source's state. Also: who may read it, and bad
 * cursors as problem+json in Chinese by default.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const SCHOOL_TYPES = 'school.registered,school.renamed';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, school } = seed;

interface Change { cursor: string; type: string; operation: string; resourceId: string; districtId: string; data: { name?: string; version?: number } }
interface Replica { names: Map<string, string>; versions: Map<string, number> }

/** Reads the feed after `cursor` (from the start when empty) until it has no more right now; answers the changes and the next cursor. */
async function follow(token: string, cursor: string, types = SCHOOL_TYPES): Promise<{ changes: Change[]; next: string }> {
  const changes: Change[] = [];
  for (;;) {
    const page = await api('GET', `/api/v1/changes?${cursor ? `after=${encodeURIComponent(cursor)}&` : ''}types=${types}&limit=7`, { token });
    expect(page.status).toBe(200);
    changes.push(...(page.body.items as Change[]));
    cursor = page.body.next as string;
    if (!page.body.hasMore) return { changes, next: cursor };
  }
}

/** Applies school events as a careful client does: a name only from an event at least as new as the one held. */
function apply(replica: Replica, changes: Change[]): void {
  for (const change of changes) {
    const version = change.data.version ?? 0;
    if (version < (replica.versions.get(change.resourceId) ?? 0)) continue;
    replica.names.set(change.resourceId, change.data.name!);
    replica.versions.set(change.resourceId, version);
  }
}

async function schoolsOf(token: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let page = 1; ; page += 1) {
    const answer = await api('GET', `/api/v1/schools?page=${page}&pageSize=200`, { token });
    expect(answer.status).toBe(200);
    for (const s of answer.body.items as { id: string; name: string }[]) names.set(s.id, s.name);
    if (page * 200 >= answer.body.total) return names;
  }
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'integrations'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  for (const name of ['清溪县实验小学', '临溪镇中心小学', '下湾村小学', '青山乡中学']) ids[name] = await school(ids['dA']!, name);
  ids['外县小学'] = await school(ids['dB']!, '东阳市外县小学');
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['head'] = await seed.person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['下湾村小学']! });
  t['teacher'] = await seed.person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['下湾村小学']! });
  // the registrations above reach the change log asynchronously: wait for them before the test reads its cursor
  const deadline = Date.now() + 20_000;
  while ((await follow(t['root']!, '', 'school.registered').catch(() => ({ changes: [] }))).changes.length < 5) {
    if (Date.now() > deadline) throw new Error('the change log never saw the seeded schools');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the change feed', () => {
  it('syncs a district: cursor, snapshot, then the feed under concurrent renames and registrations ends with exactly the source state', async () => {
    const token = t['districtA']!;
    const latest = await api('GET', '/api/v1/changes/latest', { token });
    expect(latest.status).toBe(200);
    const start = latest.body.cursor as string;

    // Writers: three loops renaming the district's schools and registering new ones, and one in district B.
    const renames = [ids['清溪县实验小学']!, ids['临溪镇中心小学']!, ids['下湾村小学']!, ids['青山乡中学']!];
    let writing = true;
    const writes = Promise.all([
      ...[0, 1, 2].map(async (loop) => {
        for (let i = 0; i < 8; i += 1) {
          const id = renames[(loop + i) % renames.length]!;
          const renamed = await api('PATCH', `/api/v1/schools/${id}`, { token: t['root'], body: { name: `改名学校-${loop}-${i}` } });
          expect(renamed.status).toBe(200);
          if (i % 3 === 0) await school(ids['dA']!, `新登记学校-${loop}-${i}`);
        }
      }),
      (async () => {
        for (let i = 0; i < 4; i += 1) {
          expect((await api('PATCH', `/api/v1/schools/${ids['外县小学']}`, { token: t['root'], body: { name: `外县改名-${i}` } })).status).toBe(200);
        }
      })(),
    ]).finally(() => { writing = false; });

    // the snapshot, taken while the writers run
    await new Promise((resolve) => setTimeout(resolve, 150));
    const replica: Replica = { names: await schoolsOf(token), versions: new Map() };
    let cursor = start;
    const seen: Change[] = [];
    while (writing) {
      const { changes, next } = await follow(token, cursor);
      apply(replica, changes);
      seen.push(...changes);
      cursor = next;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await writes;

    // after the last write: follow until the replica is the source (events reach the log asynchronously)
    const source = await schoolsOf(token);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { changes, next } = await follow(token, cursor);
      apply(replica, changes);
      seen.push(...changes);
      cursor = next;
      if (JSON.stringify([...replica.names].sort()) === JSON.stringify([...source].sort()) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect([...replica.names].sort()).toEqual([...source].sort());
    expect(source.size).toBe(4 + 3 * 3);
    // nothing of district B, every item after the start cursor and in order, none twice
    expect(seen.every((c) => c.districtId === ids['dA'])).toBe(true);
    expect(new Set(seen.map((c) => c.cursor)).size).toBe(seen.length);
    expect(seen.filter((c) => c.type === 'school.registered')).toHaveLength(9);
    expect(seen.filter((c) => c.type === 'school.renamed')).toHaveLength(24);
  });

  it("shows district B's admin none of district A's changes, and the platform admin both", async () => {
    const ofB = await follow(t['districtB']!, (await api('GET', '/api/v1/changes', { token: t['districtB'] })).body.next, SCHOOL_TYPES);
    expect(ofB.changes).toEqual([]);
    const b = await api('GET', '/api/v1/changes?limit=1000', { token: t['districtB'] });
    expect(b.body.items.length).toBeGreaterThan(0);
    expect(b.body.items.every((c: Change) => c.districtId === ids['dB'])).toBe(true);
    const all = await api('GET', '/api/v1/changes?limit=1000', { token: t['root'] });
    expect(new Set(all.body.items.map((c: Change) => c.districtId))).toEqual(new Set([ids['dA'], ids['dB']]));
  });

  it('refuses school admins and teachers (403) and callers without a token (401)', async () => {
    for (const who of ['head', 'teacher']) {
      for (const path of ['/api/v1/changes', '/api/v1/changes/latest']) {
        const answer = await api('GET', path, { token: t[who] });
        expect(answer.status).toBe(403);
        expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      }
    }
    expect((await api('GET', '/api/v1/changes')).status).toBe(401);
  });

  it.each([
    ['not-a-cursor'], ['djE6LTE'], ['dj!6'], [''],
  ])('answers 400 problem+json in Chinese naming `after` for the cursor %j', async (after) => {
    const answer = await api('GET', `/api/v1/changes?after=${encodeURIComponent(after)}`, { token: t['districtA'], headers: { 'accept-language': 'zh-CN' } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['after']);
    expect(answer.body.errors[0].message).toMatch(/游标/);
  });

  it('answers 400 naming `types` for an unknown type and `limit` beyond 1000', async () => {
    const types = await api('GET', '/api/v1/changes?types=school.renamed,school.exploded', { token: t['districtA'] });
    expect(types.status).toBe(400);
    expect(types.body.errors.map((e: { field: string }) => e.field)).toEqual(['types']);
    const limit = await api('GET', '/api/v1/changes?limit=1001', { token: t['districtA'] });
    expect(limit.status).toBe(400);
    expect(limit.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
  });

  it('lists the public event catalogue without a token', async () => {
    const answer = await api('GET', '/api/v1/changes/types');
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'school.renamed', version: 1, domain: 'membership', readScope: 'membership:read', resourceType: 'school', operation: 'update' }),
      expect.objectContaining({ type: 'resource.removed', operation: 'delete' }),
    ]));
  });
});

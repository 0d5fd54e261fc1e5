import type { ServiceName } from '@jiaolian/contracts';
import { startStack, type RunningStack } from '@jiaolian/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * The third-party quickstart of docs/integrations.md, section 6, run as a third party runs it: the code
 * blocks are taken out of the guide into files of their own, the client types are generated from the
 * running gateway's /api/openapi.json with openapi-typescript, the files are type-checked with tsc and
 * run with plain Node.js (its own TypeScript support) against the stack.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const guide = readFileSync(path.join(root, 'docs/integrations.md'), 'utf8');

/** The guide's code blocks by file, from `// file: <name>` on their first line; blocks of one file are joined. */
export function quickstartFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of markdown.matchAll(/```ts\n\/\/ file: ([\w.-]+)\n([\s\S]*?)```/g)) {
    const [, name, code] = match as unknown as [string, string, string];
    files.set(name, `${files.get(name) ?? ''}${code}`);
  }
  return files;
}

const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const run = promisify(execFile);

let stack: RunningStack;
let api: Api;
let dir: string;
let districtId: string;
let admin: string;
/** the token the steps use: the API client's once the token endpoint exists, the district admin's before */
let token: string;
const files = quickstartFiles(guide);

const newSchool = (name: string): Record<string, unknown> => ({
  districtId, code: schoolCode(), name, stage: 'primary', locale: 'village', township: '大陈镇', studentCount: 320, teacherCount: 24, classCount: 12,
});

/** Runs ES module code with plain Node.js in the quickstart's directory; answers what it printed last, as JSON. */
async function node<T>(code: string, env: Record<string, string> = {}): Promise<T> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dir, env: { ...process.env, JIAOLIAN_URL: stack.gatewayUrl, TOKEN: token, ...env }, timeout: 60_000,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}

beforeAll(async () => {
  const services: ServiceName[] = ['membership', 'integrations'];
  stack = await startStack({ services, env: { RATE_LIMIT_DISABLED: 'true', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const rootToken = (await api('POST', '/api/v1/auth/login', { body: ADMIN })).body.accessToken as string;
  const district = await api('POST', '/api/v1/districts', { token: rootToken, body: { code: '330782', name: '义乌市教育局', province: '浙江省', city: '金华市' } });
  districtId = district.body.id;
  const user = await api('POST', '/api/v1/users', { token: rootToken, body: { districtId, username: 'yiwu.admin', displayName: '义乌市教育局管理员', password: PASSWORD } });
  expect((await api('POST', `/api/v1/users/${user.body.id}/roles`, { token: rootToken, body: { role: 'district_admin' } })).status).toBe(201);
  admin = (await api('POST', '/api/v1/auth/login', { body: { username: 'yiwu.admin', password: PASSWORD } })).body.accessToken as string;
  token = admin;
  for (const name of ['义乌市大陈镇中心小学', '义乌市大陈镇楂林小学', '义乌市大陈镇八都小学']) {
    expect((await api('POST', '/api/v1/schools', { token: admin, body: newSchool(name) })).status).toBe(201);
  }

  // what a third party does first: a directory for its code, with openapi-fetch installed
  dir = mkdtempSync(path.join(tmpdir(), 'jiaolian-quickstart-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'jiaolian-quickstart', private: true, type: 'module' }));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, code] of files) writeFileSync(path.join(dir, name), code);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('has the guide\'s code blocks, each in a file of its own', () => {
  expect([...files.keys()].sort()).toEqual(['changes.ts', 'client.ts', 'main.ts', 'schools.ts', 'subscribe.ts', 'token.ts', 'webhooks.ts']);
});

it('generates the client from /api/openapi.json with openapi-typescript, and the guide\'s code type-checks against it', async () => {
  await run(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), `${stack.gatewayUrl}/api/openapi.json`, '-o', 'jiaolian-api.d.ts'], { cwd: dir, timeout: 60_000 });
  expect(readFileSync(path.join(dir, 'jiaolian-api.d.ts'), 'utf8')).toContain('"/api/v1/schools"');
  const checked = ['client.ts', 'token.ts', 'schools.ts', 'webhooks.ts', 'changes.ts', 'subscribe.ts', 'main.ts'];
  const tsc = await run(process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--allowImportingTsExtensions', '--skipLibCheck', '--types', 'node', ...checked,
  ], { cwd: dir, timeout: 120_000 }).catch((error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout ?? String(error)}` }));
  expect(tsc.stdout).toBe('');
}, 150_000);

it('gets a token for an API client with its id and secret (6.2)', async () => {
  const created = await api('POST', '/api/v1/api-clients', {
    token: admin,
    body: { districtId, name: '金华市区域教育数据中心', scopes: ['membership:read', 'membership:write', 'integrations:read', 'integrations:write'], reach: { districtIds: [districtId] } },
  });
  expect(created.status).toBe(201);
  const issued = await node<{ accessToken: string; expiresIn: number }>(
    "const { getToken } = await import('./token.ts'); console.log(JSON.stringify(await getToken(process.env.JIAOLIAN_URL, process.env.CLIENT_ID, process.env.CLIENT_SECRET)));",
    { CLIENT_ID: created.body.client.clientId, CLIENT_SECRET: created.body.clientSecret },
  );
  expect(issued.expiresIn).toBeGreaterThan(0);
  token = issued.accessToken;
  const me = await api('GET', '/api/v1/schools', { token });
  expect(me.status).toBe(200);
});

it('lists the district\'s schools and registers one with an Idempotency-Key, once however often it is sent (6.3)', async () => {
  const school = newSchool('义乌市大陈镇宅口小学');
  const result = await node<{ first: { id: string }; again: { id: string }; all: { id: string; code: string }[] }>(`
    const { connect } = await import('./client.ts');
    const { listSchools, registerSchool } = await import('./schools.ts');
    const api = connect(process.env.JIAOLIAN_URL, process.env.TOKEN, 'en');
    const school = JSON.parse(process.env.SCHOOL);
    const first = await registerSchool(api, school, 'quickstart-school-1');
    const again = await registerSchool(api, school, 'quickstart-school-1');
    console.log(JSON.stringify({ first, again, all: await listSchools(api) }));
  `, { SCHOOL: JSON.stringify(school) });
  expect(result.again.id).toBe(result.first.id);
  expect(result.all).toHaveLength(4);
  expect(result.all.filter((s) => s.code === school['code'])).toEqual([expect.objectContaining({ id: result.first.id })]);

  // a refusal is final and carries the problem's code: the same code again is taken
  const refused = await node<{ status: number; code: string }>(`
    const { connect, JiaolianError } = await import('./client.ts');
    const { registerSchool } = await import('./schools.ts');
    try { await registerSchool(connect(process.env.JIAOLIAN_URL, process.env.TOKEN, 'en'), JSON.parse(process.env.SCHOOL)); console.log('null'); }
    catch (error) { console.log(JSON.stringify(error instanceof JiaolianError ? { status: error.status, code: error.code } : { status: 0, code: String(error) })); }
  `, { SCHOOL: JSON.stringify({ ...school, name: '义乌市大陈镇宅口小学（重复）' }) });
  expect(refused.status).toBe(409);
});

it('follows the change feed from the cursor taken before the snapshot, missing nothing written meanwhile (6.4)', async () => {
  const copy = spawnNode(`
    const { connect } = await import('./client.ts');
    const { snapshotSchools, followSchools } = await import('./changes.ts');
    const api = connect(process.env.JIAOLIAN_URL, process.env.TOKEN, 'en');
    const copy = await snapshotSchools(api);
    console.log(JSON.stringify({ snapshot: copy.schools.size }));
    for await (const line of (await import('node:readline')).createInterface({ input: process.stdin })) {
      await followSchools(api, copy);
      console.log(JSON.stringify({ schools: [...copy.schools.values()].map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.id.localeCompare(b.id)) }));
    }
  `);
  const writes = Promise.all(Array.from({ length: 6 }, (_, i) => api('POST', '/api/v1/schools', { token: admin, body: newSchool(`义乌市大陈镇第${i + 1}分校`) })));
  await copy.next();
  await writes;
  const source = (await api('GET', '/api/v1/schools?pageSize=100', { token: admin })).body.items.map((s: { id: string; name: string }) => ({ id: s.id, name: s.name }))
    .sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
  let followed: { schools: unknown[] } | undefined;
  for (let i = 0; i < 50; i += 1) {
    followed = await copy.ask<{ schools: unknown[] }>();
    if (JSON.stringify(followed.schools) === JSON.stringify(source)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  copy.stop();
  expect(followed?.schools).toEqual(source);
}, 60_000);

it('verifies Standard Webhooks signatures, answers at once, and passes each delivery on once (6.5)', async () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = spawnNode(`
    const { webhookReceiver } = await import('./webhooks.ts');
    const server = webhookReceiver(process.env.SECRET, (id, event) => console.log(JSON.stringify({ id, event })));
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
  `, { SECRET: secret });
  try {
    const { port } = await receiver.next<{ port: number }>();
    const deliver = (id: string, body: string, options: { timestamp?: number; secretOf?: string; tamper?: boolean } = {}): Promise<number> => {
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      const key = Buffer.from((options.secretOf ?? secret).slice('whsec_'.length), 'base64');
      const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
      return fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` },
        body: options.tamper ? body.replace('大陈', '小陈') : body,
      }).then((r) => r.status);
    };
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({ type: 'school.renamed', data: { name: '义乌市大陈镇中心小学' } });
    expect(await deliver(id, body)).toBe(204);
    expect(await deliver(id, body)).toBe(204); // a retry of the same delivery
    expect(await deliver(`msg_${randomUUID()}`, body, { tamper: true })).toBe(401);
    expect(await deliver(`msg_${randomUUID()}`, body, { secretOf: `whsec_${randomBytes(32).toString('base64')}` })).toBe(401);
    expect(await deliver(`msg_${randomUUID()}`, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).toBe(401);
    const second = `msg_${randomUUID()}`;
    expect(await deliver(second, body)).toBe(204);
    // the receiver passed on exactly the two valid deliveries, the retried one once
    expect(await receiver.next<{ id: string; event: unknown }>()).toEqual({ id, event: JSON.parse(body) });
    expect((await receiver.next<{ id: string }>()).id).toBe(second);
  } finally {
    receiver.stop();
  }
});

it('subscribes the receiver and gets a signed event when a school is registered (6.5)', async () => {
  const port = await freePort();
  const receiver = spawnNode(`
    const { connect } = await import('./client.ts');
    const { subscribeToSchools } = await import('./subscribe.ts');
    const { webhookReceiver } = await import('./webhooks.ts');
    const api = connect(process.env.JIAOLIAN_URL, process.env.TOKEN, 'en');
    const { id, secret } = await subscribeToSchools(api, 'http://127.0.0.1:' + process.env.PORT + '/');
    webhookReceiver(secret, (deliveryId, event) => console.log(JSON.stringify({ id: deliveryId, event })))
      .listen(Number(process.env.PORT), '127.0.0.1', () => console.log(JSON.stringify({ subscribed: id })));
  `, { PORT: String(port) });
  try {
    await receiver.next();
    const school = newSchool('义乌市大陈镇红峰小学');
    expect((await api('POST', '/api/v1/schools', { token: admin, body: school })).status).toBe(201);
    const delivery = await receiver.next<{ id: string; event: unknown }>(30_000);
    expect(JSON.stringify(delivery.event)).toContain(String(school['code']));
  } finally {
    receiver.stop();
  }
}, 60_000);

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A long-running Node.js child in the quickstart's directory: read what it prints line by line, send it lines. */
function spawnNode(code: string, env: Record<string, string> = {}): {
  next: <T = unknown>(timeoutMs?: number) => Promise<T>; ask: <T = unknown>() => Promise<T>; stop: () => void;
} {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dir, env: { ...process.env, JIAOLIAN_URL: stack.gatewayUrl, TOKEN: token, ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(timeoutMs = 20_000): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`nothing printed within ${timeoutMs} ms:\n${errors}`)), timeoutMs); });
    try {
      const line = await Promise.race([lines.next(), timedOut]);
      if (line.done) throw new Error(`the child ended:\n${errors}`);
      return JSON.parse(line.value) as T;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    next,
    ask: <T>() => { child.stdin?.write('\n'); return next<T>(); },
    stop: () => { child.kill('SIGKILL'); },
  };
}

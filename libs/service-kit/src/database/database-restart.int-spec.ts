import { createDatabase, testServers } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
const DATABASE = 'kit_restart_it';
const DISTRICT = '9a4f0a39-0d7c-4f5e-9a59-0f5b7f0f0002';
const run = randomUUID().slice(0, 8);
const SUBJECT = `activities.kittest.${run}.write`;
const EVENT_SUBJECT = `evt.kittest.${run}.restart.v1`;

interface Outcome { id?: string; failed?: string }

/** One write through the service over NATS, as the gateway sends it; a failure is an outcome too. */
async function write(nc: NatsConnection, note: string): Promise<Outcome> {
  try {
    const reply = await nc.request(SUBJECT, JSON.stringify({ pattern: SUBJECT, data: { note }, id: randomUUID() }), { timeout: 5000 });
    const packet = reply.json<{ response?: { id: string }; err?: unknown }>();
    return packet.response ? { id: packet.response.id } : { failed: JSON.stringify(packet.err) };
  } catch (error) {
    return { failed: (error as Error).message };
  }
}

/** Ends every connection the service holds to its database, as a PostgreSQL restart does. */
async function terminateBackends(admin: pg.Client): Promise<number> {
  const { rowCount } = await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DATABASE],
  );
  return rowCount ?? 0;
}

/** The ErrorResponse a backend sends when pg_terminate_backend or a server shutdown ends it. */
const FATAL_57P01 = (() => {
  const fields = Buffer.from('SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
})();

interface DoomingProxy { port: number; doomed: () => number; doom: (count: number) => void; close: () => Promise<void> }

/**
 * A TCP proxy in front of PostgreSQL. A connection it is told to doom ends as one that PostgreSQL
 * terminates just after setting it up: FATAL 57P01 arrives in the same packet as the server's first
 * ReadyForQuery, so the client reads both in one go (the window of node-postgres issue 2762).
 */
async function startDoomingProxy(target: URL): Promise<DoomingProxy> {
  let doomed = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connectTcp(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => { sockets.delete(socket); client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    if (doomed === 0) {
      upstream.pipe(client);
      return;
    }
    doomed -= 1;
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      let end = 0;
      while (pending.length >= end + 5 && pending.length >= end + 1 + pending.readInt32BE(end + 1)) {
        const type = String.fromCharCode(pending[end]!);
        end += 1 + pending.readInt32BE(end + 1);
        if (type === 'Z') {
          client.end(Buffer.concat([pending.subarray(0, end), FATAL_57P01]));
          upstream.destroy();
          return;
        }
      }
      client.write(pending.subarray(0, end));
      pending = pending.subarray(end);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    doomed: () => doomed,
    doom: (count) => { doomed = count; },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a service whose database connections are all terminated', () => {
  let admin: pg.Client;
  let nc: NatsConnection;
  let service: ChildProcess;
  let proxy: DoomingProxy;
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const logs: string[] = [];

  beforeAll(async () => {
    // the child runs the kit as built, so build it from the sources under test
    const build = spawnSync(process.execPath, [path.join(workspaceRoot, 'node_modules/typescript/bin/tsc'), '-b', 'libs/service-kit/tsconfig.json'], {
      cwd: workspaceRoot, encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`building the kit failed: ${build.stdout}${build.stderr}`);
    const url = await createDatabase(testServers().postgresAdminUrl, DATABASE);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE SCHEMA activities; CREATE TABLE activities.restart_write (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text NOT NULL)');
    nc = await connect({ servers: testServers().natsUrl });
    proxy = await startDoomingProxy(new URL(url));
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);

    service = spawn(process.execPath, [path.join(import.meta.dirname, 'database-restart.child.mjs'), SUBJECT, EVENT_SUBJECT, DISTRICT], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: viaProxy.toString(), NATS_URL: testServers().natsUrl, HEALTH_PORT: '0', MIGRATIONS_RUN: 'true', LOG_LEVEL: 'warn', DB_POOL_SIZE: '6' },
    });
    exit = new Promise((resolve) => service.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [service.stdout!, service.stderr!]) createInterface({ input: stream }).on('line', (line) => logs.push(line));
    const deadline = Date.now() + 30_000;
    while (!(await write(nc, 'warm-up')).id) {
      if (service.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${logs.join('\n')}`);
      await sleep(200);
    }
  });

  afterAll(async () => {
    if (service && service.exitCode === null && service.signalCode === null) {
      service.kill('SIGTERM');
      await exit;
    }
    await nc?.drain();
    await admin?.end();
    await proxy?.close();
  });

  const alive = (): boolean => service.exitCode === null && service.signalCode === null;
  const written = async (ids: string[]): Promise<number> =>
    (await admin.query('SELECT count(*)::int AS n FROM activities.restart_write WHERE id = ANY($1::uuid[])', [ids])).rows[0].n;

  it('stays up while idle, and the next requests succeed', async () => {
    expect(await terminateBackends(admin)).toBeGreaterThan(0);
    await sleep(500);
    expect(alive()).toBe(true);

    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => write(nc, `after idle ${i}`)));
    expect(outcomes.filter((o) => o.failed)).toEqual([]);
    expect(await written(outcomes.map((o) => o.id!))).toBe(10);
    expect(logs.some((line) => line.includes('the database closed a pooled connection'))).toBe(true);
  });

  it('stays up when new connections are terminated the moment they are set up, and the next requests succeed', async () => {
    proxy.doom(8);
    await terminateBackends(admin);
    // the pool's connections are gone: every request opens a new one until the doomed ones are used up
    const during: Outcome[] = [];
    for (let i = 0; i < 40 && proxy.doomed() > 0 && alive(); i++) during.push(await write(nc, `doomed ${i}`));
    await sleep(300);

    expect({ alive: alive(), doomedLeft: proxy.doomed() }).toEqual({ alive: true, doomedLeft: 0 });
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => write(nc, `after doomed ${i}`)));
    expect(after.filter((o) => o.failed)).toEqual([]);
    expect(await written(after.map((o) => o.id!))).toBe(10);
    expect(await written(during.filter((o) => o.id).map((o) => o.id!))).toBe(during.filter((o) => o.id).length);
  });

  it('stays up under load through repeated terminations, keeps every acknowledged write, and the next requests succeed', async () => {
    const outcomes: Outcome[] = [];
    let loading = true;
    const workers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; loading; i++) outcomes.push(await write(nc, `load ${w}.${i}`));
    });
    let terminated = 0;
    for (let round = 0; round < 20 && alive(); round++) {
      await sleep(80 + Math.random() * 80);
      terminated += await terminateBackends(admin);
    }
    loading = false;
    await Promise.all(workers);
    await sleep(300);

    expect({ alive: alive(), exit: alive() ? undefined : await exit }).toEqual({ alive: true, exit: undefined });
    expect(terminated).toBeGreaterThan(20);
    const acknowledged = outcomes.filter((o) => o.id).map((o) => o.id!);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(await written(acknowledged)).toBe(acknowledged.length);

    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => write(nc, `after load ${i}`)));
    expect(after.filter((o) => o.failed)).toEqual([]);
    // the outbox relay, whose own connections were terminated too, publishes every event of them
    const pending = async (): Promise<number> => (await admin.query(
      'SELECT count(*)::int AS n FROM activities.outbox_event WHERE subject = $1 AND published_at IS NULL', [EVENT_SUBJECT],
    )).rows[0].n;
    const deadline = Date.now() + 15_000;
    while ((await pending()) > 0 && Date.now() < deadline) await sleep(200);
    expect({ pending: await pending(), logs: logs.filter((l) => l.includes('outbox')).slice(-5) }).toEqual({ pending: 0, logs: expect.anything() });
  }, 60_000);
});

import { createDatabase, startPostgres, startStack, type RunningPostgres, type RunningStack } from '@jiaolian/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { auditStream, consumerDelays, presence, projectionMismatches, unapplied, unpublished } from './chaos/checks.js';
import { acknowledged, WriteLoad, type WriteKind, type WriteRecord } from './chaos/load.js';
import { delayFigures, writeReport, type ChaosReport, type DelayFigures, type RoundFigures } from './chaos/report.js';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * Chaos: the whole stack (five services, the gateway, NATS and a durable PostgreSQL of this file's own,
 * started the way `npm start` starts its persistent one) under a write load through the gateway as a
 * district admin: new schools and school renames (membership, announced to the four directory copies)
 * and new teachers (teacher exchange). One process at a time is killed with SIGKILL and restarted at
 * once, as a supervisor would: membership, teacher exchange, the gateway, NATS, PostgreSQL. After each
 * kill: no acknowledged write lost, nothing duplicated (rows, outbox events, stream messages), no event
 * in the stream without its committed write, the outboxes drained, every directory consumer applied
 * every membership event and every directory equals membership within seconds; after the database
 * restart, commit → consumer stays fast (the relays listen again rather than poll).
 * The figures are printed as a table and written to tmp/chaos/report.json (or CHAOS_REPORT).
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const KINDS: WriteKind[] = ['school', 'rename', 'teacher'];
/** load before the kill, and after recovery before the load stops */
const BEFORE_KILL_MS = 2_000;
const AFTER_RECOVERY_MS = 1_500;
/** how long the stack may take to take every kind of write again, and then to catch up */
const RECOVERY_LIMIT_MS = 30_000;
const CATCH_UP_LIMIT_MS = 10_000;
/**
 * The relay re-opens its LISTEN connection with a backoff that stops growing at 5 s, so from this long
 * after PostgreSQL is back every event is announced by NOTIFY again, not found by the 1 s poll.
 */
const RELISTEN_MS = 5_500;
const AFTER_RESTART_WINDOW_MS = 3_000;
/** commit → consumer must stay well under the relay's 1 s poll */
const DELAY_P50_LIMIT_MS = 250;

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const reportFile = process.env['CHAOS_REPORT'] ?? path.join(workspaceRoot, 'tmp', 'chaos', 'report.json');

let dataDir: string;
let postgres: RunningPostgres;
let stack: RunningStack;
let api: Api;
let databaseUrl: string;
let db: pg.Client;
let load: WriteLoad;
const report: ChaosReport = { at: new Date().toISOString(), rounds: [], delayBeforeDatabaseRestart: null, delayAfterDatabaseRestart: null };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` answers nothing to complain about; returns how long that took, or throws with the last complaint. */
async function until(check: () => Promise<string | undefined>, limitMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    let complaint: string | undefined;
    try {
      complaint = await check();
    } catch (error) {
      complaint = (error as Error).message;
    }
    if (complaint === undefined) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`${what} not within ${limitMs} ms: ${complaint}`);
    await sleep(100);
  }
}

/** A client on this file's database that reconnects after PostgreSQL was killed. */
async function database(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'jiaolian-chaos-test' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function signIn(username: string, password: string): Promise<string> {
  const answer = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(answer.status).toBe(200);
  return answer.body.accessToken as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-chaos-pg-'));
  postgres = await startPostgres({ dataDir, persistent: true });
  databaseUrl = await createDatabase(postgres.url(), 'chaos');
  stack = await startStack({
    services: ['membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment'],
    env: { DATABASE_URL: databaseUrl, RATE_LIMIT_DISABLED: 'true', RATE_LIMIT_LOGIN_MAX: '1000' },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const root = await signIn(ADMIN.username, ADMIN.password);
  const district = await api('POST', '/api/v1/districts', { token: root, body: { code: '330799', name: '混沌县教育局' } });
  expect(district.status).toBe(201);
  const user = await api('POST', '/api/v1/users', { token: root, body: { districtId: district.body.id, username: 'chaos.district', displayName: '区县管理员', password: PASSWORD } });
  expect(user.status).toBe(201);
  expect((await api('POST', `/api/v1/users/${user.body.id}/roles`, { token: root, body: { role: 'district_admin' } })).status).toBe(201);
  const token = await signIn('chaos.district', PASSWORD);
  const schools: string[] = [];
  for (const name of ['城关第一小学', '城关第二小学', '河湾村小学']) {
    const school = await api('POST', '/api/v1/schools', {
      token, body: { districtId: district.body.id, code: schoolCode(), name, stage: 'primary', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18 },
    });
    expect(school.status).toBe(201);
    schools.push(school.body.id as string);
  }
  db = await database();
  await until(async () => (await projectionMismatches(db))[0], 20_000, 'the directories knowing the schools');
  load = new WriteLoad({ gatewayUrl: stack.gatewayUrl, token, districtId: district.body.id, renamedSchoolIds: schools.slice(0, 2), teacherSchoolId: schools[2]! }, '39');
}, 180_000);

afterAll(async () => {
  await load?.stop();
  if (report.rounds.length) process.stdout.write(`\nChaos test figures (${reportFile}):\n${writeReport(report, reportFile)}\n\n`);
  await db?.end().catch(() => undefined);
  await stack?.stop();
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

interface RoundOptions {
  /** load before the kill */
  beforeKillMs?: number;
  /** load after every kind of write is acknowledged again */
  afterRecoveryMs?: number;
  /** keeps the load on until this long after the process was restarted, if that is later */
  loadAfterRestartMs?: number;
  /** more figures to take once the load has stopped, before the round's checks (which may fail) */
  measure?: (times: { killedAt: number; restartedAt: number }) => Promise<void>;
}

/** The first ten lines of a list, and how many more there are. */
const cut = (lines: string[]): string[] => (lines.length > 10 ? [...lines.slice(0, 10), `… and ${lines.length - 10} more`] : lines);

/** Kills a process under load, restarts it at once, measures and checks; returns the round's figures. */
async function round(killed: string, kill: () => Promise<void>, restart: () => Promise<void>, options: RoundOptions = {}): Promise<void> {
  load.round = killed;
  const started = new Date();
  load.start();
  await sleep(options.beforeKillMs ?? BEFORE_KILL_MS);
  const killedAt = Date.now();
  await kill();
  await restart();
  const restartedAt = Date.now();

  const firstAckAfterKill = (kind: WriteKind): WriteRecord | undefined =>
    load.records.find((r) => r.kind === kind && r.sentAt >= killedAt && acknowledged(r));
  let recoveryMs: number | null = null;
  try {
    await until(async () => {
      const waiting = KINDS.filter((kind) => !firstAckAfterKill(kind));
      return waiting.length ? `no ${waiting.join(', ')} write acknowledged yet` : undefined;
    }, RECOVERY_LIMIT_MS, `every kind of write acknowledged after killing ${killed}`);
    recoveryMs = Math.max(...KINDS.map((kind) => firstAckAfterKill(kind)!.answeredAt)) - killedAt;
    await sleep(Math.max(options.afterRecoveryMs ?? AFTER_RECOVERY_MS, restartedAt + (options.loadAfterRestartMs ?? 0) - Date.now()));
  } finally {
    await load.stop();
  }
  const stoppedAt = Date.now();

  const figures: RoundFigures = {
    killed, sent: 0, acknowledged: 0, lost: 0, duplicated: 0, recoveryMs, caughtUpMs: null, delay: { events: 0, p50Ms: null, p99Ms: null },
  };
  report.rounds.push(figures);
  const mine = load.records.filter((r) => r.round === killed);
  figures.sent = mine.length;
  figures.acknowledged = mine.filter(acknowledged).length;

  // every acknowledged write of every round so far: a database crash could take older ones too
  const lost: string[] = [];
  const duplicated: string[] = [];
  /** a write without its event or an event without its write (they commit together) */
  const halfWritten: string[] = [];
  for (const kind of KINDS) {
    const sent = load.records.filter((r) => r.kind === kind);
    const found = await presence(db, kind, sent.map((r) => r.key));
    for (const record of sent) {
      const { rows, events } = found.get(record.key) ?? { rows: 0, events: 0 };
      const line = `${kind} ${record.key} (sent while killing ${record.round}, answered ${record.status}): ${rows} rows, ${events} events`;
      if (acknowledged(record) && rows === 0) {
        lost.push(line);
        if (record.round === killed) figures.lost += 1;
      }
      if (rows > 1 || events > 1) {
        duplicated.push(line);
        if (record.round === killed) figures.duplicated += 1;
      }
      if (rows !== events) halfWritten.push(line);
    }
  }

  let caughtUp: string | undefined;
  try {
    await until(async () => {
      const pending = await unpublished(db);
      if (Object.keys(pending).length) return `unpublished outbox rows ${JSON.stringify(pending)}`;
      const behind = await unapplied(db);
      if (Object.keys(behind).length) return `membership events not applied ${JSON.stringify(behind)}`;
      const mismatches = await projectionMismatches(db);
      return mismatches.length ? `${mismatches.length} directory names differ from membership, e.g. ${mismatches[0]}` : undefined;
    }, CATCH_UP_LIMIT_MS, 'outboxes drained, consumers caught up, directories equal to membership');
    figures.caughtUpMs = Date.now() - stoppedAt;
  } catch (error) {
    caughtUp = (error as Error).message;
  }
  figures.delay = delayFigures(await consumerDelays(db, started, new Date(stoppedAt)));
  await options.measure?.({ killedAt, restartedAt });
  const stream = await auditStream(stack.natsUrl, db);

  // one assertion, so that a failure shows every broken promise of the round at once
  expect({
    lost: cut(lost), duplicated: cut(duplicated), halfWritten: cut(halfWritten), caughtUp: caughtUp ?? 'yes',
    duplicatedInStream: cut(stream.duplicated), announcedButNotCommitted: cut(stream.phantom), publishedButNotInStream: cut(stream.unstreamed),
  }).toEqual({
    lost: [], duplicated: [], halfWritten: [], caughtUp: 'yes', duplicatedInStream: [], announcedButNotCommitted: [], publishedButNotInStream: [],
  });
  expect(figures.acknowledged).toBeGreaterThan(0);
}

it('loses and duplicates nothing when membership is killed under load, and catches up within seconds', async () => {
  await round('membership', () => stack.kill('membership'), () => stack.start('membership'));
}, 90_000);

it('loses and duplicates nothing when teacher exchange is killed under its own load and while it consumes events', async () => {
  await round('teacher-exchange', () => stack.kill('teacher-exchange'), () => stack.start('teacher-exchange'));
}, 90_000);

it('loses and duplicates nothing when the gateway is killed with writes in flight', async () => {
  await round('gateway', () => stack.kill('gateway'), () => stack.start('gateway'));
}, 90_000);

it('loses and duplicates nothing when NATS is killed while events are published and consumed', async () => {
  await round('nats', () => stack.nats.kill(), () => stack.nats.start());
}, 90_000);

it('loses no acknowledged write when PostgreSQL is killed, and events reach consumers as fast afterwards as before', async () => {
  const port = postgres.port;
  await round('postgresql', async () => {
    await db.end().catch(() => undefined);
    await postgres.kill();
  }, async () => {
    postgres = await startPostgres({ dataDir, port, persistent: true });
    db = await database();
  }, {
    beforeKillMs: 4_000,
    loadAfterRestartMs: RELISTEN_MS + AFTER_RESTART_WINDOW_MS,
    measure: async ({ killedAt, restartedAt }) => {
      // events written up to a second before the kill: their consumers had time to apply them before it
      report.delayBeforeDatabaseRestart = delayFigures(await consumerDelays(db, new Date(killedAt - 3_000), new Date(killedAt - 1_000)));
      const from = restartedAt + RELISTEN_MS;
      report.delayAfterDatabaseRestart = delayFigures(await consumerDelays(db, new Date(from), new Date(from + AFTER_RESTART_WINDOW_MS)));
    },
  });
  expectFast(report.delayBeforeDatabaseRestart);
  expectFast(report.delayAfterDatabaseRestart);
}, 120_000);

/** commit → consumer well under the relay's 1 s poll */
function expectFast(delay: DelayFigures | null): void {
  expect(delay?.events).toBeGreaterThan(0);
  expect(delay?.p50Ms).toBeLessThan(DELAY_P50_LIMIT_MS);
}

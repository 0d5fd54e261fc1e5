import type { ServiceName } from '@jiaolian/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, freePort, startNats, type RunningNats } from './servers.js';
import { testServers } from './global-setup.js';

export interface StackOptions {
  services: ServiceName[];
  /** start the gateway too (default true) */
  gateway?: boolean;
  /** extra environment for every child (e.g. RATE_LIMIT_DISABLED) */
  env?: Record<string, string>;
  /** database name; default one per stack */
  database?: string;
  /** how long to wait for the gateway to be ready (default 60 s) */
  readyTimeoutMs?: number;
}

/** A long-running process of a stack: one of the services or the (first) gateway. */
export type StackApp = ServiceName | 'gateway';

export interface RunningStack {
  /** e.g. http://127.0.0.1:41234 (no trailing slash); empty without a gateway */
  gatewayUrl: string;
  databaseUrl: string;
  natsUrl: string;
  /** the stack's own NATS server, to stop and start it under the running stack */
  nats: RunningNats;
  /** where every child writes its output */
  logFile: string;
  /** starts one more gateway replica on a port of its own against the same NATS; resolves with its URL once it is ready */
  addGateway: (env?: Record<string, string>) => Promise<string>;
  /** kills a service or the first gateway abruptly (SIGKILL) and leaves it down; `start` brings it back */
  kill: (app: StackApp) => Promise<void>;
  /**
   * starts a killed service or gateway again with the same environment (the gateway on the same port);
   * resolves once a service is spawned, or once the gateway is ready
   */
  start: (app: StackApp) => Promise<void>;
  /** runs `node apps/<service>/dist/main.js <command>` with the stack's environment and awaits exit 0 */
  run: (command: string, service: ServiceName, env?: Record<string, string>) => Promise<string>;
  stop: () => Promise<void>;
}

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let stackCount = 0;

function mainOf(app: string): string {
  const file = path.join(workspaceRoot, 'apps', app, 'dist', 'main.js');
  if (!existsSync(file)) throw new Error(`${file} does not exist: build it first (npx tsc -b apps/${app}/tsconfig.json)`);
  return file;
}

/**
 * Starts the built services and gateway as child processes against the test PostgreSQL (a fresh
 * database) and a NATS server of the stack's own, for API tests that talk to the gateway over HTTP as a third party
 * would. Needs Jest's globalSetup from @jiaolian/testing. Children log to one file in the OS temp
 * directory, printed when start-up fails.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const servers = testServers();
  stackCount += 1;
  const database = options.database ?? `stack_${process.pid}_${stackCount}_${Date.now().toString(36)}`;
  const databaseUrl = await createDatabase(servers.postgresAdminUrl, database);
  // A NATS of its own: the JetStream event stream and the services' durable consumers are per
  // deployment, so two stacks sharing one server would feed each other's events into their directories.
  const nats = await startNats();
  const logFile = path.join(tmpdir(), `jiaolian-stack-${database}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const children: ChildProcess[] = [];
  /** how each long-running app was launched, so that `kill` and `start` can find and repeat it */
  const launched = new Map<StackApp, { child: ChildProcess; env: Record<string, string> }>();
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    HEALTH_PORT: '0',
    // replicas would share the gateway's default metrics port; a test that scrapes passes its own
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
    ...options.env,
  };

  const launch = (app: string, args: string[], env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, [mainOf(app), ...args], { cwd: workspaceRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `[${app}${args.length ? ` ${args.join(' ')}` : ''}] `;
    const forward = (chunk: Buffer): void => { log.write(chunk.toString().split('\n').filter(Boolean).map((l) => `${prefix}${l}\n`).join('')); };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    return child;
  };

  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    })));
    await nats.stop();
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };

  const failed = async (reason: string): Promise<Error> => {
    await stop();
    const output = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    return new Error(`${reason}\n--- stack log (${logFile}) ---\n${output.slice(-20_000)}`);
  };

  const addGateway = async (env: Record<string, string> = {}): Promise<string> => {
    const port = await freePort();
    const gatewayEnv = { ...baseEnv, PORT: String(port), HOST: '127.0.0.1', ...env };
    const child = launch('gateway', [], gatewayEnv);
    children.push(child);
    if (!launched.has('gateway')) launched.set('gateway', { child, env: gatewayEnv });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${url}/health/ready`, children, options.readyTimeoutMs ?? 60_000);
    return url;
  };

  try {
    for (const service of options.services) {
      const child = launch(service, [], baseEnv);
      children.push(child);
      launched.set(service, { child, env: baseEnv });
    }
    let gatewayUrl = '';
    if (options.gateway ?? true) gatewayUrl = await addGateway();
    return {
      addGateway,
      gatewayUrl,
      databaseUrl,
      natsUrl: nats.url,
      nats,
      logFile,
      stop,
      kill: async (app) => {
        const entry = launched.get(app);
        if (!entry) throw new Error(`${app} is not part of this stack`);
        await killNow(entry.child);
      },
      start: async (app) => {
        const entry = launched.get(app);
        if (!entry) throw new Error(`${app} is not part of this stack`);
        if (entry.child.exitCode === null && entry.child.signalCode === null) return;
        const child = launch(app, [], entry.env);
        children.push(child);
        launched.set(app, { child, env: entry.env });
        if (app === 'gateway') await waitUntilReady(`http://127.0.0.1:${entry.env['PORT']}/health/ready`, [child], options.readyTimeoutMs ?? 60_000);
      },
      run: (command, service, env = {}) => new Promise<string>((resolve, reject) => {
        const child = launch(service, [command], { ...baseEnv, ...env });
        let output = '';
        child.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
        child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${service} ${command} exited with ${code}:\n${output}`))));
      }),
    };
  } catch (error) {
    throw await failed((error as Error).message);
  }
}

/** SIGKILL, resolved once the process has exited. */
function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function waitUntilReady(url: string, children: ChildProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead) throw new Error(`A stack process exited during start-up (${dead.spawnargs.slice(1).join(' ')}: ${dead.exitCode ?? dead.signalCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      const body = (await response.json()) as { status?: string };
      if (response.ok && body.status === 'ok') return;
      last = JSON.stringify(body);
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`The gateway was not ready within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

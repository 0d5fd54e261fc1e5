// What every benchmark script needs around the stack it measures: child processes it can stop as a
// group (also on Ctrl-C), waiting for a condition while watching that the child still runs, a JSON call
// to the gateway's public API, and the pids and resident memory of a running stack's processes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const children = [];

/** Starts a command in its own process group, keeping its last 80 output lines for error reports. */
export function startChild(cwd, name, command, childArgs, env) {
  const child = spawn(command, childArgs, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines = [];
  const keep = (line) => { lines.push(line); if (lines.length > 80) lines.shift(); };
  createInterface({ input: child.stdout }).on('line', keep);
  createInterface({ input: child.stderr }).on('line', keep);
  const handle = { name, child, lines, exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  children.push(handle);
  return handle;
}

async function stopChild(handle) {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  try { process.kill(-handle.child.pid, 'SIGTERM'); } catch { /* gone */ }
  const timer = setTimeout(() => { try { process.kill(-handle.child.pid, 'SIGKILL'); } catch { /* gone */ } }, 30_000);
  await handle.exited;
  clearTimeout(timer);
}

/** Stops every child started here, the last started first. */
export async function cleanup() {
  for (const handle of children.splice(0).reverse()) await stopChild(handle);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { void cleanup().then(() => process.exit(130)); });

/** Throws with the child's last output lines attached (`error.lines`). */
export function fail(message, handle) {
  const error = new Error(message);
  error.lines = handle?.lines.slice(-30);
  throw error;
}

/** Polls `check` until it answers something truthy; fails if the child exits first or time runs out. */
export async function waitFor(check, handle, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (handle.child.exitCode !== null || handle.child.signalCode !== null) fail(`${handle.name} exited before ${what}`, handle);
    if (Date.now() > deadline) fail(`${what} did not happen within ${timeoutMs / 1000} s`, handle);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One JSON request to the gateway: `{ status, body }` (a body that is not JSON comes back as text). */
export async function api(base, method, route, token, body) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  return { status: response.status, body: parsed };
}

/** The gateway's and assessment's pids among the children of an `npm start` launcher (Linux `ps` and /proc only). */
export function stackPids(launcherPid) {
  const result = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  if (result.status !== 0 || !existsSync('/proc/self/status')) return undefined;
  const rows = result.stdout.trim().split('\n').map((line) => {
    const [pid, ppid, ...rest] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), args: rest.join(' ') };
  });
  const find = (needle) => rows.find((r) => r.ppid === launcherPid && r.args.includes(needle))?.pid;
  return { gateway: find('apps/gateway/dist/main.js'), assessment: find('apps/assessment/dist/main.js') };
}

/** A process's resident memory in KiB from /proc; undefined when it is gone. */
export function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch { return undefined; }
}

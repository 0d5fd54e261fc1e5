// Finds the PostgreSQL and NATS of a running Jiaolian stack: from the launcher's --state-file, from
// explicit URLs, or from its data folder (PostgreSQL's postmaster.pid names its port; the launcher's
// run/pids.json names the nats-server process, whose command line names its port).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from '../../dev/lib/processes.mjs';

export const DATABASE = 'jiaolian';
const CREDENTIALS = 'jiaolian:jiaolian';

export class LocateError extends Error {}

/** The port in a running PostgreSQL's postmaster.pid (its 4th line), or undefined when it is not running. */
export function postgresPortOf(pgData) {
  const file = path.join(pgData, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid && isAlive(pid) && port ? port : undefined;
}

/** The `-p PORT` of a command line (nats-server's), from its NUL-separated /proc cmdline. */
export function natsPortFromCmdline(cmdline) {
  const args = cmdline.split('\0');
  const at = args.findIndex((a) => a === '-p' || a === '--port');
  return at >= 0 ? Number(args[at + 1]) || undefined : undefined;
}

function natsPortOf(dataDir) {
  const pidFile = path.join(dataDir, 'run', 'pids.json');
  if (!existsSync(pidFile)) return undefined;
  let pids;
  try { pids = JSON.parse(readFileSync(pidFile, 'utf8')); } catch { return undefined; }
  const nats = (pids.children ?? []).find((child) => child.name === 'nats' && isAlive(child.pid));
  if (!nats) return undefined;
  try {
    return natsPortFromCmdline(readFileSync(`/proc/${nats.pid}/cmdline`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * { databaseUrl, natsUrl } of the running stack. Explicit URLs win, then the state file, then the
 * data folder (default .data in `root`).
 */
export function locateStack({ root, dataDir, stateFile, databaseUrl, natsUrl }) {
  if (stateFile) {
    if (!existsSync(stateFile)) throw new LocateError(`the state file ${stateFile} does not exist (is the stack running with --state-file?)`);
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    databaseUrl ??= state.databaseUrl;
    natsUrl ??= state.natsUrl;
  }
  if (databaseUrl && natsUrl) return { databaseUrl, natsUrl };
  const dir = path.resolve(dataDir ?? process.env.JIAOLIAN_DATA_DIR ?? path.join(root, '.data'));
  if (!databaseUrl) {
    const port = postgresPortOf(path.join(dir, 'postgres'));
    if (!port) throw new LocateError(`no running PostgreSQL found for the data folder ${dir}: start the stack (npm start -- --data-dir ${dir}), or pass --database-url`);
    databaseUrl = `postgres://${CREDENTIALS}@127.0.0.1:${port}/${DATABASE}`;
  }
  if (!natsUrl) {
    const port = natsPortOf(dir);
    if (!port) throw new LocateError(`no running nats-server found for the data folder ${dir} (its run/pids.json names none): start the stack, or pass --nats-url`);
    natsUrl = `nats://127.0.0.1:${port}`;
  }
  return { databaseUrl, natsUrl };
}

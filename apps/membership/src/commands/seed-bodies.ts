import type { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BodiesService } from '../governance/bodies/bodies.service.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_DISTRICT, DEMO_PASSWORD } from './demo-data.js';

/** Teachers of the demo's integrated alliance who sit in its bodies (the demo `teacher` login is one of them). */
const DEMO_BODY_PEOPLE = [
  { username: 'shiyan.wu', displayName: '吴志强', school: '清溪县实验小学' },
  { username: 'shiyan.zhou', displayName: '周敏', school: '清溪县实验小学' },
  { username: 'shiyan.sun', displayName: '孙丽', school: '清溪县实验小学' },
  { username: 'linxi.liu', displayName: '刘芳', school: '临溪镇中心小学' },
  { username: 'fengling.huang', displayName: '黄磊', school: '临溪镇枫岭村小学' },
  { username: 'xikou.zheng', displayName: '郑洁', school: '白沙乡溪口村小学' },
] as const;

const INTEGRATED = '清溪县实验小学教联体';

/**
 * The organisation of the demo's integrated alliance: a council, two working groups under it and two
 * studios, with members from several schools. Idempotent: it does nothing once the alliance has a body,
 * and creates a demo teacher only when the username is free, so it also completes a demo seeded before
 * bodies existed.
 */
export async function seedDemoOrganisation(app: INestApplicationContext, scope: AccessScope): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const [alliance] = await dataSource.query(
    `SELECT a.id FROM alliance a JOIN district d ON d.id = a.district_id WHERE d.code = $1 AND a.name = $2`, [DEMO_DISTRICT.code, INTEGRATED],
  ) as { id: string }[];
  if (!alliance) return false;
  const [{ n }] = await dataSource.query('SELECT count(*) AS n FROM alliance_body WHERE alliance_id = $1', [alliance.id]) as { n: string }[];
  if (Number(n) > 0) return false;

  const users = app.get(UsersService);
  const bodies = app.get(BodiesService);
  const schoolIds = new Map((await dataSource.query(
    'SELECT s.id, s.name FROM school s JOIN district d ON d.id = s.district_id WHERE d.code = $1', [DEMO_DISTRICT.code],
  ) as { id: string; name: string }[]).map((s) => [s.name, s.id]));
  const [district] = await dataSource.query('SELECT id FROM district WHERE code = $1', [DEMO_DISTRICT.code]) as { id: string }[];
  const people = new Map<string, { userId: string; schoolId: string }>();
  for (const person of DEMO_BODY_PEOPLE) {
    const schoolId = schoolIds.get(person.school) as string;
    const [existing] = await dataSource.query('SELECT id FROM app_user WHERE lower(username) = lower($1)', [person.username]) as { id: string }[];
    let userId = existing?.id;
    if (!userId) {
      userId = (await users.create(scope, { districtId: district!.id, username: person.username, displayName: person.displayName, password: DEMO_PASSWORD })).id;
      await users.assign(scope, userId, { role: 'teacher', schoolId });
    }
    people.set(person.username, { userId, schoolId });
  }
  const [teacher] = await dataSource.query(
    `SELECT r.user_id, r.school_id FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'teacher' AND r.role = 'teacher'`,
  ) as { user_id: string; school_id: string }[];
  if (teacher) people.set('teacher', { userId: teacher.user_id, schoolId: teacher.school_id });

  const join = async (bodyId: string, username: string, role: 'leader' | 'deputy' | 'member', termTo: string | undefined = '2028-08-31'): Promise<void> => {
    const person = people.get(username);
    if (!person) return;
    await bodies.addMember(scope, bodyId, { userId: person.userId, schoolId: person.schoolId, role, termFrom: '2026-09-01', ...(termTo ? { termTo } : {}) });
  };

  const council = await bodies.create(scope, alliance.id, {
    kind: 'council', name: '教联体理事会', responsibilities: '审议教联体章程、年度工作计划和经费使用；协调成员校之间的师资统筹与资源共享。',
  });
  await join(council.id, 'shiyan.wu', 'leader');
  await join(council.id, 'linxi.liu', 'deputy');
  await join(council.id, 'xikou.zheng', 'member');

  const research = await bodies.create(scope, alliance.id, {
    kind: 'working_group', category: 'teaching_research', name: '教学研讨组', parentId: council.id,
    responsibilities: '每月组织一次联合教研：同课异构、集体备课、送教下乡；汇总各校教学质量分析。',
  });
  await join(research.id, 'shiyan.zhou', 'leader');
  await join(research.id, 'linxi.liu', 'deputy');
  await join(research.id, 'teacher', 'member');
  await join(research.id, 'fengling.huang', 'member');

  const training = await bodies.create(scope, alliance.id, {
    kind: 'working_group', category: 'teacher_training', name: '教师培训组', parentId: council.id,
    responsibilities: '制订青年教师培训计划，组织师徒结对、跟岗学习与骨干教师示范课。',
  });
  await join(training.id, 'shiyan.sun', 'leader');
  await join(training.id, 'xikou.zheng', 'member');
  await join(training.id, 'fengling.huang', 'member');

  const studio = await bodies.create(scope, alliance.id, {
    kind: 'studio', category: 'master_teacher', subject: '语文', name: '周敏名师工作室',
    responsibilities: '以小学语文阅读教学为主题，带教成员校青年教师，每学期送教两次。',
  });
  await join(studio.id, 'shiyan.zhou', 'leader', undefined);
  await join(studio.id, 'teacher', 'member');
  await join(studio.id, 'xikou.zheng', 'member');

  const headTeachers = await bodies.create(scope, alliance.id, {
    kind: 'studio', category: 'head_teacher', name: '孙丽班主任工作室', responsibilities: '研究农村小规模学校班级管理与家校共育，开展班主任沙龙。',
  });
  await join(headTeachers.id, 'shiyan.sun', 'leader', undefined);
  await join(headTeachers.id, 'fengling.huang', 'member');
  return true;
}

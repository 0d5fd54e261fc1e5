import { MembershipSubjects, type LinkTeacherAccountRequest } from '@jiaolian/contracts';
import { BusClient, CallerTokens, type AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TeachersService } from '../teachers/teachers.service.js';

/** The demo's `teacher` login (membership's seed) and the roster teacher it belongs to. */
export const DEMO_TEACHER_LOGIN = { username: 'teacher', name: '张晓燕', school: '临溪镇下湾村小学', staffNo: 'XW-ZXY' } as const;

/**
 * Makes the demo's `teacher` login a roster teacher's account: 张晓燕 on the roster of 临溪镇下湾村小学
 * (added once), and the account linked to her in membership (asked as the system; membership answers
 * linked when it is already). Idempotent; counts as seeded only what it wrote itself. When membership
 * does not answer, it says so and leaves the link for the next run.
 */
export async function seedDemoTeacherAccount(app: INestApplicationContext, scope: AccessScope): Promise<string[]> {
  const dataSource = app.get(DataSource);
  const seeded: string[] = [];
  const [school]: { id: string }[] = await dataSource.query('SELECT id FROM directory_school WHERE name = $1', [DEMO_TEACHER_LOGIN.school]);
  if (!school) return seeded;
  let [teacher]: { id: string }[] = await dataSource.query('SELECT id FROM teacher WHERE school_id = $1 AND staff_no = $2', [school.id, DEMO_TEACHER_LOGIN.staffNo]);
  if (!teacher) {
    teacher = await app.get(TeachersService).create(scope, {
      schoolId: school.id, staffNo: DEMO_TEACHER_LOGIN.staffNo, name: DEMO_TEACHER_LOGIN.name, gender: 'female', subjects: ['chinese'], title: 'second', rank: 'none', middleManager: false,
    });
    seeded.push(`roster teacher ${DEMO_TEACHER_LOGIN.name}`);
  }
  const request: LinkTeacherAccountRequest = { username: DEMO_TEACHER_LOGIN.username, teacherId: teacher.id };
  try {
    const callerToken = await app.get(CallerTokens).signSystem('teacher-exchange:seed-demo');
    const link = await app.get(BusClient).request<{ linked: boolean; changed: boolean }>(MembershipSubjects.teacherAccountLink, request, { callerToken, timeoutMs: 10_000 });
    if (link.changed) seeded.push(`login ${DEMO_TEACHER_LOGIN.username} linked`);
    else if (!link.linked) process.stdout.write(`The demo login ${DEMO_TEACHER_LOGIN.username} is missing or belongs to another roster teacher; not linked.\n`);
  } catch (error) {
    process.stdout.write(`The demo login ${DEMO_TEACHER_LOGIN.username} is not linked to its roster teacher yet (membership: ${(error as Error).message}); run seed-demo again.\n`);
  }
  return seeded;
}

import {
  MembershipSubjects, PLATFORM_DISTRICT, type ActivityKind, type Caller, type CreateActivityDto, type Page, type ParticipantKind, type UserView,
} from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service.js';
import { occurrencesBetween } from '../activities/recurrence.js';
import { DAY_MS, shanghaiDate, SHANGHAI_OFFSET_MS } from '../common/time.js';
import { MinutesService } from '../minutes/minutes.service.js';
import { PlansService } from '../plans/plans.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { ArchivesService } from '../archives/archives.service.js';
import { BriefingsService } from '../briefings/briefings.service.js';
import { seedDemoBriefings } from './seed-briefings.js';
import { seedCrossDistrictActivity } from './seed-cross-district.js';
import { seedDemoPlans } from './seed-plans.js';

const WAIT_MS = 60_000;
export const SEED_CALLER_ID = 'activities:seed-demo';
const INTEGRATED = '清溪县实验小学教联体';
const ALLIANCE = '城关中学教育联盟';
const DEMO_ALLIANCES = [INTEGRATED, ALLIANCE];

const systemCaller = (): Caller => ({
  kind: 'system', id: SEED_CALLER_ID, displayName: '联盟秘书处', assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

/** An instant at a local (Asia/Shanghai) time, `days` days from today. */
const localAt = (now: Date, days: number, hh: number, mm = 0): Date => {
  const today = Date.parse(`${shanghaiDate(now)}T00:00:00Z`);
  return new Date(today + days * DAY_MS + (hh * 60 + mm) * 60_000 - SHANGHAI_OFFSET_MS);
};
const localDate = (now: Date, days: number): string => shanghaiDate(new Date(now.getTime() + days * DAY_MS));

interface DemoDirectory { alliances: Map<string, string>; schools: Map<string, string> }

/**
 * `node apps/activities/dist/main.js seed-demo`, after membership's seed-demo: waits until this service's
 * directory holds the demo alliances, then schedules past and coming activities (a monthly 联席会议, a
 * weekly 线上教研, a 科技节 …) through the domain services, with registrations and check-ins for the past
 * occurrences and minutes whose action items are done, open and overdue, and the work plans of the last
 * and the current term (seed-plans.ts). Runs once. The briefings and the archive come later
 * (seedDemoReportsCommand), once every service runs and has its demo data.
 */
export async function seedDemoCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const directory = await waitForDirectory(dataSource);
  if (!directory) {
    process.stdout.write(`activities seed-demo: the directory did not receive the demo alliances within ${WAIT_MS / 1000} s; run membership's seed-demo first.\n`);
    process.exitCode = 1;
    return;
  }
  const scope = new AccessScope(systemCaller());
  const integrated = directory.alliances.get(INTEGRATED)!;
  const schoolOf = (name: string): string => directory.schools.get(name) ?? '';
  await seedDemoPlans(app.get(PlansService), dataSource, scope, integrated, schoolOf, await demoTeacher(app));
  // Counted before the cross-district activity is seeded: that one is the seed's too, and counting it
  // would take a fresh database for one seeded already.
  const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM activity WHERE created_by = $1', [SEED_CALLER_ID]);
  await seedCrossDistrictActivity(app.get(ActivitiesService), dataSource, scope);
  if (n > 0) {
    process.stdout.write('activities seed-demo: demo activities exist already; nothing seeded.\n');
    return;
  }
  const activities = app.get(ActivitiesService);
  const registrations = app.get(RegistrationsService);
  const minutes = app.get(MinutesService);
  const now = new Date();
  const school = (name: string): string => {
    const id = directory.schools.get(name);
    if (!id) throw new Error(`demo school ${name} is not in the directory`);
    return id;
  };
  const teacher = await demoTeacher(app);

  const schedule = (alliance: string, organiser: string, kind: ActivityKind, title: string, startsAt: Date, hours: number, extra: Partial<CreateActivityDto> = {}) =>
    activities.create(scope, {
      allianceId: directory.alliances.get(alliance) as string, organiserSchoolId: school(organiser), kind, title, startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + hours * 3600_000).toISOString(), place: { kind: 'school', schoolId: school(organiser) },
      audience: { teachers: true, studentGrades: [], parents: false }, capacityPerSchool: 4, ...extra,
    });

  /** Registers people of each school for each past occurrence and checks most of them in on the day. */
  const attend = async (activityId: string, first: Date, rule: Parameters<typeof occurrencesBetween>[1], people: [string, string, ParticipantKind?, number?][]): Promise<void> => {
    for (const [index, start] of occurrencesBetween(first, rule, new Date(0), now).entries()) {
      for (const [p, [schoolName, person, kind = 'teacher', grade]] of people.entries()) {
        const reg = await registrations.register(scope, activityId, {
          occurrenceStart: start.toISOString(), schoolId: school(schoolName), participantKind: kind, participantName: person, ...(grade ? { grade } : {}),
        }, new Date(start.getTime() - 2 * DAY_MS));
        if ((index + p) % 4 !== 3) await registrations.checkIn(scope, reg.id, new Date(start.getTime() + 10 * 60_000));
      }
    }
  };

  // 联席会议: monthly, started three months ago, on the 15th-ish at 14:30
  const meetingStart = localAt(now, -84, 14, 30);
  const meetingRule = { freq: 'monthly' as const, interval: 1, count: 10 };
  const meeting = await schedule(INTEGRATED, '清溪县实验小学', 'joint_meeting', '教联体月度联席会议', meetingStart, 2, {
    description: '各成员校校长、教务主任参加：通报上月工作，部署下月教研、交流与送教安排。', recurrence: meetingRule, capacityPerSchool: 3,
    place: { kind: 'school', schoolId: school('清溪县实验小学'), facilityName: '行政楼三楼会议室' },
  });
  await attend(meeting.id, meetingStart, { ...meetingRule, until: null }, [
    ['清溪县实验小学', '刘建华'], ['临溪镇中心小学', '陈立新'], ['临溪镇下湾村小学', '王海峰'], ['临溪镇枫岭村小学', '周德明'], ['白沙乡溪口村小学', '吴春梅'],
  ]);
  const past = occurrencesBetween(meetingStart, { ...meetingRule, until: null }, new Date(0), now);
  const owner = (name: string, schoolName: string, userId?: string) => ({ ownerName: name, ownerSchoolId: school(schoolName), ...(userId ? { ownerUserId: userId } : {}) });
  const plans: { summary: string; decisions: string[]; items: { title: string; dueDays: number; done: boolean; who: ReturnType<typeof owner> }[] }[] = [
    {
      summary: '通报了本学期教联体工作计划，讨论了师资统筹与走教安排。', decisions: ['本学期每月第三周召开联席会议', '核心校每周派两名骨干教师到村小走教'],
      items: [
        { title: '各成员校上报本学期师资缺口', dueDays: -70, done: true, who: owner('陈立新', '临溪镇中心小学') },
        { title: '制定走教课表初稿', dueDays: -63, done: true, who: owner('刘建华', '清溪县实验小学') },
      ],
    },
    {
      summary: '回顾了九月份联合教研情况，研究了期中统一检测的组织方式。', decisions: ['期中统一检测采用统一试卷、交叉阅卷', '下湾村小学承办十一月联合教研'],
      items: [
        { title: '汇总各校期中检测考务安排', dueDays: -40, done: true, who: owner('王海峰', '临溪镇下湾村小学') },
        { title: '上传九月联合教研课例视频', dueDays: -5, done: false, who: owner('张晓燕', '临溪镇下湾村小学', teacher) },
      ],
    },
    {
      summary: '讨论了科技节筹备与冬季送教下乡计划。', decisions: ['科技节在青少年宫举办，各校推荐作品', '十二月起开展送教下乡'],
      items: [
        { title: '提交科技节参展作品名单', dueDays: 10, done: false, who: owner('张晓燕', '临溪镇下湾村小学', teacher) },
        { title: '拟定送教下乡学科与时间表', dueDays: 20, done: false, who: owner('吴春梅', '白沙乡溪口村小学') },
      ],
    },
  ];
  for (const [index, start] of past.slice(-plans.length).entries()) {
    const plan = plans[index + Math.max(0, plans.length - past.length)] ?? plans[index];
    if (!plan) continue;
    const saved = await minutes.save(scope, meeting.id, {
      occurrenceStart: start.toISOString(), summary: plan.summary, decisions: plan.decisions,
      actionItems: plan.items.map((item) => ({ title: item.title, dueOn: localDate(now, item.dueDays), ...item.who })),
    }, now);
    for (const [i, item] of plan.items.entries()) {
      const view = saved.actionItems.find((a) => a.title === item.title);
      if (item.done && view) await minutes.complete(scope, view.id, new Date(now.getTime() - (10 - i) * DAY_MS));
    }
  }

  // 线上教研: weekly on Wednesday evenings, started four weeks ago, for sixteen weeks
  const weekday = (localAt(now, 0, 12).getUTCDay() + 7 - 3) % 7; // days since the last Wednesday
  const onlineStart = localAt(now, -28 - weekday, 19, 0);
  const onlineRule = { freq: 'weekly' as const, interval: 1, count: 16 };
  const online = await schedule(INTEGRATED, '清溪县实验小学', 'online_session', '每周线上教研：小学数学单元整体教学', onlineStart, 1.5, {
    place: { kind: 'online', url: 'https://meeting.example.org/j/20260901' }, recurrence: onlineRule, capacityPerSchool: 6,
    description: '城乡同步教研：核心校骨干教师说课、村小教师研讨，会后共享课件。',
  });
  await attend(online.id, onlineStart, { ...onlineRule, until: null }, [
    ['临溪镇下湾村小学', '张晓燕'], ['临溪镇枫岭村小学', '李春燕'], ['白沙乡溪口村小学', '赵小兰'], ['临溪镇中心小学', '孙伟'],
  ]);

  // a demo lesson two weeks ago, with students of grades 4 and 5
  const demoStart = localAt(now, -14, 9, 0);
  const demo = await schedule(INTEGRATED, '临溪镇中心小学', 'demo', '四年级数学“图形的运动”联片展示课', demoStart, 2, {
    audience: { teachers: true, studentGrades: [4, 5], parents: false }, capacityPerSchool: 8,
  });
  await attend(demo.id, demoStart, null, [
    ['临溪镇下湾村小学', '张晓燕'], ['临溪镇枫岭村小学', '李春燕'], ['临溪镇下湾村小学', '王小明', 'student', 4], ['临溪镇枫岭村小学', '陈可欣', 'student', 5],
  ]);

  // coming: 科技节, 送教课, 家长讲座; in the other alliance: its own monthly meeting and a sports meet
  await schedule(INTEGRATED, '清溪县实验小学', 'festival', '第三届教联体科技节', localAt(now, 21, 8, 30), 32, {
    place: { kind: 'facility', facilityName: '清溪县青少年宫 科技馆' }, audience: { teachers: true, studentGrades: [4, 5, 6], parents: true }, capacityPerSchool: 20,
    description: '科技作品展评、机器人挑战赛、科学实验秀；各成员校组织四至六年级学生参加。',
  });
  await schedule(INTEGRATED, '清溪县实验小学', 'delivered', '送教下乡：三年级英语绘本阅读', localAt(now, 9, 9, 30), 2, {
    place: { kind: 'school', schoolId: school('临溪镇下湾村小学') }, audience: { teachers: true, studentGrades: [3], parents: false },
  });
  await schedule(INTEGRATED, '白沙乡溪口村小学', 'parent_lecture', '家长讲座：留守儿童的陪伴与沟通', localAt(now, 12, 19, 0), 1.5, {
    place: { kind: 'online', url: 'https://meeting.example.org/j/parents' }, audience: { teachers: false, studentGrades: [], parents: true }, capacityPerSchool: 50,
  });
  if (directory.alliances.has(ALLIANCE)) {
    await schedule(ALLIANCE, '清溪县城关中学', 'joint_meeting', '教育联盟月度联席会议', localAt(now, 5, 15, 0), 2, {
      recurrence: { freq: 'monthly', interval: 1, count: 8 }, capacityPerSchool: 3,
    });
    await schedule(ALLIANCE, '清溪县城关中学', 'sports_meet', '联盟初中田径运动会', localAt(now, 30, 8, 0), 8, {
      audience: { teachers: true, studentGrades: [7, 8, 9], parents: false }, capacityPerSchool: 30,
    });
  }
  process.stdout.write('activities seed-demo: demo activities, registrations and minutes seeded.\n');
}

/**
 * `node apps/activities/dist/main.js seed-demo-reports`, run by `npm start` once every service runs with its
 * demo data: issues the demo briefings (whose figures come from all five services and the term evaluation)
 * and queues the term archive, which the running service builds (seed-briefings.ts). Runs once.
 */
export async function seedDemoReportsCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const directory = await waitForDirectory(dataSource);
  if (!directory) {
    process.stdout.write(`activities seed-demo-reports: the directory did not receive the demo alliances within ${WAIT_MS / 1000} s; run membership's seed-demo first.\n`);
    process.exitCode = 1;
    return;
  }
  await seedDemoBriefings(app.get(BriefingsService), app.get(ArchivesService), dataSource, new AccessScope(systemCaller()), directory.alliances.get(INTEGRATED)!);
  process.stdout.write('activities seed-demo-reports: demo briefings issued and the term archive queued.\n');
}

/** The demo teacher's user id, asked of membership, so "my action items" has something for her; absent if membership does not answer. */
async function demoTeacher(app: INestApplicationContext): Promise<string | undefined> {
  try {
    const token = await app.get(CallerTokens).signSystem('activities');
    const page = await app.get(BusClient).request<Page<UserView>>(MembershipSubjects.userList, { q: 'teacher', pageSize: 50 }, { callerToken: token });
    return page.items.find((u) => u.username === 'teacher')?.id;
  } catch {
    return undefined;
  }
}

async function waitForDirectory(dataSource: DataSource): Promise<DemoDirectory | null> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const alliances: { id: string; name: string }[] = await dataSource.query(
      "SELECT id, name FROM directory_alliance WHERE name = ANY($1::text[]) AND status = 'active'", [DEMO_ALLIANCES],
    );
    if (alliances.length === DEMO_ALLIANCES.length) {
      const rows: { id: string; name: string }[] = await dataSource.query(
        `SELECT DISTINCT s.id, s.name FROM directory_school s JOIN directory_member m ON m.school_id = s.id AND m.active
          WHERE m.alliance_id = ANY($1::uuid[])`, [alliances.map((a) => a.id)],
      );
      const schools = new Map(rows.map((r) => [r.name, r.id]));
      if (['清溪县实验小学', '临溪镇中心小学', '临溪镇下湾村小学', '临溪镇枫岭村小学', '白沙乡溪口村小学', '清溪县城关中学'].every((n) => schools.has(n))) {
        return { alliances: new Map(alliances.map((a) => [a.name, a.id])), schools };
      }
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

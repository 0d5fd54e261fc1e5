import { previousTerm, termOf, type TeacherView } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/access.js';
import { teachingMonths } from '../mentorship/mentorship.rules.js';
import { MentorshipService } from '../mentorship/mentorship.service.js';
import { ObservationService } from '../observation/observation.service.js';

/** The demo pairs: mentor and apprentice by school and roster position, and the month whose report lesson was missed (if any). */
const PAIRS = [
  { mentor: ['清溪县实验小学', 0], apprentice: ['临溪镇下湾村小学', 0], goals: '语文阅读教学：每月一节示范课、一节汇报课，徒弟期末独立执教区级公开课', missedMonth: 2, closed: true },
  { mentor: ['清溪县实验小学', 2], apprentice: ['临溪镇下湾村小学', 1], goals: '数学课堂提问与分层作业设计', missedMonth: undefined, closed: false },
  { mentor: ['清溪县城关中学', 0], apprentice: ['石桥镇中学', 3], goals: '物理实验教学规范与演示实验改进', missedMonth: undefined, closed: false },
] as const;

const REFLECTIONS = { demo: '示范课围绕核心问题展开，课后与徒弟逐环节复盘。', report: '汇报课落实了上月示范课的提问策略，小组合作时间仍需控制。' };

/**
 * Mentorship pairs and lesson observations of the demo, written through the domain services: a pair of
 * last term completed with every month done but one missed, two pairs of this term with their past
 * months done and this month's lessons scheduled, and observations scored on the district's default
 * rubric (a visiting teacher on her shadowing placement among them). The evidence of the demo's
 * lessons is a video link: the resource library is not running while the demo is seeded. Runs once:
 * nothing happens when the demo's first pair exists.
 */
export async function seedDevelopmentDemo(app: INestApplicationContext, schools: Map<string, string>, scope: AccessScope): Promise<void> {
  const dataSource = app.get(DataSource);
  const teacherAt = async (school: string, index: number): Promise<TeacherView> => {
    const [row] = await dataSource.query(
      `SELECT id FROM teacher WHERE school_id = $1 ORDER BY staff_no OFFSET $2 LIMIT 1`, [schools.get(school), index],
    );
    if (!row) throw new Error(`The demo teacher ${index + 1} of ${school} is missing`);
    return { id: row.id } as TeacherView;
  };
  const first = PAIRS[0];
  const mentor0 = await teacherAt(first.mentor[0], first.mentor[1]);
  const [seeded] = await dataSource.query('SELECT 1 FROM mentorship WHERE mentor_id = $1 LIMIT 1', [mentor0.id]);
  if (seeded) {
    process.stdout.write('The demo mentorship pairs exist already; no mentorship or observation seeded.\n');
    return;
  }
  const mentorships = app.get(MentorshipService);
  const observations = app.get(ObservationService);
  const today = todayInShanghai();
  const current = termOf(today);
  const last = previousTerm(current);

  let pairs = 0;
  let lessons = 0;
  for (const [index, spec] of PAIRS.entries()) {
    const term = spec.closed ? last : current;
    const mentor = await teacherAt(spec.mentor[0], spec.mentor[1]);
    const apprentice = await teacherAt(spec.apprentice[0], spec.apprentice[1]);
    const pair = await mentorships.create(scope, { mentorId: mentor.id, apprenticeId: apprentice.id, term, goals: spec.goals });
    pairs += 1;
    for (const [m, month] of teachingMonths(term).entries()) {
      const over = month < today.slice(0, 7);
      const thisMonth = month === today.slice(0, 7);
      if (!over && !thisMonth) continue;
      for (const kind of ['demo', 'report'] as const) {
        // the demo lesson in the second week, the report lesson in the third; this month's stay scheduled
        const day = `${month}-${kind === 'demo' ? 10 + index : 17 + index}`;
        const done = over && !(spec.missedMonth === m && kind === 'report');
        await mentorships.recordLesson(scope, pair.id, {
          month, kind, scheduledOn: day, startsAt: kind === 'demo' ? '09:40' : '14:10',
          place: kind === 'demo' ? `${spec.mentor[0]} 录播教室` : `${spec.apprentice[0]} 多媒体教室`,
          ...(done ? { done: true, videoUrl: `https://video.qingxi.edu.cn/mentorship/${month}-${kind}-${index + 1}`, reflection: REFLECTIONS[kind] } : {}),
        });
        lessons += 1;
      }
    }
    if (spec.closed) {
      await mentorships.comment(scope, pair.id, { side: 'mentor', text: '徒弟教学设计能力提升明显，课堂提问更有层次。' });
      await mentorships.comment(scope, pair.id, { side: 'apprentice', text: '跟着师傅磨课，学会了从学生视角设计问题。' });
      await mentorships.comment(scope, pair.id, { side: 'school', text: '结对扎实，有一个月汇报课因迎检未上，已在下月补充研讨。' });
      await mentorships.close(scope, pair.id);
    }
  }

  // observations on the default rubric: colleagues at the core school, and the village teacher on her shadowing placement
  const districtOf = async (teacher: TeacherView): Promise<string> => (await dataSource.query('SELECT district_id FROM teacher WHERE id = $1', [teacher.id]))[0].district_id;
  const visitor = await teacherAt('临溪镇下湾村小学', 2);
  const shadowing: { starts_on: string | Date }[] = await dataSource.query(
    `SELECT starts_on FROM placement WHERE teacher_id = $1 AND kind = 'shadowing' AND status IN ('approved', 'active') LIMIT 1`, [visitor.id],
  );
  const rubric = await observations.rubric(scope, await districtOf(visitor));
  const score = (ratio: number): Record<string, number> => Object.fromEntries(rubric.dimensions.map((d, i) => [d.key, d.levels[Math.min(d.levels.length - 1, (i + Math.round(ratio * 10)) % 3)]?.score ?? 0]));
  const A = '清溪县实验小学';
  const records = [
    { observer: await teacherAt(A, 1), observed: await teacherAt(A, 0), daysAgo: 21, subject: '语文', className: '五年级1班', topic: '《桂花雨》', ratio: 0 },
    { observer: await teacherAt(A, 0), observed: await teacherAt(A, 2), daysAgo: 14, subject: '数学', className: '四年级2班', topic: '平行与垂直', ratio: 0.1 },
    { observer: visitor, observed: await teacherAt(A, 0), daysAgo: shadowing.length ? 2 : 9, subject: '语文', className: '五年级1班', topic: '习作：我的心爱之物', ratio: 0.2 },
    { observer: await teacherAt('临溪镇下湾村小学', 1), observed: await teacherAt('临溪镇下湾村小学', 0), daysAgo: 7, subject: '语文', className: '三年级', topic: '《大青树下的小学》', ratio: 0.1 },
    { observer: await teacherAt('清溪县城关中学', 1), observed: await teacherAt('清溪县城关中学', 0), daysAgo: 10, subject: '物理', className: '八年级3班', topic: '光的折射', ratio: 0 },
  ];
  for (const r of records) {
    const observedOn = new Date(Date.parse(`${today}T00:00:00Z`) - r.daysAgo * 86_400_000).toISOString().slice(0, 10);
    await observations.record(scope, {
      observerId: r.observer.id, observedId: r.observed.id, observedOn, subject: r.subject, className: r.className, topic: r.topic,
      rubricVersion: rubric.version, scores: score(r.ratio), comments: '教学目标清晰，学生参与充分；板书与时间分配可再优化。',
    });
  }
  process.stdout.write(`Teacher development demo seeded: ${pairs} mentorship pairs (${lessons} lessons, one month missed), ${records.length} lesson observations.\n`);
}

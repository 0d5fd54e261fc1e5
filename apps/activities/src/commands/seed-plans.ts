import { previousTerm, termOf, termRange, type PlanDetailView, type TargetRating } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import type { DataSource } from 'typeorm';
import { DAY_MS, shanghaiDate } from '../common/time.js';
import type { PlansService } from '../plans/plans.service.js';

interface DemoPlan {
  /** null for the alliance's own plan */
  school: string | null;
  owner: string;
  ownerUserId?: string;
  targets: { title: string; assignees: { kind: 'working_group' | 'subject_group' | 'teacher'; name: string }[]; milestones: [string, string][] }[];
}

const day = (date: string, days: number): string => shanghaiDate(new Date(Date.parse(`${date}T04:00:00Z`) + days * DAY_MS));

const PLANS: DemoPlan[] = [
  {
    school: null, owner: '联盟秘书处',
    targets: [
      {
        title: '建立教联体同步教研机制', assignees: [{ kind: 'working_group', name: '教学研讨组' }],
        milestones: [['制定学期教研日历', '教研日历（含各校分工）'], ['开展四次同步线上教研', '教研记录与课例视频 4 个'], ['期末教研成果展示', '成果集与展示课 2 节']],
      },
      {
        title: '骨干教师送教下乡', assignees: [{ kind: 'working_group', name: '教师培训组' }, { kind: 'subject_group', name: '语文学科中心组' }],
        milestones: [['确定送教需求与课表', '送教安排表'], ['完成六次送教', '送教课例 6 节、听评课记录']],
      },
    ],
  },
  {
    school: '临溪镇下湾村小学', owner: '张晓燕',
    targets: [
      {
        title: '提升四年级数学课堂教学质量', assignees: [{ kind: 'subject_group', name: '数学教研组' }, { kind: 'teacher', name: '张晓燕' }],
        milestones: [['跟岗学习两周', '跟岗日志与听课记录 10 节'], ['上汇报课一节', '汇报课视频与反思'], ['期末同步检测达标', '质量分析报告']],
      },
    ],
  },
  {
    school: '临溪镇枫岭村小学', owner: '李春燕',
    targets: [
      {
        title: '开设农耕文化校本课程', assignees: [{ kind: 'working_group', name: '学生活动组' }, { kind: 'teacher', name: '李春燕' }],
        milestones: [['完成课程纲要', '课程纲要'], ['开设八次农耕实践课', '活动照片与学生作品'], ['举办劳动成果展', '成果展照片与简报']],
      },
    ],
  },
];

/**
 * Demo work plans of the integrated alliance for the term before this one (approved, progressed with
 * milestones on time, late and never done, assessed and closed) and for this term (approved, in
 * progress: some milestones done, one overdue for the demo teacher). Skipped when the alliance has plans.
 */
export async function seedDemoPlans(
  plans: PlansService, dataSource: DataSource, scope: AccessScope, allianceId: string, school: (name: string) => string, teacherId: string | undefined, now = new Date(),
): Promise<void> {
  const [existing] = await dataSource.query('SELECT 1 FROM work_plan WHERE alliance_id = $1 LIMIT 1', [allianceId]);
  if (existing) return;
  const today = shanghaiDate(now);
  const current = termOf(today);
  for (const term of [previousTerm(current), current]) {
    const { from, to } = termRange(term);
    const span = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
    for (const demo of PLANS) {
      const ownerUserId = demo.school === '临溪镇下湾村小学' ? teacherId : undefined;
      let plan: PlanDetailView = await plans.create(scope, {
        allianceId, schoolId: demo.school ? school(demo.school) : undefined, term, title: `${term} 学期工作计划`,
        goals: '落实教联体三年发展规划的本学期任务，各成员校教学质量稳步提升。', measures: '同步教研、送教下乡、跟岗学习、联合质量监测。', ownerName: demo.owner, ownerUserId,
      }, now);
      for (const target of demo.targets) {
        plan = await plans.addTarget(scope, plan.id, {
          title: target.title, assignees: target.assignees,
          milestones: target.milestones.map(([title, expectedResult], i) => ({ title, expectedResult, dueOn: day(from, Math.round(((i + 1) * span) / (target.milestones.length + 1))) })),
        }, now);
      }
      await plans.transition(scope, plan.id, { action: 'submit' }, now);
      plan = await plans.transition(scope, plan.id, { action: 'approve' }, now);
      // past milestones: the first of each target on time, the second late, the third (if any) never done
      for (const target of plan.targets) {
        for (const [i, m] of target.milestones.entries()) {
          if (m.dueOn >= today) {
            if (i === 0) await plans.reportProgress(scope, m.id, { percent: 40, status: 'in_progress', comment: '按计划推进中' }, now);
            continue;
          }
          if (i === 0) await plans.reportProgress(scope, m.id, { percent: 100, status: 'done', comment: '按时完成', reportedOn: day(m.dueOn, -3) }, now);
          if (i === 1) {
            const late = day(m.dueOn, 6) < today ? day(m.dueOn, 6) : today;
            await plans.reportProgress(scope, m.id, { percent: 60, status: 'in_progress', comment: '因期中考试推迟', reportedOn: day(m.dueOn, -2) < today ? day(m.dueOn, -2) : today }, now);
            await plans.reportProgress(scope, m.id, { percent: 100, status: 'done', comment: '推迟一周完成', reportedOn: late }, now);
          }
        }
      }
      if (term !== current) {
        for (const target of plan.targets) {
          const done = target.milestones.filter((m) => m.dueOn < today).length;
          const rating: TargetRating = target.milestones.length <= 2 ? 'met' : done >= 3 ? 'partly' : 'not_met';
          await plans.assessTarget(scope, target.id, { rating, comment: rating === 'met' ? '目标全部达成' : '部分里程碑逾期或未完成，下学期继续推进' }, now);
        }
        await plans.transition(scope, plan.id, { action: 'close' }, now);
      }
    }
  }
}

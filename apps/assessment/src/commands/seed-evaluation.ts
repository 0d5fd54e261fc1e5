import { previousTerm, type Caller, type EvaluationAction, type EvaluatorScoreInputDto } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EvaluationsService } from '../evaluation/evaluations/evaluations.service.js';
import { ResultsService } from '../evaluation/evaluations/results.service.js';
import { FrameworksService } from '../evaluation/framework/frameworks.service.js';
import { DEMO_EXAM } from './demo-scores.js';

/** Who acts in each step of the demo (system callers with the platform's reach, named as the people they stand for). */
const actor = (displayName: string): AccessScope => new AccessScope({
  kind: 'system', id: 'assessment:seed-demo', displayName, assignments: [{ role: 'platform_admin', districtId: '*' }], requestId: randomUUID(),
} satisfies Caller);
const SCHOOL = actor('学校自评小组');
const ALLIANCE = actor('联盟秘书处');
const DISTRICT = actor('清溪县教育局');

/** Evaluator scores out of 10 for the default framework's scored indicators, by how well a school does. */
const scores = (level: number): EvaluatorScoreInputDto[] => [
  { indicator: 'teacher.development', score: level, evidence: '师徒结对记录、示范课与汇报课视频', comment: '教师专业发展有序推进' },
  { indicator: 'student.development', score: Math.min(10, level + 0.5), evidence: '科技节、运动会与劳动实践活动照片' },
  { indicator: 'satisfaction.community', score: Math.max(0, level - 0.5), evidence: '家长会反馈与开放周问卷' },
];

/**
 * The demo's term evaluation: the district's copy of the default framework, the previous term published
 * for every school (so growth over terms shows), and the current demo term with the alliance and its
 * schools at each review step: published (with an award), reviewed by the alliance, submitted, returned
 * for revision and still in self-evaluation. Facts come from the services' term facts as they stand.
 * Runs once per district.
 */
export async function seedDemoEvaluation(app: INestApplicationContext, allianceId: string, schoolIds: string[]): Promise<string> {
  const dataSource = app.get(DataSource);
  const [{ district_id: districtId }]: { district_id: string }[] = await dataSource.query('SELECT district_id FROM directory_alliance WHERE id = $1', [allianceId]);
  const [existing] = await dataSource.query('SELECT 1 FROM eval_framework WHERE district_id = $1', [districtId]);
  if (existing) return 'the demo evaluation exists already';
  const frameworks = app.get(FrameworksService);
  const evaluations = app.get(EvaluationsService);
  const term = DEMO_EXAM.term;
  const before = previousTerm(term);
  const framework = await frameworks.create(DISTRICT, { districtId, name: '清溪县教联体考核评价指标体系', term: before });
  const step = (id: string, action: EvaluationAction, by: AccessScope, comment?: string) => evaluations.transition(by, id, action, comment);
  const current = async (t: string, schoolId: string | null): Promise<string> => {
    const [row]: { id: string }[] = await dataSource.query(
      'SELECT id FROM eval_evaluation WHERE alliance_id = $1 AND term = $2 AND school_id IS NOT DISTINCT FROM $3 AND NOT superseded', [allianceId, t, schoolId]);
    return (row as { id: string }).id;
  };

  // last term: everything published
  await evaluations.open(DISTRICT, { frameworkId: framework.id, term: before, allianceId });
  for (const [i, schoolId] of schoolIds.entries()) {
    const id = await current(before, schoolId);
    await evaluations.score(SCHOOL, id, { scores: scores(6 + (i % 3)) });
    await step(id, 'submit', SCHOOL);
    await step(id, 'approve', ALLIANCE, '同意');
    await step(id, 'publish', DISTRICT, '审核通过');
  }
  const lastAlliance = await current(before, null);
  await evaluations.score(ALLIANCE, lastAlliance, { scores: scores(7) });
  await step(lastAlliance, 'submit', ALLIANCE);
  await step(lastAlliance, 'publish', DISTRICT, '审核通过');

  // this term: one evaluation at each step
  await evaluations.open(DISTRICT, { frameworkId: framework.id, term, allianceId });
  const [first, second, third, fourth] = schoolIds;
  const results = app.get(ResultsService);
  if (first) {
    const id = await current(term, first);
    await evaluations.score(SCHOOL, id, { scores: scores(9) });
    await step(id, 'submit', SCHOOL, '自评材料已齐备');
    await evaluations.score(ALLIANCE, id, { scores: scores(8.5) });
    await step(id, 'approve', ALLIANCE, '材料翔实，同意');
    await step(id, 'publish', DISTRICT, '审核通过，予以发布');
    await results.createAward(DISTRICT, { evaluationId: id, title: '优秀成员校', citation: '教师交流与资源共享成效突出，统一检测超均率位居联盟前列' });
  }
  if (second) {
    const id = await current(term, second);
    await evaluations.score(SCHOOL, id, { scores: scores(8) });
    await step(id, 'submit', SCHOOL);
    await evaluations.score(ALLIANCE, id, { scores: scores(7.5) });
    await step(id, 'approve', ALLIANCE, '同意，提请教育局审核');
  }
  if (third) {
    const id = await current(term, third);
    await evaluations.score(SCHOOL, id, { scores: scores(7) });
    await step(id, 'submit', SCHOOL, '请联盟审核');
  }
  if (fourth) {
    const id = await current(term, fourth);
    await evaluations.score(SCHOOL, id, { scores: scores(6) });
    await step(id, 'submit', SCHOOL);
    await step(id, 'return', ALLIANCE, '请补充送教下乡的听课记录');
  }
  const allianceEvaluation = await current(term, null);
  await evaluations.score(ALLIANCE, allianceEvaluation, { scores: scores(8) });
  await step(allianceEvaluation, 'submit', ALLIANCE, '联盟自评已完成');
  return `framework, ${schoolIds.length + 1} evaluations of ${before} (published) and of ${term} at each review step`;
}

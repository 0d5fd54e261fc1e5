import type { SurveyAudience } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SurveyAnswersService } from '../surveys/survey-answers.service.js';
import { SurveysService } from '../surveys/surveys.service.js';
import { DEMO_EXAM } from './demo-scores.js';

export const DEMO_SURVEY_TITLE = '2026-2027 学年第一学期家长满意度调查';

/**
 * Parents' answers per demo school: enough at four schools to show their results, three at 枫岭村小学
 * so that the console shows "fewer than 5 responses" there and the satisfaction indicator leaves it out.
 */
export const DEMO_SURVEY_PARENTS: Record<string, number> = {
  清溪县实验小学: 12, 临溪镇中心小学: 8, 白沙乡溪口村小学: 6, 临溪镇下湾村小学: 5, 临溪镇枫岭村小学: 3,
};

const QUESTIONS = [
  { kind: 'likert' as const, title: '您对孩子所在学校与联盟学校合作办学的总体满意度', required: true, satisfaction: true },
  { kind: 'likert' as const, title: '您对联盟送教、走教老师课堂教学的满意度', required: true, satisfaction: true },
  { kind: 'single' as const, title: '孩子本学期是否参加过联盟组织的活动（科技节、研学、劳动实践等）', options: ['参加过多次', '参加过一次', '没有参加'] },
  { kind: 'multiple' as const, title: '您最希望联盟加强哪些方面', options: ['课堂教学质量', '课后服务', '家校沟通', '心理健康教育', '体育艺术活动'] },
  { kind: 'text' as const, title: '您对学校和联盟办学的意见和建议' },
];

const SUGGESTIONS = [
  '希望多组织科技节这样的活动', '送教老师讲得很好，孩子很喜欢', '希望课后服务时间更灵活', '建议增加家长开放日', '希望城里学校的老师多来上课',
  '孩子参加了研学，回来很兴奋', '村小的音乐美术课希望能多开一些', '希望能通过手机及时看到孩子在校情况', '作业量适中，谢谢老师', '', '', '',
];

/** A small deterministic generator, so the demo reads the same on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A district template and the demo alliance's anonymous parent survey made from it, opened, with parents'
 * answers given through one-time links (the real path: links issued, then answered), a few links left
 * unused. Runs once: a survey of the same title in the alliance means it has been seeded.
 */
export async function seedDemoSurveys(app: INestApplicationContext, scope: AccessScope, allianceId: string, schools: Map<string, string>, now = new Date()): Promise<string> {
  const dataSource = app.get(DataSource);
  const [existing] = await dataSource.query('SELECT id FROM survey WHERE alliance_id = $1 AND title = $2', [allianceId, DEMO_SURVEY_TITLE]);
  if (existing) return 'the demo survey exists already';
  const [{ district_id: districtId }]: { district_id: string }[] = await dataSource.query('SELECT district_id FROM directory_alliance WHERE id = $1', [allianceId]);
  const surveys = app.get(SurveysService);
  const template = await surveys.createTemplate(scope, { districtId, title: '家长满意度调查（通用）', description: '每学期末面向家长的满意度调查，匿名填写。', questions: QUESTIONS });
  const survey = await surveys.create(scope, {
    title: DEMO_SURVEY_TITLE, description: '本问卷匿名填写，学校和联盟看不到您是谁，只看到 5 份以上答卷汇总后的结果。', term: DEMO_EXAM.term, level: 'alliance', allianceId,
    audiences: ['parents', 'teachers'], opensAt: new Date(now.getTime() - 14 * 86_400_000).toISOString(), closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
    anonymous: true, templateId: template.id,
  }, now);
  await surveys.transition(scope, survey.id, 'open', now);
  const answers = app.get(SurveyAnswersService);
  const next = random(20261207);
  let total = 0;
  for (const [name, count] of Object.entries(DEMO_SURVEY_PARENTS)) {
    const schoolId = schools.get(name);
    if (!schoolId) continue;
    const audience: SurveyAudience = 'parents';
    const batch = await answers.issueTokens(scope, survey.id, { schoolId, audience, count: count + 3, label: `${name}家长` });
    // the core school's parents are a little happier than the villages'
    const lean = name === '清溪县实验小学' ? 0.6 : 0.2;
    for (const link of batch.links.slice(0, count)) {
      const point = (): number => Math.min(5, Math.max(1, Math.round(3 + lean + (next() - 0.35) * 2.6)));
      const suggestion = SUGGESTIONS[Math.floor(next() * SUGGESTIONS.length)] ?? '';
      await answers.publicAnswer(link.token, [
        { questionId: 'q1', value: point() }, { questionId: 'q2', value: point() }, { questionId: 'q3', choices: [Math.floor(next() * 3)] },
        { questionId: 'q4', choices: [...new Set([Math.floor(next() * 5), Math.floor(next() * 5)])] }, ...(suggestion ? [{ questionId: 'q5', text: suggestion }] : []),
      ], now);
      total += 1;
    }
  }
  return `${DEMO_SURVEY_TITLE} open with ${total} parents' answers`;
}

import {
  AssessmentSubjects, SURVEY_SATISFACTION_FACT, termFactsSubject, type TermFactsView, type IssuedTokensView, type PublicSurveyView, type SurveyResultsView, type SurveyTemplateView,
  type SurveyDeadlineView, type SurveyView,
} from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';
import { SurveyTermFactSource } from './survey-results.service.js';

/*
 * Surveys against real PostgreSQL and NATS: a district template, an alliance's parent survey made from it,
 * one-time links that answer once (also when two answers race), teachers answering signed in, and what the
 * tables hold afterwards: nothing that ties a token or an account to an anonymous response. Results, the
 * export and the satisfaction fact leave out the village school's small group.
 */
const district = randomUUID();
const otherDistrict = randomUUID();
const alliance = randomUUID();
const EAST = { id: randomUUID(), name: '东湖实验学校', code: '3302000001', member: true };
const WEST = { id: randomUUID(), name: '西山镇中学', code: '3302000002', member: true };
const VILLAGE = { id: randomUUID(), name: '南岭村小学', code: '3302000003', member: true };

const districtAdmin = [{ role: 'district_admin' as const, districtId: district }];
const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const schoolAdminEast = [{ role: 'school_admin' as const, districtId: district, schoolId: EAST.id }];
const teacherAt = (schoolId: string) => [{ role: 'teacher' as const, districtId: district, schoolId }];
const foreignAdmin = [{ role: 'district_admin' as const, districtId: otherDistrict }];

const QUESTIONS = [
  { kind: 'likert', title: '您对联盟办学的总体满意度', required: true, satisfaction: true },
  { kind: 'single', title: '孩子在校是否愉快', options: ['愉快', '一般', '不愉快'] },
  { kind: 'text', title: '您的意见和建议' },
];

let h: Harness;
let template: SurveyTemplateView;
let survey: SurveyView;

const hourAgo = (): string => new Date(Date.now() - 3600_000).toISOString();
const nextWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString();

async function issue(schoolId: string, count: number, audience = 'parents'): Promise<IssuedTokensView> {
  return h.as(allianceAdmin)<IssuedTokensView>(AssessmentSubjects.surveyTokensIssue, { id: survey.id, body: { schoolId, audience, count, linkBase: 'https://jl.example.cn/' } });
}
const answer = (token: string, value: number, text?: string) => h.bus.request(
  AssessmentSubjects.surveyPublicAnswer,
  { token, body: { answers: [{ questionId: 'q1', value }, ...(text ? [{ questionId: 'q3', text }] : [])] } },
  { callerToken: '' },
);
const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await h.db.query(sql, params)).rows[0].n);

beforeAll(async () => {
  h = await startHarness('assessment_surveys_it');
  await h.announce(allianceEvents(district, alliance, [EAST, WEST, VILLAGE]));
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('templates and surveys', () => {
  it('lets the district admin keep a template, and no one else', async () => {
    template = await h.as(districtAdmin)<SurveyTemplateView>(AssessmentSubjects.surveyTemplateCreate, { title: '家长满意度调查', questions: QUESTIONS });
    expect(template.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    await expect(h.as(allianceAdmin)(AssessmentSubjects.surveyTemplateCreate, { districtId: district, title: 'x', questions: QUESTIONS }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'assessment.survey.template-forbidden' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.surveyTemplateGet, { id: template.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('answers a template change with the changed template', async () => {
    const changed = await h.as(districtAdmin)<SurveyTemplateView>(AssessmentSubjects.surveyTemplateUpdate, { id: template.id, changes: { title: '家长满意度调查（修订）' } });
    expect(changed).toMatchObject({ id: template.id, title: '家长满意度调查（修订）', canEdit: true });
    expect(changed.questions).toEqual(template.questions);
    template = changed;
  });

  it('lets the alliance admin start a survey from the template, covering the active member schools', async () => {
    survey = await h.as(allianceAdmin)<SurveyView>(AssessmentSubjects.surveyCreate, {
      title: '2026-2027-1 家长满意度', term: '2026-2027-1', level: 'alliance', allianceId: alliance, audiences: ['parents', 'teachers'],
      opensAt: hourAgo(), closesAt: nextWeek(), anonymous: true, templateId: template.id,
    });
    expect(survey).toMatchObject({ status: 'draft', minGroupSize: 5, schoolCount: 3, canManage: true, templateId: template.id, accepting: false });
    expect(survey.questions).toEqual(template.questions);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'survey.created' AND entity_id = $1", [survey.id])).toBe(1);
  });

  it('refuses a survey of another alliance or district (404), a threshold under 3 and a school admin at alliance level (403)', async () => {
    const body = { title: 'x', term: '2026-2027-1', level: 'alliance', allianceId: alliance, audiences: ['parents'], opensAt: hourAgo(), closesAt: nextWeek(), anonymous: true, questions: QUESTIONS };
    await expect(h.as(foreignAdmin)(AssessmentSubjects.surveyCreate, body)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(schoolAdminEast)(AssessmentSubjects.surveyCreate, body)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(h.as(allianceAdmin)(AssessmentSubjects.surveyCreate, { ...body, minGroupSize: 2 })).rejects.toMatchObject({ kind: 'validation-failed' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.surveyGet, { id: survey.id })).rejects.toMatchObject({ kind: 'not-found' });
    // a teacher does not see a draft
    await expect(h.as(teacherAt(EAST.id))(AssessmentSubjects.surveyGet, { id: survey.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('keeps a feedback survey of an activity occurrence, listed by its activity (activities not running: kept as given)', async () => {
    const activityId = randomUUID();
    const body = {
      title: '送教活动反馈', term: '2026-2027-1', level: 'alliance', allianceId: alliance, audiences: ['teachers'], opensAt: hourAgo(), closesAt: nextWeek(),
      anonymous: false, questions: [{ kind: 'likert', title: '本次活动对您的教学有帮助吗', required: true }],
    };
    await expect(h.as(allianceAdmin)(AssessmentSubjects.surveyCreate, { ...body, occurrenceStart: '2026-10-15T06:00:00Z' }))
      .rejects.toMatchObject({ kind: 'validation-failed', code: 'assessment.survey.occurrence-without-activity' });
    const feedback = await h.as(allianceAdmin)<SurveyView>(AssessmentSubjects.surveyCreate, { ...body, activityId, occurrenceStart: '2026-10-15T06:00:00Z' });
    expect(feedback).toMatchObject({ activityId, occurrenceStart: '2026-10-15T06:00:00.000Z', anonymous: false });
    const listed = await h.as(allianceAdmin)<{ items: SurveyView[] }>(AssessmentSubjects.surveyList, { activityId });
    expect(listed.items.map((s) => s.id)).toEqual([feedback.id]);
  });

  it('opens the survey', async () => {
    survey = await h.as(allianceAdmin)<SurveyView>(AssessmentSubjects.surveyTransition, { id: survey.id, body: { action: 'open' } });
    expect(survey).toMatchObject({ status: 'open', accepting: true });
    await expect(h.as(allianceAdmin)(AssessmentSubjects.surveyUpdate, { id: survey.id, changes: { questions: QUESTIONS } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'assessment.survey.not-draft' });
  });
});

describe('one-time links', () => {
  let links: IssuedTokensView['links'];

  it('issues links once, keeping only hashes of the tokens', async () => {
    const batch = await issue(EAST.id, 8);
    links = batch.links;
    expect(batch).toMatchObject({ count: 8, used: 0, audience: 'parents', school: { id: EAST.id, name: EAST.name } });
    expect(new Set(links.map((l) => l.token)).size).toBe(8);
    expect(links[0]?.url).toBe(`https://jl.example.cn/s/${links[0]?.token}`);
    const stored = (await h.db.query('SELECT token_hash FROM survey_token')).rows.map((r: { token_hash: string }) => r.token_hash);
    for (const link of links) expect(stored).not.toContain(link.token);
    await expect(h.as(allianceAdmin)(AssessmentSubjects.surveyTokensIssue, { id: survey.id, body: { schoolId: randomUUID(), audience: 'parents', count: 1 } }))
      .rejects.toMatchObject({ kind: 'validation-failed' });
    await expect(h.as(teacherAt(EAST.id))(AssessmentSubjects.surveyTokensIssue, { id: survey.id, body: { schoolId: EAST.id, audience: 'parents', count: 1 } }))
      .rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('shows the questionnaire without a caller, and answers once per link', async () => {
    const token = links[0]!.token;
    const view = await h.bus.request<PublicSurveyView>(AssessmentSubjects.surveyPublicGet, { token }, { callerToken: '' });
    expect(view).toMatchObject({ title: survey.title, schoolName: EAST.name, audience: 'parents', anonymous: true });
    await expect(answer(token, 5)).resolves.toEqual({ accepted: true });
    await expect(answer(token, 1)).rejects.toMatchObject({ kind: 'conflict', code: 'assessment.survey.link-used' });
    await expect(h.bus.request(AssessmentSubjects.surveyPublicGet, { token }, { callerToken: '' })).rejects.toMatchObject({ code: 'assessment.survey.link-used' });
    await expect(h.bus.request(AssessmentSubjects.surveyPublicGet, { token: 'x'.repeat(22) }, { callerToken: '' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses bad answers without using the link', async () => {
    const token = links[1]!.token;
    await expect(h.bus.request(AssessmentSubjects.surveyPublicAnswer, { token, body: { answers: [{ questionId: 'q2', choices: [0] }] } }, { callerToken: '' }))
      .rejects.toMatchObject({ kind: 'validation-failed', code: 'assessment.survey.answer-required' });
    await expect(answer(token, 4, '食堂饭菜可以更好')).resolves.toEqual({ accepted: true });
  });

  it('lets exactly one of two racing answers through the same link in', async () => {
    const token = links[2]!.token;
    const outcomes = await Promise.allSettled([answer(token, 4), answer(token, 4), answer(token, 4)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await count('SELECT count(*) AS n FROM survey_response WHERE survey_id = $1', [survey.id])).toBe(3);
    for (const link of links.slice(3, 6)) await answer(link.token, 3);
  });

  it('keeps nothing that ties a token to an anonymous response', async () => {
    const columns = async (table: string): Promise<string[]> => (await h.db.query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'assessment' AND table_name = $1 ORDER BY ordinal_position", [table],
    )).rows.map((r: { column_name: string }) => r.column_name);
    expect(await columns('survey_token')).toEqual(['token_hash', 'batch_id', 'used']);
    expect(await columns('survey_participant')).toEqual(['survey_id', 'account_id']);
    expect(await columns('survey_response')).toEqual(['id', 'survey_id', 'school_id', 'audience', 'submitted_on', 'respondent_id', 'answers']);
    const responses = (await h.db.query('SELECT * FROM survey_response WHERE survey_id = $1', [survey.id])).rows;
    expect(responses).toHaveLength(6);
    for (const r of responses) {
      expect(r.respondent_id).toBeNull();
      expect(r.submitted_on).toBeInstanceOf(Date);
      const text = JSON.stringify(r);
      for (const link of links) expect(text).not.toContain(link.token);
    }
    // no transaction wrote both a token's claim and a response
    const tokenXids = (await h.db.query('SELECT xmin::text AS x FROM survey_token WHERE used')).rows.map((r: { x: string }) => r.x);
    const responseXids = (await h.db.query('SELECT xmin::text AS x FROM survey_response')).rows.map((r: { x: string }) => r.x);
    expect(tokenXids.filter((x: string) => responseXids.includes(x))).toEqual([]);
    // nor did an audit record of an answer
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'survey.answer%' OR action LIKE 'survey.respon%'")).toBe(0);
  });
});

describe('signed-in teachers', () => {
  it('lists the survey for a teacher of a covered school, takes one answer and no second', async () => {
    const teacher = teacherAt(WEST.id);
    const ask = h.as(teacher);
    // h.as signs a new account per call: use one token for the same teacher
    const { CallerTokens, loadKitConfig } = await import('@jiaolian/service-kit');
    const tokens = new CallerTokens(loadKitConfig().jwtSecret);
    const callerToken = await tokens.sign({ kind: 'user', id: randomUUID(), displayName: '李老师', assignments: teacher }, 600);
    const asTeacher = <T>(subject: string, data: unknown): Promise<T> => h.bus.request<T>(subject, data, { callerToken });
    const mine = await asTeacher<SurveyView[]>(AssessmentSubjects.surveyMine, {});
    expect(mine.map((s) => s.id)).toContain(survey.id);
    await expect(asTeacher(AssessmentSubjects.surveyRespond, { id: survey.id, body: { answers: [{ questionId: 'q1', value: 4 }] } })).resolves.toEqual({ accepted: true });
    await expect(asTeacher(AssessmentSubjects.surveyRespond, { id: survey.id, body: { answers: [{ questionId: 'q1', value: 4 }] } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'assessment.survey.already-answered' });
    expect((await asTeacher<SurveyView[]>(AssessmentSubjects.surveyMine, {})).map((s) => s.id)).not.toContain(survey.id);
    expect(await asTeacher<SurveyView>(AssessmentSubjects.surveyGet, { id: survey.id })).toMatchObject({ canAnswer: false, canManage: false });
    // teachers answer; they do not read results
    await expect(ask(AssessmentSubjects.surveyResults, { id: survey.id })).rejects.toMatchObject({ kind: 'forbidden' });
    const stored = (await h.db.query("SELECT respondent_id FROM survey_response WHERE survey_id = $1 AND audience = 'teachers'", [survey.id])).rows;
    expect(stored).toEqual([{ respondent_id: null }]);
  });
});

describe('results under the threshold', () => {
  beforeAll(async () => {
    // the village school: 2 parents, one of them writing something that would give them away
    const village = await issue(VILLAGE.id, 3);
    await answer(village.links[0]!.token, 1, '三年级王老师经常体罚学生');
    await answer(village.links[1]!.token, 1);
    // the west school: 5 parents
    const west = await issue(WEST.id, 5);
    for (const link of west.links) await answer(link.token, 5, '很满意');
  });

  it('shows groups of 5 or more and only "fewer than 5" for the others, to the managers', async () => {
    const results = await h.as(allianceAdmin)<SurveyResultsView>(AssessmentSubjects.surveyResults, { id: survey.id });
    const group = (schoolId: string, audience: string) => results.groups.find((g) => g.school?.id === schoolId && g.audience === audience);
    expect(group(EAST.id, 'parents')).toMatchObject({ shown: true, responses: 6 });
    expect(group(WEST.id, 'parents')).toMatchObject({ shown: true, responses: 5 });
    expect(group(VILLAGE.id, 'parents')).toMatchObject({ shown: false, responses: null, questions: [] });
    expect(group(WEST.id, 'teachers')).toMatchObject({ shown: false, responses: null });
    expect(results.shownResponses).toBe(11);
    expect(JSON.stringify(results)).not.toContain('体罚');
    expect(results.overall[2]?.texts).toContain('食堂饭菜可以更好');
    const bySchool = await h.as(allianceAdmin)<SurveyResultsView>(AssessmentSubjects.surveyResults, { id: survey.id, breakdown: 'school' });
    expect(bySchool.groups.find((g) => g.school?.id === VILLAGE.id)).toMatchObject({ shown: false });
  });

  it('shows a school admin only their own school', async () => {
    const results = await h.as(schoolAdminEast)<SurveyResultsView>(AssessmentSubjects.surveyResults, { id: survey.id });
    expect(new Set(results.groups.map((g) => g.school?.id))).toEqual(new Set([EAST.id]));
    expect(results.shownResponses).toBe(6);
  });

  it('exports only the groups shown', async () => {
    const file = await h.as(allianceAdmin)<{ key: string; filename: string }>(AssessmentSubjects.surveyResultsExport, { id: survey.id });
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.value)); })));
    const text = cells.join('\n');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总体', `1 ${EAST.name} · 家长`, `2 ${WEST.name} · 家长`, '未显示的组']);
    expect(text).not.toContain('体罚');
    expect(text).toContain('食堂饭菜可以更好');
    expect(text).toContain(`${VILLAGE.name} · 家长`);
  });

  it('feeds satisfaction per school from the groups shown only, scaled to 0–1', async () => {
    const sut = h.app.get(SurveyTermFactSource);
    const facts = await sut.facts(district, '2026-2027-1');
    const bySchool = Object.fromEntries(facts.map((f) => [f.schoolId, f]));
    // east parents: 5, 4, 4, 3, 3, 3 → scaled 1, .75, .75, .5, .5, .5 = 4 over 6
    expect(bySchool[EAST.id]).toEqual({ key: SURVEY_SATISFACTION_FACT, schoolId: EAST.id, value: 0.6667, numerator: 4, denominator: 6 });
    expect(bySchool[WEST.id]).toEqual({ key: SURVEY_SATISFACTION_FACT, schoolId: WEST.id, value: 1, numerator: 5, denominator: 5 });
    expect(bySchool[VILLAGE.id]).toBeUndefined();
    expect(await sut.facts(otherDistrict, '2026-2027-1')).toEqual([]);
    expect(await sut.facts(district, '2025-2026-2')).toEqual([]);
    // the service's term facts (what the term evaluation asks over NATS) carry the same figures
    const answered = await h.as(districtAdmin)<TermFactsView>(termFactsSubject('assessment'), { districtId: district, term: '2026-2027-1', keys: [SURVEY_SATISFACTION_FACT] });
    expect(answered.facts.filter((f) => f.key === SURVEY_SATISFACTION_FACT).sort((a, b) => a.value - b.value)).toEqual([bySchool[EAST.id], bySchool[WEST.id]]);
  });

  it('takes no answer once closed', async () => {
    const spare = await issue(EAST.id, 1);
    await h.as(allianceAdmin)(AssessmentSubjects.surveyTransition, { id: survey.id, body: { action: 'close' } });
    const before = await count('SELECT count(*) AS n FROM survey_response WHERE survey_id = $1', [survey.id]);
    await expect(answer(spare.links[0]!.token, 5)).rejects.toMatchObject({ kind: 'conflict', code: 'assessment.survey.closed' });
    expect(await count('SELECT count(*) AS n FROM survey_response WHERE survey_id = $1', [survey.id])).toBe(before);
    expect(await count('SELECT count(*) AS n FROM survey_token WHERE batch_id = $1 AND used', [spare.id])).toBe(0);
  });
});

describe('deadlines for the notification centre', () => {
  it('tells only the platform\'s own services which surveys close in a window, with counts per school and who has answered', async () => {
    const { CallerTokens, loadKitConfig } = await import('@jiaolian/service-kit');
    const tokens = new CallerTokens(loadKitConfig().jwtSecret);
    const asSystem = async <T>(data: unknown): Promise<T> =>
      h.bus.request<T>(AssessmentSubjects.surveyDeadlines, data, { callerToken: await tokens.signSystem('integrations-reminders', 60) });
    const window = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 3 * 86_400_000).toISOString() };
    // the survey closed early above: its deadline is the moment it was closed, within the window
    const found = (await asSystem<SurveyDeadlineView[]>(window)).find((s) => s.id === survey.id);
    const responses = await count('SELECT count(*) AS n FROM survey_response WHERE survey_id = $1', [survey.id]);
    const teachers = (await h.db.query('SELECT account_id FROM survey_participant WHERE survey_id = $1', [survey.id])).rows.map((r: { account_id: string }) => r.account_id);
    expect(found).toMatchObject({ status: 'closed', level: 'alliance', allianceId: alliance, responseCount: responses, answeredAccountIds: teachers });
    expect(teachers).toHaveLength(1);
    expect(Date.parse(found!.closedAt)).toBeLessThan(Date.parse(found!.closesAt));
    expect(found!.schools.map((s) => s.name).sort()).toEqual([EAST.name, WEST.name, VILLAGE.name].sort());
    expect(found!.schools.reduce((n, s) => n + s.responses, 0)).toBe(responses);
    // a draft has no deadline yet; a window that does not hold the deadline leaves it out
    const later = { from: new Date(Date.now() + 86_400_000).toISOString(), to: new Date(Date.now() + 2 * 86_400_000).toISOString() };
    expect((await asSystem<SurveyDeadlineView[]>(later)).map((s) => s.id)).not.toContain(survey.id);
    await expect(h.as(districtAdmin)(AssessmentSubjects.surveyDeadlines, window)).rejects.toMatchObject({ kind: 'forbidden', code: 'assessment.survey.deadlines-system-only' });
    await expect(asSystem({ from: window.to, to: window.from })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'to' })] });
  });
});

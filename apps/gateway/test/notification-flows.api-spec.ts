import { startStack, startWeComReceiver, type RobotReceiver, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * The notification centre end to end, through the gateway, real NATS and PostgreSQL and the built
 * services: a facility booking asked and decided, a school's application to join an alliance, a term
 * evaluation going through its steps and a survey nearing its deadline each reach the bells of those who
 * must act (and only theirs) and the WeCom group of the school or alliance (a local receiver that checks
 * what WeCom checks). A survey reminder goes out once, however often the reminder pass runs and when the
 * integrations service is killed and started again.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const TERM = '2026-2027-1';
const DAY = 86_400_000;
/** activities (whose action items the other pass asks about) is not part of this stack */
const REMIND_SURVEYS = { REMIND_PASSES: 'surveys' };

interface Notification { id: string; kind: string; title: string; body: string; link: string | null }

let stack: RunningStack;
let api: Api;
let coreGroup: RobotReceiver & { webhookUrl: string };
let allianceGroup: RobotReceiver & { webhookUrl: string };
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);

const until = async <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
const bell = async (who: string, kind?: string): Promise<Notification[]> =>
  (await api('GET', `/api/v1/notifications?pageSize=100${kind ? `&kind=${kind}` : ''}`, { token: t[who]!, headers: { 'accept-language': 'zh-CN' } })).body.items as Notification[];
const unread = async (who: string): Promise<number> => (await api('GET', '/api/v1/notifications/unread-count', { token: t[who]! })).body.unread as number;
const posts = (group: RobotReceiver): string[] => group.messages.map((m) => (m.body as { markdown: { content: string } }).markdown.content);
/** Everybody of the test world but those named: none of them may have a notification of the kind. */
const nobodyElse = async (kind: string, ...recipients: string[]): Promise<void> => {
  for (const who of ['districtA', 'allianceAdmin', 'coreHead', 'villageHead', 'applicantHead', 'villageTeacher', 'villageTeacher2', 'districtB']) {
    if (!recipients.includes(who)) expect([who, (await bell(who, kind)).length]).toEqual([who, 0]);
  }
};

beforeAll(async () => {
  coreGroup = await startWeComReceiver('core-group');
  allianceGroup = await startWeComReceiver('alliance-group');
  stack = await startStack({
    services: ['membership', 'curriculum', 'assessment', 'integrations'],
    // four services and the gateway on a shared two-core machine can take more than the default minute to come up
    readyTimeoutMs: 150_000,
    // the service's own reminder pass runs every few seconds beside the passes the test starts
    env: {
      RATE_LIMIT_DISABLED: 'true', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', CONSOLE_PUBLIC_URL: 'https://jiaolian.example.cn', NOTIFICATION_REMINDER_INTERVAL_MS: '3000',
    },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await seed.login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    ids[`d${key}`] = (await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } })).body.id;
  }
  ids['core'] = await seed.school(ids['dA']!, '实验小学');
  ids['village'] = await seed.school(ids['dA']!, '下湾村小学');
  ids['applicant'] = await seed.school(ids['dA']!, '溪口村小学');
  ids['alliance'] = await seed.alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['allianceAdmin'] = await seed.person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['coreHead'] = await seed.person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await seed.person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['applicantHead'] = await seed.person(ids['dA']!, 'applicant.head', { role: 'school_admin', schoolId: ids['applicant']! });
  t['villageTeacher'] = await seed.person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['villageTeacher2'] = await seed.person(ids['dA']!, 'village.teacher2', { role: 'teacher', schoolId: ids['village']! });
  await seed.directorySees('curriculum', t['allianceAdmin']!, ids['alliance']!, 2);
  await seed.directorySees('assessment', t['allianceAdmin']!, ids['alliance']!, 2);

  // the core school's and the alliance's WeCom groups (integrations learns of the school and alliance from events: retry until it has)
  const robot = async (token: string, body: object): Promise<void> => {
    const created = await until(() => api('POST', '/api/v1/notifications/robots', { token, body }), (r) => r.status !== 404);
    expect(created.status).toBe(201);
  };
  await robot(t['coreHead']!, {
    ownerType: 'school', ownerId: ids['core'], channel: 'wecom', name: '实验小学教务群', webhookUrl: coreGroup.webhookUrl, kinds: ['booking.requested', 'survey.closing-soon'],
  });
  await robot(t['allianceAdmin']!, {
    ownerType: 'alliance', ownerId: ids['alliance'], channel: 'wecom', name: '教联体秘书处群', webhookUrl: allianceGroup.webhookUrl,
    kinds: ['join-request.created', 'evaluation.review-requested'],
  });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await coreGroup?.close();
  await allianceGroup?.close();
});

describe('notifications through the whole stack', () => {
  it('asks the facility\'s school to decide a booking (bell and WeCom group) and tells the requester the decision, nobody else', async () => {
    const lab = await api('POST', '/api/v1/curriculum/facilities', {
      token: t['coreHead'], body: { schoolId: ids['core'], kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五 14:00–17:00' },
    });
    expect(lab.status).toBe(201);
    const start = new Date(Date.now() + 5 * DAY);
    start.setUTCHours(6, 0, 0, 0);
    const booking = await api('POST', '/api/v1/curriculum/bookings', {
      token: t['villageTeacher'],
      body: { facilityId: lab.body.id, schoolId: ids['village'], purpose: '科学课', attendees: 30, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString() },
    });
    expect(booking.status).toBe(201);

    const [asked] = await until(() => bell('coreHead', 'booking.requested'), (n) => n.length > 0);
    expect(asked).toMatchObject({ title: '待审批：科学实验室的预约', link: '/curriculum/bookings' });
    expect(asked!.body).toContain('申请预约科学实验室');
    const groupPost = await until(async () => posts(coreGroup).filter((p) => p.includes('科学实验室')), (p) => p.length > 0);
    expect(groupPost).toEqual([expect.stringMatching(/^### 待审批：科学实验室的预约/)]);
    expect(groupPost[0]).toContain('[查看详情](https://jiaolian.example.cn/curriculum/bookings)');
    await nobodyElse('booking.requested', 'coreHead');

    expect((await api('POST', `/api/v1/curriculum/bookings/${booking.body.id}/approve`, { token: t['coreHead'] })).status).toBe(200);
    const [approved] = await until(() => bell('villageTeacher', 'booking.approved'), (n) => n.length > 0);
    expect(approved).toMatchObject({ title: '预约已批准：科学实验室' });
    await nobodyElse('booking.approved', 'villageTeacher');
    // the group asked only for requests
    expect(posts(coreGroup).filter((p) => p.includes('预约已批准'))).toEqual([]);
    // another person's notification answers 404, as a missing one does
    expect((await api('POST', `/api/v1/notifications/${approved!.id}/read`, { token: t['villageHead'] })).status).toBe(404);
  });

  it('puts a school\'s application to join in the alliance admin\'s bell and the alliance\'s WeCom group', async () => {
    const applied = await api('POST', `/api/v1/alliances/${ids['alliance']}/applications`, { token: t['applicantHead'], body: { schoolId: ids['applicant'], message: '希望加入教联体' } });
    expect(applied.status).toBe(201);
    const [asked] = await until(() => bell('allianceAdmin', 'join-request.created'), (n) => n.length > 0);
    expect(asked).toMatchObject({ title: '待处理：溪口村小学申请加入实验小学教联体', link: '/join-requests' });
    const english = (await api('GET', '/api/v1/notifications?kind=join-request.created', { token: t['allianceAdmin'], headers: { 'accept-language': 'en' } })).body.items[0];
    expect(english.title).toBe('To decide: 溪口村小学 asks to join 实验小学教联体');
    await until(async () => posts(allianceGroup).filter((p) => p.includes('溪口村小学申请加入')), (p) => p.length === 1);
    await nobodyElse('join-request.created', 'allianceAdmin');
  });

  it('tells whoever acts next at each step of a term evaluation, and only them', async () => {
    const framework = await api('POST', '/api/v1/evaluation/frameworks', { token: t['districtA'], body: { districtId: ids['dA'], name: '2026 年考核指标', term: TERM } });
    expect(framework.status).toBe(201);
    const opened = await api('POST', '/api/v1/evaluation/evaluations', { token: t['districtA'], body: { frameworkId: framework.body.id, term: TERM } });
    expect(opened.status).toBe(201);
    const list = await api('GET', `/api/v1/evaluation/evaluations?term=${TERM}&pageSize=50`, { token: t['districtA'] });
    const village = (list.body.items as { id: string; schoolId: string | null }[]).find((e) => e.schoolId === ids['village'])!;

    // a new draft: each school's head and the alliance's admin (for the alliance's own), not the district that opened it
    const [draft] = await until(() => bell('villageHead', 'evaluation.opened'), (n) => n.length > 0);
    expect(draft).toMatchObject({ title: `待自评：下湾村小学 ${TERM} 学期考核评价`, link: `/evaluation/evaluations/${village.id}` });
    await until(() => bell('coreHead', 'evaluation.opened'), (n) => n.length === 1);
    await until(() => bell('allianceAdmin', 'evaluation.opened'), (n) => n.length === 1);
    await nobodyElse('evaluation.opened', 'villageHead', 'coreHead', 'allianceAdmin');

    const step = async (token: string, action: string, comment?: string): Promise<void> => {
      const answer = await api('POST', `/api/v1/evaluation/evaluations/${village.id}/transitions`, { token: t[token]!, body: comment ? { action, comment } : { action } });
      expect(answer.status).toBe(200);
    };
    await step('villageHead', 'submit');
    const [review] = await until(() => bell('allianceAdmin', 'evaluation.review-requested'), (n) => n.length > 0);
    expect(review!.body).toBe(`下湾村小学已提交下湾村小学的 ${TERM} 学期考核评价，请审核。`);
    await until(async () => posts(allianceGroup).filter((p) => p.includes('待审核：下湾村小学')), (p) => p.length === 1);

    await step('allianceAdmin', 'return', '请补充师徒结对佐证材料');
    const [returned] = await until(() => bell('villageHead', 'evaluation.returned'), (n) => n.length > 0);
    expect(returned!.body).toContain('意见：请补充师徒结对佐证材料');

    await step('villageHead', 'submit');
    await until(() => bell('allianceAdmin', 'evaluation.review-requested'), (n) => n.length === 2);
    await step('allianceAdmin', 'approve');
    const [districtReview] = await until(() => bell('districtA', 'evaluation.review-requested'), (n) => n.length > 0);
    expect(districtReview!.body).toBe(`实验小学教联体已提交下湾村小学的 ${TERM} 学期考核评价，请审核。`);
    await step('districtA', 'publish');
    const [published] = await until(() => bell('villageHead', 'evaluation.published'), (n) => n.length > 0);
    expect(published!.title).toBe(`考核评价已发布：下湾村小学（${TERM}）`);

    await nobodyElse('evaluation.review-requested', 'allianceAdmin', 'districtA');
    await nobodyElse('evaluation.returned', 'villageHead');
    await nobodyElse('evaluation.published', 'villageHead');
  });

  it('reminds those who have not answered a survey before its deadline once, whatever runs the pass and across a restart, and tells its owner when it closes', async () => {
    const created = await api('POST', '/api/v1/surveys', {
      token: t['allianceAdmin'],
      body: {
        title: '家校共育满意度调查', term: TERM, level: 'alliance', allianceId: ids['alliance'], audiences: ['parents', 'teachers'], anonymous: true,
        opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
        questions: [{ kind: 'likert', title: '您对联盟办学的总体满意度', required: true, satisfaction: true }],
      },
    });
    expect(created.status).toBe(201);
    const survey = created.body.id as string;
    expect((await api('POST', `/api/v1/surveys/${survey}/transitions`, { token: t['allianceAdmin'], body: { action: 'open' } })).status).toBe(200);
    expect((await api('POST', `/api/v1/surveys/${survey}/responses`, { token: t['villageTeacher'], body: { answers: [{ questionId: 'q1', value: 5 }] } })).status).toBe(201);

    await stack.run('remind', 'integrations', REMIND_SURVEYS);
    await stack.run('remind', 'integrations', REMIND_SURVEYS);
    const [due] = await bell('villageTeacher2', 'survey.answer-due');
    expect(due).toMatchObject({ title: '问卷即将截止：家校共育满意度调查', link: `/surveys/${survey}/answer` });
    expect(due!.body).toMatch(/^问卷“家校共育满意度调查”将于 \d{4}-\d\d-\d\d \d\d:\d\d 截止，您还没有填写。$/);
    const [soon] = await bell('coreHead', 'survey.closing-soon');
    expect(soon!.body).toContain('实验小学目前收到 0 份答卷');
    await nobodyElse('survey.answer-due', 'villageTeacher2');
    await nobodyElse('survey.closing-soon', 'coreHead', 'villageHead');
    await until(async () => posts(coreGroup).filter((p) => p.includes('问卷即将截止')), (p) => p.length === 1);

    // the integrations service dies and comes back; its own pass and another one-off pass send nothing again
    await stack.kill('integrations');
    await stack.start('integrations');
    await stack.run('remind', 'integrations', REMIND_SURVEYS);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await bell('villageTeacher2', 'survey.answer-due')).toHaveLength(1);
    expect(await bell('villageHead', 'survey.closing-soon')).toHaveLength(1);
    expect(posts(coreGroup).filter((p) => p.includes('问卷即将截止'))).toHaveLength(1);

    expect((await api('POST', `/api/v1/surveys/${survey}/transitions`, { token: t['allianceAdmin'], body: { action: 'close' } })).status).toBe(200);
    await stack.run('remind', 'integrations', REMIND_SURVEYS);
    await stack.run('remind', 'integrations', REMIND_SURVEYS);
    const closed = await bell('allianceAdmin', 'survey.closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.body).toMatch(/^您发起的问卷“家校共育满意度调查”已于 .+ 截止，共收到 1 份答卷。$/);
    await nobodyElse('survey.closed', 'allianceAdmin');
    expect(await unread('districtB')).toBe(0);
  }, 240_000);

  it('lists the new kinds among the preferences a person may turn off, and refuses an unknown one', async () => {
    const set = await api('PUT', '/api/v1/notifications/preferences', { token: t['villageTeacher2'], body: { mutedKinds: ['survey.answer-due', 'evaluation.published'], email: false } });
    expect(set.status).toBe(200);
    expect(set.body.mutedKinds).toEqual(['evaluation.published', 'survey.answer-due']);
    const refused = await api('PUT', '/api/v1/notifications/preferences', { token: t['villageTeacher2'], body: { mutedKinds: ['survey.nope'], email: false } });
    expect(refused.status).toBe(400);
  });
});

import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Activities through the gateway, as a third party uses it. Membership data is seeded through the
 * membership API; the tests wait until the activities directory has heard of it. One story in order.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const DAY = 86400_000;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, school, alliance } = seed;
/** A user with one role, signed in; the id is kept for the tests that name people. */
async function person(districtId: string, username: string, role: Record<string, string>): Promise<string> {
  const { id, token } = await seed.personWithId(districtId, username, role);
  ids[`user:${username}`] = id;
  return token;
}
const directorySees = (token: string, allianceId: string, schools: number): Promise<void> => seed.directorySees('activities', token, allianceId, schools);

const meeting = (over: Record<string, unknown> = {}): Record<string, unknown> => {
  const start = new Date(Date.now() + 3 * DAY);
  return {
    allianceId: ids['alliance'], organiserSchoolId: ids['core'], kind: 'joint_meeting', title: '联盟月度联席会议', description: '议程：月度工作回顾与部署',
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    place: { kind: 'school', schoolId: ids['core'], facilityName: '三楼会议室' }, audience: { teachers: true, studentGrades: [], parents: false },
    capacityPerSchool: 2, recurrence: { freq: 'monthly', interval: 1, count: 6 }, ...over,
  };
};

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'activities'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['outside'] = await school(ids['dA']!, '城东小学');
  ids['bCore'] = await school(ids['dB']!, '外县小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  ids['allianceB'] = await alliance(ids['dB']!, '外县联盟', ids['bCore']!, []);
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['outsideHead'] = await person(ids['dA']!, 'outside.head', { role: 'school_admin', schoolId: ids['outside']! });
  t['teacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  await directorySees(t['allianceAdmin']!, ids['alliance']!, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('activities', () => {
  it('lets the alliance admin schedule a monthly joint meeting: 201 with its RRULE and names', async () => {
    const answer = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], body: meeting() });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      kind: 'joint_meeting', rrule: 'FREQ=MONTHLY;INTERVAL=1;COUNT=6', timeZone: 'Asia/Shanghai', canManage: true,
      alliance: { id: ids['alliance'], name: '实验小学教联体' }, organiserSchool: { id: ids['core'], name: '实验小学' },
      place: { kind: 'school', school: { id: ids['core'], name: '实验小学' }, facilityName: '三楼会议室', url: null },
    });
    ids['meeting'] = answer.body.id;
  });

  it.each([
    ['endsAt', { endsAt: new Date(Date.now()).toISOString() }],
    ['place.url', { place: { kind: 'online' } }],
    ['recurrence', { recurrence: { freq: 'weekly', interval: 1 } }],
    ['kind', { kind: 'party' }],
  ])('answers 400 naming %s and schedules nothing', async (field, bad) => {
    const answer = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], body: meeting(bad) });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await api('GET', '/api/v1/activities', { token: t['allianceAdmin'] })).body.total).toBe(1);
  });

  it('refuses a teacher at the route (403) and answers 404 to a school outside the alliance (it cannot see the alliance)', async () => {
    expect((await api('POST', '/api/v1/activities', { token: t['teacher'], body: meeting() })).status).toBe(403);
    const outsider = await api('POST', '/api/v1/activities', { token: t['outsideHead'], body: meeting({ organiserSchoolId: ids['outside'] }) });
    expect(outsider.status).toBe(404);
  });

  it('lists and filters for members, expands occurrences for the calendar, and shows nothing to others', async () => {
    const list = await api('GET', `/api/v1/activities?allianceId=${ids['alliance']}&kind=joint_meeting`, { token: t['teacher'] });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([ids['meeting']]);
    expect(list.body.items[0].canManage).toBe(false);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 100 * DAY).toISOString();
    const occurrences = await api('GET', `/api/v1/activities/occurrences?from=${from}&to=${to}`, { token: t['teacher'] });
    expect(occurrences.status).toBe(200);
    expect(occurrences.body.items.length).toBeGreaterThanOrEqual(3);
    expect(occurrences.body.items.every((o: { activityId: string }) => o.activityId === ids['meeting'])).toBe(true);
    for (const who of ['districtB', 'outsideHead']) {
      expect((await api('GET', '/api/v1/activities', { token: t[who] })).body.total).toBe(0);
      expect((await api('GET', `/api/v1/activities/occurrences?from=${from}&to=${to}`, { token: t[who] })).body.items).toEqual([]);
    }
  });
});

describe('cancelling one occurrence', () => {
  it('cancels the second monthly meeting with a reason: 200, the others stay, a teacher gets 403, bad input 400 naming the field', async () => {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 100 * DAY).toISOString();
    const listed = await api('GET', `/api/v1/activities/occurrences?from=${from}&to=${to}`, { token: t['allianceAdmin'] });
    const second = listed.body.items[1].occurrenceStart as string;
    const path = `/api/v1/activities/${ids['meeting']}/occurrences/cancel`;

    expect((await api('POST', path, { token: t['teacher'], body: { occurrenceStart: second, reason: '期中考试' } })).status).toBe(403);
    for (const [field, body] of [['occurrenceStart', { occurrenceStart: 'next week', reason: '期中考试' }], ['reason', { occurrenceStart: second }]] as const) {
      const bad = await api('POST', path, { token: t['allianceAdmin'], body });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(PROBLEM);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }

    const answer = await api('POST', path, { token: t['allianceAdmin'], body: { occurrenceStart: second, reason: '期中考试' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ activityId: ids['meeting'], occurrenceStart: second, status: 'cancelled', cancelled: true, cancelReason: '期中考试' });
    const again = await api('POST', path, { token: t['allianceAdmin'], body: { occurrenceStart: second, reason: '期中考试' } });
    expect(again.status).toBe(409);

    const after = await api('GET', `/api/v1/activities/occurrences?from=${from}&to=${to}`, { token: t['teacher'] });
    expect(after.body.items.map((o: { status: string }) => o.status)).toEqual(listed.body.items.map((_: unknown, i: number) => (i === 1 ? 'cancelled' : 'scheduled')));
    expect((await api('GET', `/api/v1/activities/${ids['meeting']}`, { token: t['teacher'] })).body.status).toBe('scheduled');
  });
});

describe('registrations', () => {
  it('fills a school\'s places exactly under concurrent requests: 201 twice, 409 for the rest', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => api('POST', `/api/v1/activities/${ids['meeting']}/registrations`, {
      token: t['villageHead'], body: { schoolId: ids['village'], participantKind: 'teacher', participantName: `教师${i}` },
    })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    ids['registration'] = answers.find((a) => a.status === 201)!.body.id;
    const attendance = await api('GET', `/api/v1/activities/${ids['meeting']}/attendance`, { token: t['teacher'] });
    expect(attendance.body.schools).toEqual(expect.arrayContaining([
      { school: { id: ids['village'], name: '下湾村小学' }, registered: 2, checkedIn: 0, capacity: 2 },
      { school: { id: ids['core'], name: '实验小学' }, registered: 0, checkedIn: 0, capacity: 2 },
    ]));
  });

  it('lets a teacher register themselves, and frees a place on cancellation', async () => {
    const cancelled = await api('POST', `/api/v1/activities/registrations/${ids['registration']}/cancel`, { token: t['villageHead'] });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const self = await api('POST', `/api/v1/activities/${ids['meeting']}/registrations`, {
      token: t['teacher'], body: { schoolId: ids['village'], participantKind: 'teacher', participantName: 'village.teacher' },
    });
    expect(self.status).toBe(201);
  });

  it('checks a participant in on the day (the school admin), and counts it', async () => {
    const start = new Date(Date.now() + 60_000);
    const today = await api('POST', '/api/v1/activities', {
      token: t['coreHead'], body: meeting({ kind: 'demo', title: '今日展示课', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), recurrence: null }),
    });
    expect(today.status).toBe(201);
    ids['today'] = today.body.id;
    const reg = await api('POST', `/api/v1/activities/${ids['today']}/registrations`, { token: t['villageHead'], body: { schoolId: ids['village'], participantKind: 'teacher', participantName: '王老师' } });
    ids['todayRegistration'] = reg.body.id;
    expect((await api('POST', `/api/v1/activities/registrations/${reg.body.id}/check-in`, { token: t['teacher'] })).status).toBe(403);
    const checked = await api('POST', `/api/v1/activities/registrations/${reg.body.id}/check-in`, { token: t['villageHead'] });
    expect(checked.status).toBe(200);
    expect(checked.body.checkedInAt).toEqual(expect.any(String));
    const attendance = await api('GET', `/api/v1/activities/${ids['today']}/attendance`, { token: t['coreHead'] });
    expect(attendance.body.schools).toEqual(expect.arrayContaining([expect.objectContaining({ school: expect.objectContaining({ id: ids['village'] }), registered: 1, checkedIn: 1 })]));
  });
});

describe('minutes and action items', () => {
  it('records minutes with action items; the owner finds theirs under mine=true and marks one done', async () => {
    const yesterday = new Date(Date.now() + 8 * 3600_000 - DAY).toISOString().slice(0, 10);
    const saved = await api('PUT', `/api/v1/activities/${ids['meeting']}/minutes`, {
      token: t['allianceAdmin'],
      body: {
        summary: '通报了上月送教情况。', decisions: ['下月联席会议由下湾村小学承办'],
        actionItems: [
          { title: '提交送教需求清单', ownerUserId: ids['user:village.teacher'], ownerName: 'village.teacher', ownerSchoolId: ids['village'], dueOn: yesterday },
          { title: '准备会场', ownerName: '校办', ownerSchoolId: ids['core'], dueOn: '2099-06-01' },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.actionItems.map((i: { status: string }) => i.status)).toEqual(['overdue', 'open']);
    const mine = await api('GET', '/api/v1/activities/action-items?mine=true&status=pending', { token: t['teacher'] });
    expect(mine.body.items.map((i: { title: string }) => i.title)).toEqual(['提交送教需求清单']);
    ids['item'] = mine.body.items[0].id;
    const done = await api('POST', `/api/v1/activities/action-items/${ids['item']}/done`, { token: t['teacher'] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', canComplete: true });
    expect((await api('POST', `/api/v1/activities/action-items/${ids['item']}/done`, { token: t['teacher'] })).status).toBe(409);
    const open = await api('GET', `/api/v1/activities/action-items?allianceId=${ids['alliance']}&status=pending`, { token: t['allianceAdmin'] });
    expect(open.body.items.map((i: { title: string }) => i.title)).toEqual(['准备会场']);
  });

  it('refuses minutes from a member school that does not organise (403) and changes nothing', async () => {
    const answer = await api('PUT', `/api/v1/activities/${ids['meeting']}/minutes`, { token: t['villageHead'], body: { summary: 'x', decisions: [], actionItems: [] } });
    expect(answer.status).toBe(403);
    const minutes = await api('GET', `/api/v1/activities/${ids['meeting']}/minutes`, { token: t['villageHead'] });
    expect(minutes.body[0].summary).toBe('通报了上月送教情况。');
  });
});

describe('what other districts and schools cannot reach', () => {
  const routes = (): [string, string, unknown?][] => [
    ['GET', `/api/v1/activities/${ids['meeting']}`],
    ['PATCH', `/api/v1/activities/${ids['meeting']}`, { title: '改名' }],
    ['POST', `/api/v1/activities/${ids['meeting']}/cancel`, { reason: '测试' }],
    ['POST', `/api/v1/activities/${ids['meeting']}/occurrences/cancel`, { occurrenceStart: '2030-01-15T06:00:00.000Z', reason: '测试' }],
    ['GET', `/api/v1/activities/${ids['meeting']}/registrations`],
    ['POST', `/api/v1/activities/${ids['meeting']}/registrations`, { schoolId: ids['outside'], participantKind: 'teacher', participantName: '某老师' }],
    ['GET', `/api/v1/activities/${ids['meeting']}/attendance`],
    ['GET', `/api/v1/activities/${ids['meeting']}/minutes`],
    ['PUT', `/api/v1/activities/${ids['meeting']}/minutes`, { summary: 'x', decisions: [], actionItems: [] }],
    ['POST', `/api/v1/activities/registrations/${ids['todayRegistration']}/cancel`],
    ['POST', `/api/v1/activities/registrations/${ids['todayRegistration']}/check-in`],
    ['POST', `/api/v1/activities/action-items/${ids['item']}/reopen`],
    ['POST', `/api/v1/activities/action-items/${ids['item']}/done`],
  ];

  it.each(['districtB', 'outsideHead'])('answers 404 problem+json on every id route to %s, and changes nothing', async (who) => {
    for (const [method, path, body] of routes()) {
      const answer = await api(method, path, { token: t[who], body });
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    }
    const meeting = await api('GET', `/api/v1/activities/${ids['meeting']}`, { token: t['allianceAdmin'] });
    expect(meeting.body).toMatchObject({ title: '联盟月度联席会议', status: 'scheduled' });
  });
});

describe('calendar feed', () => {
  it('serves the personal feed publicly by its token as text/calendar with RRULE; rotating kills the old URL; wrong tokens get 404', async () => {
    const none = await api('GET', '/api/v1/activities/calendar/feed-token', { token: t['teacher'] });
    expect(none.body).toEqual({ token: null, feedPath: null, createdAt: null });
    const created = await api('POST', '/api/v1/activities/calendar/feed-token', { token: t['teacher'] });
    expect(created.status).toBe(200);
    const response = await fetch(`${stack.gatewayUrl}${created.body.feedPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await response.text();
    expect(ics).toContain(`UID:${ids['meeting']}@jiaolian`);
    expect(ics).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1;COUNT=6');
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    const forAlliance = await fetch(`${stack.gatewayUrl}${created.body.feedPath}?allianceId=${ids['allianceB']}`);
    expect(forAlliance.status).toBe(404);
    const rotated = await api('POST', '/api/v1/activities/calendar/feed-token', { token: t['teacher'] });
    expect(rotated.body.token).not.toBe(created.body.token);
    expect((await fetch(`${stack.gatewayUrl}${created.body.feedPath}`)).status).toBe(404);
    expect((await fetch(`${stack.gatewayUrl}/api/v1/activities/calendar/feeds/not-a-real-token.ics`)).status).toBe(404);
    const foreign = await api('POST', '/api/v1/activities/calendar/feed-token', { token: t['districtB'] });
    const foreignIcs = await (await fetch(`${stack.gatewayUrl}${foreign.body.feedPath}`)).text();
    expect(foreignIcs).toContain('BEGIN:VCALENDAR');
    expect(foreignIcs).not.toContain(ids['meeting']);
  });
});

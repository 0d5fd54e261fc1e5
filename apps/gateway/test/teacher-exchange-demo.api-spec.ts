import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';

/* The teacher-exchange demo as the local launcher seeds it: after membership's seed-demo, idempotent. */
const PASSWORD = 'Jiaolian@2026';
let stack: RunningStack;
let api: Api;

const login = async (username: string): Promise<string> => (await api('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } })).body.accessToken as string;

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'teacher-exchange'], env: { RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('seed-demo', 'membership');
  await stack.run('seed-demo', 'teacher-exchange');
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('teacher-exchange seed-demo', () => {
  it('puts 8–15 teachers at every demo school', async () => {
    const district = await login('district.admin');
    const first = await api('GET', '/api/v1/teacher-exchange/teachers?pageSize=200&page=1', { token: district });
    const second = await api('GET', '/api/v1/teacher-exchange/teachers?pageSize=200&page=2', { token: district });
    expect(first.body.total).toBeGreaterThanOrEqual(20 * 8);
    const items = [...first.body.items, ...second.body.items];
    expect(items).toHaveLength(first.body.total);
    const perSchool = new Map<string, number>();
    for (const t of items as { schoolName: string }[]) perSchool.set(t.schoolName, (perSchool.get(t.schoolName) ?? 0) + 1);
    expect(perSchool.size).toBe(20);
    expect([...perSchool.values()].every((n) => n >= 8 && n <= 15)).toBe(true);
  });

  it('has placements in every state in the demo 教联体 and 教育联盟', async () => {
    const district = await login('district.admin');
    const items = (await api('GET', '/api/v1/teacher-exchange/placements?pageSize=200', { token: district })).body.items as { status: string; allianceName: string }[];
    for (const alliance of ['清溪县实验小学教联体', '城关中学教育联盟']) {
      const statuses = new Set(items.filter((p) => p.allianceName === alliance).map((p) => p.status));
      expect([alliance, [...statuses].sort()]).toEqual([alliance, ['active', 'approved', 'cancelled', 'completed', 'home_approved', 'proposed', 'rejected']]);
    }
  });

  it('sets this year\'s quotas with some schools behind and the core school on track', async () => {
    const admin = await login('alliance.admin');
    const me = await api('GET', '/api/v1/me', { token: admin });
    const allianceId = me.body.assignments[0].allianceId as string;
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const progress = await api('GET', `/api/v1/teacher-exchange/quotas/progress?allianceId=${allianceId}&year=${year}`, { token: admin });
    expect(progress.status).toBe(200);
    expect(progress.body.rules.length).toBeGreaterThan(0);
    const behind = progress.body.schools.filter((s: { behind: boolean }) => s.behind).map((s: { schoolName: string }) => s.schoolName);
    expect(behind.length).toBeGreaterThan(0);
    expect(behind).not.toContain('清溪县实验小学');
  });

  it('gives the itinerant placements a weekly timetable, with the music teacher\'s tight Thursday transfer flagged', async () => {
    const district = await login('district.admin');
    const slots = await api('GET', '/api/v1/teacher-exchange/slots?pageSize=200', { token: district });
    expect(slots.body.total).toBe(23);
    const music = (slots.body.items as { subject: string; teacherId: string; startsOn: string }[]).find((s) => s.subject === 'music');
    const week = await api('GET', `/api/v1/teacher-exchange/slots/week?teacherId=${music?.teacherId}&on=${music?.startsOn}`, { token: district });
    expect(week.body.slots.map((s: { weekday: number }) => s.weekday)).toEqual([2, 2, 4, 4, 4]);
    expect(week.body.travelWarnings).toEqual([expect.objectContaining({ weekday: 4, gapMinutes: 20 })]);
  });

  it('has mentorship pairs with months done and one missed, and observations on the default rubric', async () => {
    const district = await login('district.admin');
    const pairs = (await api('GET', '/api/v1/teacher-exchange/mentorships?pageSize=50', { token: district })).body.items as {
      status: string; missedMonths: number; months: { missed: boolean; complete: boolean }[]; comments: { school: string | null };
    }[];
    expect(pairs).toHaveLength(3);
    const closed = pairs.find((p) => p.status === 'closed');
    expect(closed).toMatchObject({ missedMonths: 1, comments: { school: expect.any(String) } });
    expect(closed?.months.filter((m) => m.complete)).toHaveLength(3);
    expect(pairs.filter((p) => p.status === 'active').every((p) => p.missedMonths === 0)).toBe(true);
    const observations = await api('GET', '/api/v1/teacher-exchange/observations?pageSize=50', { token: district });
    expect(observations.body.total).toBe(5);
    expect(new Set(observations.body.items.map((o: { rubricVersion: number }) => o.rubricVersion))).toEqual(new Set([1]));
  });

  it("links the demo teacher login to 张晓燕 on her school's roster, and answers her week", async () => {
    const teacher = await login('teacher');
    const me = await api('GET', '/api/v1/me', { token: teacher });
    expect(me.body).toMatchObject({ displayName: '张晓燕', mustChangePassword: false, teacherId: expect.any(String) });
    const week = await api('GET', '/api/v1/me/week', { token: teacher });
    expect(week.status).toBe(200);
    expect(week.body).toMatchObject({ teacherId: me.body.teacherId, timeZone: 'Asia/Shanghai' });
  });

  it('seeds nothing the second time', async () => {
    const district = await login('district.admin');
    const before = (await api('GET', '/api/v1/teacher-exchange/placements', { token: district })).body.total;
    const output = await stack.run('seed-demo', 'teacher-exchange');
    expect(output).toContain('no teachers or placements seeded');
    expect(output).toContain('no mentorship or observation seeded');
    expect((await api('GET', '/api/v1/teacher-exchange/placements', { token: district })).body.total).toBe(before);
    expect((await api('GET', '/api/v1/teacher-exchange/mentorships', { token: district })).body.total).toBe(3);
    expect((await api('GET', '/api/v1/teacher-exchange/observations', { token: district })).body.total).toBe(5);
  });
});

import { startStack, startWeComReceiver, type RobotReceiver, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';

/*
 * The notification centre over HTTP on the demo: the district admin points a WeCom group robot of the
 * village school at a local receiver (that checks what WeCom checks); a placement of one of the school's
 * teachers is proposed; the school's head sees the waiting approval in the bell, in Chinese by default,
 * and the school's WeCom group gets it. Nobody else sees it.
 */
const PASSWORD = 'Jiaolian@2026';
const VILLAGE = '临溪镇下湾村小学';
const CORE = '清溪县实验小学';
let stack: RunningStack;
let api: Api;
let wecom: RobotReceiver & { webhookUrl: string };

const login = async (username: string): Promise<string> => (await api('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } })).body.accessToken as string;
const schoolId = async (token: string, name: string): Promise<string> =>
  ((await api('GET', `/api/v1/schools?q=${encodeURIComponent(name)}`, { token })).body.items as { id: string; name: string }[]).find((s) => s.name === name)!.id;
const until = async <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

beforeAll(async () => {
  wecom = await startWeComReceiver('village-group');
  stack = await startStack({
    services: ['membership', 'teacher-exchange', 'integrations'],
    env: { RATE_LIMIT_DISABLED: 'true', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', CONSOLE_PUBLIC_URL: 'https://jiaolian.example.cn' },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('seed-demo', 'membership');
  await stack.run('seed-demo', 'teacher-exchange');
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await wecom?.close();
});

describe('notifications', () => {
  it('shows a waiting placement approval in the home school head\'s bell and the school\'s WeCom group', async () => {
    const district = await login('district.admin');
    const head = await login('school.admin');
    const teacher = await login('teacher');
    const village = await schoolId(district, VILLAGE);
    const core = await schoolId(district, CORE);

    const robot = await api('POST', '/api/v1/notifications/robots', {
      token: district,
      body: { ownerType: 'school', ownerId: village, channel: 'wecom', name: '下湾村小教务群', webhookUrl: wecom.webhookUrl, kinds: ['placement.approval-requested'] },
    });
    expect(robot.status).toBe(201);
    expect(JSON.stringify(robot.body)).not.toContain('village-group');
    expect((await api('POST', `/api/v1/notifications/robots/${robot.body.id}/test`, { token: head })).body).toEqual({ delivered: true, error: null });
    // a teacher may not touch robots; a bad URL is refused naming the field
    expect((await api('GET', '/api/v1/notifications/robots', { token: teacher })).status).toBe(403);
    const bad = await api('POST', '/api/v1/notifications/robots', {
      token: district, headers: { 'accept-language': 'zh-CN' },
      body: { ownerType: 'school', ownerId: village, channel: 'wecom', name: 'x', webhookUrl: 'ftp://example.cn/x', kinds: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'webhookUrl', code: 'notifications.robot.url-invalid' })]);

    const before = (await api('GET', '/api/v1/notifications/unread-count', { token: head })).body.unread as number;
    const teachers = (await api('GET', `/api/v1/teacher-exchange/teachers?schoolId=${village}&pageSize=50`, { token: district })).body.items as { id: string }[];
    const proposed = await api('POST', '/api/v1/teacher-exchange/placements', {
      token: district, body: { teacherId: teachers.at(-1)!.id, kind: 'observation', hosts: [{ schoolId: core }], startsOn: '2031-03-02', endsOn: '2031-03-06' },
    });
    expect(proposed.status).toBe(201);

    const bell = await until(async () => (await api('GET', '/api/v1/notifications/unread-count', { token: head })).body.unread as number, (n) => n > before);
    expect(bell).toBe(before + 1);
    const list = await api('GET', '/api/v1/notifications?unread=true', { token: head, headers: { 'accept-language': 'zh-CN' } });
    const waiting = (list.body.items as { kind: string; title: string; body: string; link: string; id: string }[]).find((n) => n.body.includes('2031-03-02'));
    expect(waiting).toMatchObject({ kind: 'placement.approval-requested', link: '/teacher-exchange/placements' });
    expect(waiting!.title).toMatch(/^待审批：.+的交流安排$/);
    expect(waiting!.body).toContain(`请${VILLAGE}审批`);

    const posts = await until(async () => wecom.messages.map((m) => (m.body as { markdown: { content: string } }).markdown.content), (all) => all.some((c) => c.includes('2031-03-02')));
    const post = posts.find((c) => c.includes('2031-03-02'))!;
    expect(post).toMatch(/^### 待审批：/);
    expect(post).toContain('[查看详情](https://jiaolian.example.cn/teacher-exchange/placements)');

    // the teacher sees none of it, and 404 for its id; the head marks it read
    expect((await api('POST', `/api/v1/notifications/${waiting!.id}/read`, { token: teacher })).status).toBe(404);
    const read = await api('POST', `/api/v1/notifications/${waiting!.id}/read`, { token: head });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ marked: 1, unread: bell - 1 });
  });

  it('keeps per-user preferences', async () => {
    const head = await login('school.admin');
    const set = await api('PUT', '/api/v1/notifications/preferences', { token: head, body: { mutedKinds: ['booking.approved'], email: true } });
    expect(set.status).toBe(200);
    expect((await api('GET', '/api/v1/notifications/preferences', { token: head })).body).toEqual({ mutedKinds: ['booking.approved'], email: true, emailAvailable: false });
    const refused = await api('PUT', '/api/v1/notifications/preferences', { token: head, body: { mutedKinds: ['no-such-kind'], email: true } });
    expect(refused.status).toBe(400);
    expect((await api('GET', '/api/v1/notifications/preferences', { token: head })).body.mutedKinds).toEqual(['booking.approved']);
  });
});

import { startStack, type RunningStack } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Idempotency-Key on an upload: a school's teacher roster sent again after a dropped answer. The key
 * covers the file and the form's fields as well as the route: the same upload replays the first
 * report, another file or other fields under the key answer 422 and import nothing.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';

let stack: RunningStack;
let api: Api;
let root: string;
let head: string;
let schoolId: string;
const seed = membershipSeeder(() => api, () => root, PASSWORD);

const csv = (rows: string[]): string => `\uFEFF工号,姓名,性别,任教学科,职称,骨干级别,是否中层\n${rows.join('\n')}\n`;

async function upload(key: string, fields: Record<string, string>, content: string): Promise<{ status: number; body: any; replayed: string | null }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- a report or a problem
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content]), 'teachers.csv');
  const response = await fetch(`${stack.gatewayUrl}/api/v1/teacher-exchange/teachers/import`, {
    method: 'POST', headers: { authorization: `Bearer ${head}`, 'accept-language': 'en', 'idempotency-key': key }, body: form,
  });
  return { status: response.status, body: await response.json(), replayed: response.headers.get('idempotent-replayed') };
}

const teacherCount = async (): Promise<number> =>
  (await api('GET', `/api/v1/teacher-exchange/teachers?schoolId=${schoolId}`, { token: head })).body.total as number;

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'teacher-exchange'], env: { RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  root = await seed.login(ADMIN.username, ADMIN.password);
  const districtId = (await api('POST', '/api/v1/districts', { token: root, body: { code: '330782', name: '义乌市教育局' } })).body.id as string;
  const core = await seed.school(districtId, '义乌市实验小学');
  schoolId = await seed.school(districtId, '义乌市大陈镇中心小学');
  const allianceId = await seed.alliance(districtId, '义乌市实验小学教联体', core, [schoolId]);
  head = await seed.person(districtId, 'dachen.head', { role: 'school_admin', schoolId });
  await seed.directorySees('teacher-exchange', head, allianceId, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

it('replays the first import\'s report for the same file and fields, and refuses another file or other fields under the key', async () => {
  const key = randomUUID();
  const roster = csv(['D001,陈静,女,语文,一级,无,否', 'D002,吴强,男,数学,二级,无,否']);
  const first = await upload(key, { schoolId }, roster);
  expect(first.status).toBe(200);
  expect(first.replayed).toBeNull();
  expect(await teacherCount()).toBe(2);

  const retry = await upload(key, { schoolId }, roster);
  expect(retry.status).toBe(200);
  expect(retry.replayed).toBe('true');
  expect(retry.body).toEqual(first.body);

  const otherFile = await upload(key, { schoolId }, csv(['D001,陈静,女,语文,一级,无,否', 'D009,周敏,女,英语,二级,无,否']));
  expect(otherFile.status).toBe(422);
  expect(otherFile.body).toMatchObject({ code: 'gateway.idempotency.key-reused', errors: [expect.objectContaining({ field: 'Idempotency-Key' })] });
  const otherFields = await upload(key, { schoolId, dryRun: 'true' }, roster);
  expect(otherFields.status).toBe(422);
  expect(await teacherCount()).toBe(2);
});

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';

/*
 * Item analysis in the browser: the alliance admin reads the demo exam's item analysis and its flagged
 * item, then imports item scores into a new exam (a bad row named by row and column first, then the
 * valid rows) and reads that exam's item analysis.
 */
const label = (text: string) => new RegExp([...text].join('\\s*'));

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const loginFor = (username: string) => {
  const found = stack.logins.find((l) => l.username === username);
  if (!found) throw new Error(`the demo data has no ${username} login`);
  return found;
};

async function signIn(page: Page, username: string) {
  const login = loginFor(username);
  await page.goto(`${stack.consoleUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const login = loginFor(username);
  const response = await request.post(`${stack.gatewayUrl}/api/v1/auth/login`, { data: { username: login.username, password: login.password } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

test('the alliance admin reads item flags of the demo exam, imports item scores and reads their analysis', async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, 'alliance.admin');
  await page.getByRole('menuitem', { name: '统一检测' }).click();
  await page.getByRole('link', { name: '期中统一检测' }).first().click();
  await page.getByRole('tab', { name: '试题分析' }).click();
  const analysis = page.getByRole('tabpanel', { name: '试题分析' });
  await analysis.getByText('数学', { exact: true }).click();
  // item 9 of the demo paper is answered better by weaker students: flagged with its figures
  await expect(analysis.getByText(/以下题目区分度为负或低于 0\.2/)).toBeVisible();
  await expect(analysis.getByText(/第 9 题：区分度为负（相关区分度 -0\.\d+/)).toBeVisible();
  await expect(analysis.getByRole('img', { name: '难度—区分度分布' })).toBeVisible();
  await expect(analysis.getByRole('img', { name: '各知识点得分率（联盟）' })).toBeVisible();
  await expect(analysis.getByRole('row', { name: /^9\s/ })).toContainText('区分度为负');

  // a new exam with a 10-mark paper, opened by the alliance admin through the API
  const token = await apiToken(request, 'alliance.admin');
  const headers = { Authorization: `Bearer ${token}` };
  const demo = await (await request.get(`${stack.gatewayUrl}/api/v1/assessment/exams?q=${encodeURIComponent('期中统一检测')}`, { headers })).json() as { items: { allianceId: string; schools: { schoolId: string; schoolName: string }[] }[] };
  const exam = demo.items[0];
  const school = exam?.schools.find((s) => s.schoolName === '临溪镇下湾村小学');
  const created = await request.post(`${stack.gatewayUrl}/api/v1/assessment/exams`, {
    headers, data: { allianceId: exam?.allianceId, term: '2026-2027-1', grade: '六年级', name: `小题检测${Date.now() % 100000}`, subjects: [{ name: '数学', fullMarks: 10 }], schools: [{ schoolId: school?.schoolId }] },
  });
  expect(created.status()).toBe(201);
  const examId = ((await created.json()) as { id: string }).id;
  const paper = await request.put(`${stack.gatewayUrl}/api/v1/assessment/exams/${examId}/papers`, {
    headers, data: { subject: '数学', items: [
      { no: '1', fullMarks: 2, type: 'objective', key: 'B', knowledgePoints: ['数与运算'] },
      { no: '2', fullMarks: 2, type: 'objective', key: 'C', knowledgePoints: ['数与运算'] },
      { no: '3', fullMarks: 6, type: 'subjective', knowledgePoints: ['图形与几何'] },
    ] },
  });
  expect(paper.status()).toBe(200);
  expect((await request.post(`${stack.gatewayUrl}/api/v1/assessment/exams/${examId}/transitions`, { headers, data: { action: 'open' } })).status()).toBe(200);

  await page.goto(`${stack.consoleUrl}/assessment/exams/${examId}?tab=papers`);
  await expect(page.getByText('小题满分合计 10 / 学科满分 10')).toBeVisible();
  await page.getByRole('tab', { name: '小题分导入' }).click();
  const sheet = (rows: string[]) => ({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(['学号,姓名,学校,班级,数学,1,2,3', ...rows].join('\n')) });
  await page.locator('input[type=file]').setInputFiles(sheet([
    'F001,周小雨,临溪镇下湾村小学,六(1)班,10,B,C,6',
    'F002,吴晨阳,临溪镇下湾村小学,六(1)班,,B,A,4',
    'F003,郑可馨,临溪镇下湾村小学,六(1)班,9,A,C,3',
  ]));
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByText('共 3 行：新增 2，更新 0，不变 0，有问题 1')).toBeVisible();
  await expect(preview.getByRole('row', { name: /4\s*F003\s*有问题\s*数学：各小题合计 5 分，与本行学科成绩 9 分不符/ })).toBeVisible();
  await expect(preview.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await page.getByLabel('只导入正确的行').check();
  await preview.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('数学小题分已导入：新增 2 人，更新 0 人，不变 0 人')).toBeVisible();

  await page.getByRole('tab', { name: '试题分析' }).click();
  const mine = page.getByRole('tabpanel', { name: '试题分析' });
  // item 2: F001 chose the key C, F002 chose A → difficulty 0.5
  await expect(mine.getByRole('row', { name: /^2\s/ })).toContainText('0.5');
  await expect(mine.locator('.ant-statistic', { hasText: '人数' })).toContainText('2');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Item analysis' })).toBeVisible();
});

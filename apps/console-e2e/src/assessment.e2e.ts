import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';

/*
 * Unified exams in the browser: the alliance admin reads the demo exam's analysis and 一分一段表; a village school's
 * admin sees only their school in it, then imports scores into a new exam (a bad row first, then the
 * valid rows) and corrects one with a reason.
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

test('the alliance admin reads the analysis; a village school sees its own, imports and corrects scores', async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, 'alliance.admin');
  await page.getByRole('menuitem', { name: '统一检测' }).click();
  await page.getByRole('link', { name: '期中统一检测' }).first().click();
  await expect(page.getByText('已发布').first()).toBeVisible();
  await page.getByRole('tab', { name: '质量分析' }).click();
  const schools = page.locator('.ant-card', { hasText: '各校对比' });
  await expect(schools.getByRole('row').nth(1)).toContainText('清溪县实验小学');
  await expect(schools.getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('img', { name: '各校平均分与联盟均分' })).toBeVisible();
  await expect(page.getByRole('img', { name: '分数段人数分布' })).toBeVisible();
  // the 一分一段表: every band from the top down with its running count, for a subject and for the total
  await page.getByRole('tab', { name: '一分一段' }).click();
  const ranks = page.getByRole('tabpanel', { name: '一分一段' });
  await expect(ranks.getByRole('img', { name: '一分一段人数与累计人数' })).toBeVisible();
  await expect(ranks.getByRole('row').nth(1)).toContainText(/%$/);
  await ranks.getByText('总分', { exact: true }).click();
  await ranks.getByText('10 分一段').click();
  await expect(ranks.getByText('总分只统计各科均有成绩的学生。')).toBeVisible();
  await expect(ranks.getByRole('row').nth(1)).toContainText(/^\d+–\d+/);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: label('登录') })).toBeVisible();

  // the school admin of 临溪镇下湾村小学: own school only
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '统一检测' }).click();
  await page.getByRole('link', { name: '期中统一检测' }).first().click();
  await page.getByRole('tab', { name: '质量分析' }).click();
  await expect(page.getByText('您看到的是本校数据和联盟整体数据。')).toBeVisible();
  const own = page.locator('.ant-card', { hasText: '各校对比' });
  await expect(own.getByRole('row')).toHaveCount(2);
  await expect(own).toContainText('临溪镇下湾村小学');
  await expect(own).not.toContainText('清溪县实验小学');

  // a new exam, opened for scores by the alliance admin through the API
  const adminToken = await apiToken(request, 'alliance.admin');
  const headers = { Authorization: `Bearer ${adminToken}` };
  const directory = await (await request.get(`${stack.gatewayUrl}/api/v1/assessment/directory`, { headers })).json() as { alliances: { allianceId: string; schoolIds: string[] }[] };
  const me = await (await request.get(`${stack.gatewayUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${await apiToken(request, 'school.admin')}` } })).json() as { assignments: { role: string; schoolId?: string }[] };
  const schoolId = me.assignments.find((a) => a.role === 'school_admin')?.schoolId as string;
  const alliance = directory.alliances.find((a) => a.schoolIds.includes(schoolId));
  const name = `单元检测${Date.now() % 100000}`;
  const created = await request.post(`${stack.gatewayUrl}/api/v1/assessment/exams`, {
    headers, data: { allianceId: alliance?.allianceId, term: '2026-2027-1', grade: '六年级', name, subjects: [{ name: '语文', fullMarks: 100 }, { name: '数学', fullMarks: 100 }], schools: [{ schoolId }] },
  });
  expect(created.status()).toBe(201);
  const examId = ((await created.json()) as { id: string }).id;
  expect((await request.post(`${stack.gatewayUrl}/api/v1/assessment/exams/${examId}/transitions`, { headers, data: { action: 'open' } })).status()).toBe(200);

  await page.goto(`${stack.consoleUrl}/assessment/exams/${examId}?tab=import`);
  const sheet = (rows: string[]) => ({ name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(['学号,姓名,学校,班级,语文,数学', ...rows].join('\n')) });
  const rows = ['E001,周小雨,临溪镇下湾村小学,六(1)班,88,缺考', 'E002,吴晨阳,临溪镇下湾村小学,六(1)班,一百,70'];
  await page.locator('input[type=file]').setInputFiles(sheet(rows));
  // a preview that writes nothing: row 3 has a problem, so by default nothing would be imported
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByText('共 2 行：新增 1，更新 0，不变 0，有问题 1')).toBeVisible();
  await expect(preview.getByRole('row', { name: /3\s*E002\s*有问题\s*语文：成绩“一百”不是数字（最多 2 位小数）/ })).toBeVisible();
  await expect(preview.getByRole('button', { name: '确认导入' })).toBeDisabled();
  const stored = await (await request.get(`${stack.gatewayUrl}/api/v1/assessment/exams/${examId}/scores`, { headers })).json() as { total: number };
  expect(stored.total).toBe(0);

  await page.getByLabel('只导入正确的行').check();
  await expect(preview.getByText('确认后导入正确的行，跳过 1 行有问题的数据。')).toBeVisible();
  await expect(preview.getByText('成绩：新增 2，更新 0，不变 0，清除 0')).toBeVisible();
  await preview.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成：新增 2，更新 0，未变 0')).toBeVisible();

  await page.getByRole('tab', { name: '成绩', exact: true }).click();
  const row = page.getByRole('row', { name: /E001/ });
  await expect(row).toContainText('周小雨');
  await expect(row).toContainText('缺考');
  await row.getByRole('button', { name: label('更正') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('新成绩').fill('90');
  await dialog.getByRole('button', { name: label('保存') }).click();
  await expect(dialog.getByText('请填写更正原因')).toBeVisible();
  await dialog.getByLabel('更正原因').fill('复核加分');
  await dialog.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('成绩已更正')).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: '更正记录' }).getByRole('row', { name: /E001/ })).toContainText('复核加分');

  // and in English
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Quality analysis' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Unified exams' })).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: 'Corrections' }).getByRole('row', { name: /E001/ })).toContainText('复核加分');
});

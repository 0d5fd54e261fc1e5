import { expect, test } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { demoLogin, label, signIn, signOut } from './support.js';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

/**
 * Teachers as users, end to end: the school admin opens an account for a roster teacher from the
 * roster, the teacher signs in with the handed-out password, must choose their own first, and then
 * sees their week.
 */
test('a school admin opens a teacher account; the teacher changes the first password and sees their week', async ({ page, request }) => {
  // a roster teacher of the school admin's school, new on every run
  const admin = demoLogin(stack, 'school.admin', 'school_admin');
  const token = (await (await request.post(`${stack.gatewayUrl}/api/v1/auth/login`, { data: { username: admin.username, password: admin.password } })).json()) as {
    accessToken: string; user: { assignments: { role: string; schoolId?: string | null }[] };
  };
  const schoolId = token.user.assignments.find((a) => a.role === 'school_admin')?.schoolId as string;
  const staffNo = `E2E${Date.now() % 1_000_000}`;
  const created = await request.post(`${stack.gatewayUrl}/api/v1/teacher-exchange/teachers`, {
    headers: { authorization: `Bearer ${token.accessToken}` },
    data: { schoolId, staffNo, name: '林晓雨', gender: 'female', subjects: ['chinese'], title: 'second', rank: 'none', middleManager: false },
  });
  expect(created.status(), await created.text()).toBe(201);

  await signIn(page, stack, 'school.admin', 'school_admin');
  await page.goto(`${stack.consoleUrl}/teacher-exchange/teachers`);
  await page.getByRole('searchbox').fill(staffNo);
  await page.getByRole('searchbox').press('Enter');
  const row = page.getByRole('row', { name: new RegExp(staffNo) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('未开通');
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: /开通账号/ }).click();
  const dialog = page.getByRole('dialog', { name: '账号开通结果' });
  await expect(dialog.getByTestId('accounts-summary')).toContainText('新开通 1 个账号');
  const resultRow = dialog.getByRole('row', { name: /林晓雨/ });
  const username = (await resultRow.getByRole('cell').nth(1).innerText()).trim();
  const password = (await resultRow.locator('code').innerText()).trim();
  expect(username).toMatch(new RegExp(`\\.${staffNo.toLowerCase()}$`));
  expect(password).toHaveLength(12);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /下载账号清单/ }).click();
  expect((await download).suggestedFilename()).toBe('教师账号清单.xlsx');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: label('关闭') }).click();
  await expect(row).toContainText('待改密码');
  await signOut(page);

  // the first sign-in leads to the password change, and nowhere else
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  await page.goto(`${stack.consoleUrl}/me/week`);
  await expect(page.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  await page.getByLabel('当前密码（初始密码）').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Linxiaoyu#2026');
  await page.getByLabel('再次输入新密码').fill('Linxiaoyu#2026');
  await page.getByRole('button', { name: '确认修改' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // the week: seven days, Monday first, from the menu
  await page.getByRole('menuitem', { name: '我的一周' }).click();
  await expect(page.getByRole('heading', { name: '我的一周' })).toBeVisible();
  await expect(page.getByTestId('week-range')).toContainText('至');
  await expect(page.getByRole('region', { name: /^周一/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /^周日/ })).toBeVisible();
  await expect(page.getByText('部分内容暂时无法获取')).toHaveCount(0);

  // on a phone the days stack into one list
  await page.setViewportSize({ width: 390, height: 800 });
  // measured once the layout has settled (the side menu collapses with an animation)
  await expect.poll(async () => {
    const monday = await page.getByRole('region', { name: /^周一/ }).boundingBox();
    const tuesday = await page.getByRole('region', { name: /^周二/ }).boundingBox();
    return Boolean(monday && tuesday && tuesday.y > monday.y && Math.abs(tuesday.x - monday.x) < 2);
  }).toBe(true);
});

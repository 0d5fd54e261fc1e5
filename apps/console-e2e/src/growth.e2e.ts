import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';

/*
 * Value-added in the browser: the alliance admin compares the demo schools by value-added against the
 * prior exam, with n, raw and shrunk figures, intervals and the caterpillar chart; a village school's
 * admin sees only their own school.
 */
const label = (text: string) => new RegExp([...text].join('\\s*'));

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

async function signIn(page: Page, username: string) {
  const login = stack.logins.find((l) => l.username === username);
  if (!login) throw new Error(`the demo data has no ${username} login`);
  await page.goto(`${stack.consoleUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

async function openGrowth(page: Page) {
  await page.getByRole('menuitem', { name: '统一检测' }).click();
  await page.getByRole('link', { name: '期中统一检测' }).first().click();
  await page.getByRole('tab', { name: '增值评价' }).click();
  return page.getByRole('tabpanel', { name: '增值评价' });
}

test('the alliance admin compares schools by value-added with intervals; a village school sees its own', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'alliance.admin');
  const panel = await openGrowth(page);
  // the prior exam is chosen for them: the demo's 期末统一检测 a term earlier
  await expect(panel.getByRole('combobox', { name: '前测' })).toBeVisible();
  await expect(panel.getByText('期末统一检测')).toBeVisible();
  await expect(panel.getByText(/关联学生 \d+ \/ \d+ 人/)).toBeVisible();
  await expect(panel.getByRole('img', { name: '增值评价毛毛虫图（收缩后增值与 95% 区间）' })).toBeVisible();
  const figures = panel.locator('.ant-card').filter({ has: page.getByRole('columnheader', { name: '原始 95% 区间' }) });
  const rows = figures.getByRole('row');
  await expect(rows).toHaveCount(6);
  // ranked by shrunk value-added; every row has n, the raw figure and both intervals
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('1');
  const fengling = figures.getByRole('row', { name: /临溪镇枫岭村小学/ });
  await expect(fengling.getByRole('cell').nth(2)).toHaveText('11');
  await expect(fengling).toContainText(/\[-?\d+\.\d{2}, -?\d+\.\d{2}\].*\[-?\d+\.\d{2}, -?\d+\.\d{2}\]/);
  // the school over time: the prior exam without value-added, the current one with its interval
  const trend = panel.locator('.ant-card', { hasText: '学校纵向变化' });
  await expect(trend.getByRole('img', { name: '学校纵向变化' })).toBeVisible();
  await expect(trend.getByRole('row')).toHaveCount(3);
  await expect(trend.getByRole('row', { name: /六年级期中统一检测/ })).toContainText(/\[-?\d+\.\d{2}, -?\d+\.\d{2}\]/);
  // classes too
  await panel.getByText('班级', { exact: true }).click();
  await expect(panel.getByRole('columnheader', { name: '班级' })).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: label('登录') })).toBeVisible();

  // the school admin of 临溪镇下湾村小学: their own school, with the alliance's ranks
  await signIn(page, 'school.admin');
  const own = await openGrowth(page);
  await expect(own.getByText('学校用户只看到本校的数据；回归、收缩和名次按全体参考学生计算。')).toBeVisible();
  await expect(own.locator('.ant-card').filter({ has: page.getByRole('columnheader', { name: '原始 95% 区间' }) }).getByRole('row')).toHaveCount(2);
  await expect(own).toContainText('临溪镇下湾村小学');
  await expect(own).not.toContainText('清溪县实验小学');
});

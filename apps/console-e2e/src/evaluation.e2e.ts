import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

/*
 * Term evaluation in the browser, on the demo data: the village school (returned for revision) scores
 * itself and submits; the alliance admin passes its review; the district admin publishes it, which
 * freezes it, and reads the dimension radar and the alliances' ranking chart.
 */
let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);
const SCHOOL = '临溪镇下湾村小学';

async function openOwnEvaluation(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '考核评价' }).click();
  await expect(page.getByRole('heading', { name: '考核评价' })).toBeVisible();
  await page.getByRole('cell', { name: SCHOOL, exact: true }).getByText(SCHOOL).click();
  await expect(page.getByRole('heading', { name: new RegExp(SCHOOL) })).toBeVisible();
}

test('a school evaluation goes through self-evaluation, alliance review and district review', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '考核评价' }).click();
  // a school sees its own evaluation only
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByRole('cell', { name: SCHOOL, exact: true }).getByText(SCHOOL).click();
  await expect(page.getByText('请补充送教下乡的听课记录')).toBeVisible();
  // the demo's exam of the term before gives the growth of the above-mean rate a figure
  await expect(page.getByRole('row', { name: /超均率增幅 平台数据计算 30 -?\d/ })).toBeVisible();
  await page.getByRole('row', { name: /教师专业发展/ }).getByRole('button', { name: label('评分') }).click();
  const dialog = page.getByRole('dialog', { name: '教师专业发展' });
  await dialog.getByLabel('得分').fill('8');
  await dialog.getByLabel('佐证材料').fill('师徒结对记录 3 份');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('评分已保存')).toBeVisible();
  await page.getByRole('button', { name: '提交自评' }).click();
  await expect(page.getByRole('heading', { name: /已提交自评/ })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
  await signIn(page, 'alliance.admin');
  await openOwnEvaluation(page);
  await page.getByRole('button', { name: '联盟审核通过' }).click();
  await expect(page.getByRole('heading', { name: /联盟已审核/ })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
  await signIn(page, 'district.admin');
  await openOwnEvaluation(page);
  await page.getByRole('button', { name: '审核并发布' }).click();
  await expect(page.getByRole('heading', { name: /已发布/ })).toBeVisible();
  await expect(page.getByText(/已发布的评价已冻结/)).toBeVisible();
  await expect(page.getByRole('img', { name: '维度得分' })).toBeVisible();
  await expect(page.getByRole('img', { name: '历年变化' })).toBeVisible();

  await page.getByRole('button', { name: /返回/ }).click();
  await page.getByRole('tab', { name: '横向排名' }).click();
  await expect(page.getByRole('img', { name: '教联体排名' })).toBeVisible();
});

import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string, role: string): Promise<void> => signInAs(page, stack, username, role);
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('a village school head records the apprentice\'s report lesson of this month with its evidence; a missing reflection is named first', async ({ page }) => {
  const month = today().slice(0, 7);
  // the demo's pair of this term has a row for each teaching month; holidays (Jan, Feb, Jul, Aug) have none
  test.skip(['01', '02', '07', '08'].includes(month.slice(5)), 'no teaching month today');
  await signIn(page, 'school.admin', 'school_admin');
  await page.getByRole('menuitem', { name: '师徒结对' }).click();
  await expect(page.getByRole('heading', { name: '师徒结对' })).toBeVisible();
  // the demo pair of this term whose apprentice teaches at the head's village school
  const pair = page.getByRole('row').filter({ hasText: '进行中' }).first();
  await pair.getByRole('button', { name: label('查看') }).click();
  await expect(page.getByRole('heading', { name: /→/ })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: month });
  const report = row.getByRole('cell').nth(2);
  await report.getByRole('button', { name: label('登记') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`登记${month}汇报课`)).toBeVisible();
  await dialog.getByLabel('日期').fill(today());
  await dialog.getByLabel('地点').fill('下湾村小学 三楼多媒体教室');
  await dialog.getByLabel('课堂视频链接').fill('https://video.qingxi.edu.cn/mentorship/e2e-report');
  await dialog.getByRole('switch', { name: '已完成' }).click();
  await dialog.getByRole('button', { name: label('确定') }).click();
  // the service refuses a done lesson without a reflection, naming the field in the form
  await expect(dialog.locator('.ant-form-item-explain-error', { hasText: '已完成的课须填写教学反思' })).toBeVisible();

  await dialog.getByLabel('教学反思').fill('按师傅示范课的提问链设计了三个层次的问题，后进生参与明显增多。');
  await dialog.getByRole('button', { name: label('确定') }).click();
    await expect(dialog).toBeHidden();
  await expect(report.getByText('已完成')).toBeVisible();
  await expect(report.getByRole('link', { name: '视频' })).toHaveAttribute('href', 'https://video.qingxi.edu.cn/mentorship/e2e-report');
  await expect(report).toContainText('下湾村小学 三楼多媒体教室');
});

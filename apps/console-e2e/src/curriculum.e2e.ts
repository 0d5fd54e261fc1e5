import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

/*
 * Curriculum in the browser, on the demo county: a village teacher finds 农耕文化劳动教育 by 农耕,
 * does not find another school's school-only resource, downloads one (the count goes up), uploads a
 * lesson plan with its metadata, and books the core school's farm base; the district admin approves it.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

test('a village teacher searches, downloads and uploads resources and books a facility; the district admin approves', async ({ page }) => {
  await signIn(page, 'teacher');
  await page.getByRole('menuitem', { name: '资源库' }).click();
  const search = page.getByPlaceholder('搜索标题、标签、简介，如：农耕');
  await search.fill('农耕');
  await search.press('Enter');
  await expect(page.getByRole('link', { name: '农耕文化劳动教育' })).toBeVisible();
  // 石桥镇中学's case is visible to its own school only
  await search.fill('寄宿生心理辅导');
  await search.press('Enter');
  await expect(page.getByText('没有找到匹配的资源')).toBeVisible();
  await expect(page.getByRole('link', { name: '农村初中寄宿生心理辅导案例' })).toHaveCount(0);

  await search.fill('农耕文化');
  await search.press('Enter');
  await page.getByRole('link', { name: '农耕文化劳动教育' }).click();
  const count = page.getByTestId('download-count');
  const before = Number(await count.textContent());
  const download = page.waitForEvent('download');
  // the current file (the versions table below has a download button per version)
  await page.getByRole('button', { name: /^(download )?下\s*载$/ }).click();
  expect((await download).suggestedFilename()).toBe('农耕文化劳动教育.md');
  await expect(count).toHaveText(String(before + 1));

  // upload a lesson plan
  await page.getByRole('menuitem', { name: '资源库' }).click();
  await page.getByRole('button', { name: label('上传资源') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('标题').fill('稻田劳动周记录表');
  await dialog.getByLabel('学科').fill('劳动');
  await dialog.getByLabel('年级').fill('四年级');
  await dialog.locator('input[type=file]').setInputFiles({ name: '稻田劳动周.md', mimeType: 'text/markdown', buffer: Buffer.from('# 稻田劳动周\n') });
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/curriculum/resources') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: label('上传') }).click();
  const answer = await uploaded;
  expect(answer.status(), await answer.text()).toBe(201);
  await expect(page.getByRole('heading', { name: '稻田劳动周记录表' })).toBeVisible();
  await expect(page.getByText('稻田劳动周.md').first()).toBeVisible();

  // the teacher revises the file: version 2 becomes current, version 1 stays downloadable
  await page.getByRole('button', { name: '上传新版本' }).click();
  const revise = page.getByRole('dialog');
  await revise.getByLabel('修订说明').fill('补充了第二周记录');
  await revise.locator('input[type=file]').setInputFiles({ name: '稻田劳动周-第二版.md', mimeType: 'text/markdown', buffer: Buffer.from('# 稻田劳动周\n第二周\n') });
  await revise.getByRole('button', { name: label('上传') }).click();
  await expect(page.getByText('新版本已上传')).toBeVisible();
  await expect(page.getByRole('row', { name: /补充了第二周记录/ })).toContainText('当前版本');
  await expect(page.getByText('第 2 版').first()).toBeVisible();
  const firstVersion = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 第 1 版' }).click();
  expect((await firstVersion).suggestedFilename()).toBe('稻田劳动周.md');

  // book the core school's farm base 20 days ahead, 15:00–16:00
  await page.getByRole('menuitem', { name: '共享场馆' }).click();
  await page.getByRole('row', { name: /百草园农耕基地/ }).getByRole('button', { name: label('预约') }).click();
  const booking = page.getByRole('dialog');
  const day = new Date(Date.now() + 20 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const [start, end] = [booking.getByPlaceholder('开始日期'), booking.getByPlaceholder('结束日期')];
  await start.click();
  await start.fill(`${day} 15:00`);
  await start.press('Enter');
  await end.fill(`${day} 16:00`);
  await end.press('Enter');
  await booking.getByLabel('用途').fill('四年级农耕体验课');
  await booking.getByRole('button', { name: label('提交') }).click();
  await expect(page.getByText('预约申请已提交，等待对方学校审批')).toBeVisible();
  await page.getByRole('menuitem', { name: '场馆预约' }).click();
  const mine = page.getByRole('row', { name: /四年级农耕体验课/ });
  await expect(mine).toContainText('待审批');
  await page.getByRole('button', { name: '退出登录' }).click();

  await signIn(page, 'district.admin');
  await page.getByRole('menuitem', { name: '场馆预约' }).click();
  const pending = page.getByRole('row', { name: /四年级农耕体验课/ });
  await pending.getByRole('button', { name: label('通过') }).click();
  await expect(page.getByText('已通过').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /四年级农耕体验课/ })).toHaveCount(0); // it left the "to approve" list
});

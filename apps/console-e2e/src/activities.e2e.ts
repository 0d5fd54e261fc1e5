import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

/*
 * Alliance activities in the browser, on the demo data: a village school's admin registers a teacher
 * for a coming 送教课, marks the school's overdue action item done and subscribes to the calendar feed;
 * the alliance admin reads the attendance chart of the monthly 联席会议 and writes minutes with an action item.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

test('a village school registers a teacher, closes its overdue action item and subscribes to the calendar', async ({ page, request }) => {
  test.setTimeout(150_000);
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '联盟活动' }).click();
  await expect(page.getByRole('heading', { name: '联盟活动' })).toBeVisible();

  // the agenda lists the coming weekly online sessions
  await page.getByText('日程', { exact: true }).click();
  await expect(page.getByRole('link', { name: '每周线上教研：小学数学单元整体教学' }).first()).toBeVisible();

  // register a teacher for the coming delivered lesson
  await page.getByText('列表', { exact: true }).click();
  await page.getByPlaceholder('搜索活动名称或说明').fill('送教下乡');
  await page.getByPlaceholder('搜索活动名称或说明').press('Enter');
  await page.getByRole('link', { name: '送教下乡：三年级英语绘本阅读' }).click();
  await expect(page.getByRole('heading', { name: '送教下乡：三年级英语绘本阅读' })).toBeVisible();
  await expect(page.getByRole('button', { name: label('编辑') })).toHaveCount(0);
  await page.getByRole('button', { name: label('报名') }).click();
  const dialog = page.getByRole('dialog', { name: '报名参加' });
  await dialog.getByLabel('参与人').fill('王丽萍');
  await dialog.getByRole('button', { name: label('报名') }).click();
  await expect(page.getByText('报名成功')).toBeVisible();
  await expect(page.getByRole('row', { name: /王丽萍/ })).toContainText('临溪镇下湾村小学');

  // the school's overdue action item from the September meeting
  await page.getByRole('menuitem', { name: '我的待办' }).click();
  const overdue = page.getByRole('row', { name: /上传九月联合教研课例视频/ });
  await expect(overdue).toContainText('已逾期');
  await expect(page.getByRole('row', { name: /提交科技节参展作品名单/ })).toContainText('进行中');
  await overdue.getByRole('button', { name: '标记完成' }).click();
  await expect(page.getByText('已标记完成')).toBeVisible();
  await expect(page.getByRole('row', { name: /上传九月联合教研课例视频/ })).toHaveCount(0);

  // subscribe: the feed URL serves an iCalendar without any sign-in
  await page.getByRole('menuitem', { name: '联盟活动' }).click();
  await page.getByRole('button', { name: '订阅日历' }).click();
  await page.getByRole('button', { name: '生成订阅地址' }).click();
  const url = await page.getByTestId('feed-url').inputValue();
  expect(url).toContain('/api/v1/activities/calendar/feeds/');
  const feed = await request.get(url.replace(/^https?:\/\/[^/]+/, stack.gatewayUrl));
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
  const ics = await feed.text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('教联体月度联席会议');
  expect(ics).toContain('RRULE:FREQ=MONTHLY');
  const wrong = await request.get(`${stack.gatewayUrl}/api/v1/activities/calendar/feeds/not-the-token.ics`);
  expect(wrong.status()).toBe(404);
});

test('the alliance admin reads attendance per school and keeps minutes with an action item', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'alliance.admin');
  await page.getByRole('menuitem', { name: '联盟活动' }).click();
  await page.getByText('列表', { exact: true }).click();
  await page.getByPlaceholder('搜索活动名称或说明').fill('月度联席会议');
  await page.getByPlaceholder('搜索活动名称或说明').press('Enter');
  await page.getByRole('link', { name: '教联体月度联席会议' }).click();
  await expect(page.getByRole('heading', { name: '教联体月度联席会议' })).toBeVisible();
  await expect(page.getByText('每月', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('img', { name: '各校报名与签到' })).toBeVisible();

  await page.getByRole('tab', { name: '会议纪要' }).click();
  await page.getByRole('button', { name: '记录纪要' }).click();
  await page.getByRole('textbox', { name: '会议纪要' }).fill('部署期末统一检测与寒假送教安排。');
  await page.getByRole('button', { name: '添加决议' }).click();
  await page.locator('#decisions_0').fill('期末统一检测由核心校统一命题');
  await page.getByRole('button', { name: '添加待办' }).click();
  await page.getByLabel('事项').fill('各校上报寒假送教需求');
  await page.getByLabel('负责人').fill('刘建华');
  await page.getByRole('button', { name: '保存纪要' }).click();
  await expect(page.getByText('纪要已保存')).toBeVisible();
  await expect(page.getByText('部署期末统一检测与寒假送教安排。')).toBeVisible();
  await expect(page.getByRole('row', { name: /各校上报寒假送教需求/ })).toContainText('进行中');

  // next month's meeting falls in exam week: only that one is cancelled, the series goes on
  const occurrence = page.getByRole('combobox', { name: '场次' });
  await occurrence.click();
  await occurrence.press('ArrowDown');
  await occurrence.press('Enter');
  await expect(page).toHaveURL(/occurrence=/);
  await page.getByRole('button', { name: '取消本次' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('系列中的其他场次照常进行');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog.getByText('请填写取消原因')).toBeVisible();
  await dialog.getByLabel('取消原因').fill('期末统一检测周');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('本次活动已取消')).toBeVisible();
  await expect(page.getByText('这一次已取消：期末统一检测周')).toBeVisible();
  await expect(page.getByRole('button', { name: '取消本次' })).toHaveCount(0);
  await expect(page.locator('.ant-tag', { hasText: '已安排' }).first()).toBeVisible();
});

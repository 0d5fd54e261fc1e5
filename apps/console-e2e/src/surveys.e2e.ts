import { expect, test } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn } from './support.js';

/*
 * Satisfaction surveys in the browser: the alliance admin reads the demo parents' survey, where the village
 * school with 3 answers shows only "fewer than 5", issues a link for it, and a parent answers through the
 * link on a phone without signing in — once: opening the link again says it has been used.
 */
let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

test('a survey answered by link, once, and results that hide a small group', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, stack, 'alliance.admin', 'alliance_admin');
  await page.getByRole('menuitem', { name: '满意度调查' }).click();
  await page.getByText('2026-2027 学年第一学期家长满意度调查').click();
  await page.getByRole('tab', { name: '结果' }).click();
  const groups = page.locator('.ant-card', { hasText: '分组结果' });
  await expect(groups.getByRole('row', { name: /临溪镇枫岭村小学 · 家长/ })).toContainText('答卷少于 5 份，为保护作答者不显示');
  await expect(groups.getByRole('row', { name: /清溪县实验小学 · 家长/ })).toContainText('12');
  await expect(page.getByRole('img').first()).toBeVisible();

  await page.getByRole('tab', { name: '答题链接' }).click();
  const form = page.locator('.ant-card', { hasText: '生成答题链接' });
  await pickOption(page, form.getByRole('combobox').first(), form.locator('.ant-form-item').first(), '临溪镇枫岭村小学', '枫岭');
  await form.getByRole('spinbutton').fill('1');
  await form.getByRole('button', { name: '生成答题链接' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('链接只显示这一次')).toBeVisible();
  await expect(dialog.getByRole('img', { name: '二维码' })).toBeVisible();
  const url = (await dialog.getByText(/\/s\/[A-Za-z0-9_-]{22}/).textContent())?.trim() ?? '';
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);

  // a parent's phone: no session, a narrow screen
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const parent = await phone.newPage();
  await parent.goto(url);
  await expect(parent.getByText('本问卷匿名填写：不会保存您的身份')).toBeVisible();
  await expect(parent.getByText('临溪镇枫岭村小学 · 家长')).toBeVisible();
  await parent.getByRole('radio', { name: '4 · 满意' }).first().check();
  await parent.getByRole('radio', { name: '5 · 很满意' }).nth(1).check();
  await parent.getByRole('textbox').fill('希望送教老师多来几次');
  await parent.getByRole('button', { name: label('提交') }).click();
  await expect(parent.getByText('感谢您的参与！答卷已提交。')).toBeVisible();
  await parent.goto(url);
  await expect(parent.getByText('该链接已经作答过，每个链接只能作答一次。')).toBeVisible();
  await phone.close();
});

import { expect, test } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn } from './support.js';

/*
 * The district admin defines an indicator framework in the browser: copies the shipped default, adds an
 * evaluator-scored indicator to 教师成长, is refused while the dimension's weights do not sum to 100 (the
 * reason names the dimension), sees the server's field error under the blank name, rebalances, saves,
 * and finds the new indicator after a reload; the editor reads the same in English.
 */
let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

test('a district admin copies the default framework and adds an evaluator-scored indicator', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `指标体系 ${Date.now()}`;
  await signIn(page, stack, 'district.admin');
  await page.goto(`${stack.consoleUrl}/evaluation/frameworks`);
  await page.getByRole('button', { name: '从默认体系复制' }).click();
  const dialog = page.getByRole('dialog', { name: '从默认体系复制' });
  await dialog.getByLabel('名称').fill(name);
  await dialog.getByRole('button', { name: label('确定') }).click();
  await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();

  const teacher = page.getByTestId('dimension-teacher');
  const rows = teacher.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(4);
  await teacher.getByRole('button', { name: '添加评分指标' }).click();
  await expect(rows).toHaveCount(5);
  const added = rows.nth(4);
  await added.getByRole('spinbutton', { name: '权重' }).fill('20');
  await added.getByRole('textbox', { name: '评分标准' }).fill('教研组长听课评议记录');

  // the weights of 教师成长 now sum to 120: the page says so and the save is refused with that reason
  const reason = '“教师成长”下各指标的权重之和须为 100，当前为 120';
  await expect(teacher.getByRole('alert').filter({ hasText: reason })).toBeVisible();
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText(`无法保存：${reason}`)).toBeVisible();

  await teacher.getByRole('spinbutton', { name: '完成交流人次 权重' }).fill('15');
  await teacher.getByRole('spinbutton', { name: '走教课时 权重' }).fill('10');
  await expect(teacher.getByRole('alert').filter({ hasText: '权重之和' })).toHaveCount(0);

  // the name is still blank: the service refuses and its error shows under the name field
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(added.getByText(/不能为空/)).toBeVisible();
  await added.getByRole('textbox', { name: '指标', exact: true }).fill('教研组长评议');
  await expect(added.getByText(/不能为空/)).toHaveCount(0);
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('已保存')).toBeVisible();

  await page.reload();
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(4).getByRole('textbox', { name: '指标', exact: true })).toHaveValue('教研组长评议');
  await expect(rows.nth(4).getByRole('spinbutton', { name: '教研组长评议 权重' })).toHaveValue('20');
  await expect(teacher.getByRole('spinbutton', { name: '走教课时 权重' })).toHaveValue('10');

  // and in English: the same editor, the term facts explained in English
  await page.getByText('English', { exact: true }).click();
  await expect(teacher.getByRole('button', { name: 'Add scored indicator' })).toBeVisible();
  await expect(teacher.getByText(/^Exchange quota completion: teachers sent in the school year/).first()).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(teacher.getByRole('button', { name: '添加评分指标' })).toBeVisible();
});

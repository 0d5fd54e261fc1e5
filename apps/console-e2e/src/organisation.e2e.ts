import { expect, test } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn } from './support.js';

/*
 * The organisation of the demo's integrated alliance in the browser: the alliance admin sets up a
 * working group (the form names what is missing first), adds people of two member schools to it (one
 * as its leader), and sees it in the organisation chart and its nested list; the group's member sees
 * it on their user page.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

test('an alliance admin builds a working group with members of two schools and sees it in the organisation chart', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `学生活动组${Date.now().toString(36).slice(-4)}`;

  await signIn(page, stack, 'alliance.admin');
  await page.goto(`${stack.consoleUrl}/alliances`);
  await page.getByRole('link', { name: '清溪县实验小学教联体' }).click();
  await expect(page.getByRole('heading', { name: '清溪县实验小学教联体' })).toBeVisible();
  await page.getByRole('tab', { name: '组织机构' }).click();
  // the demo organisation: the council with its working groups, drawn and listed
  await expect(page.getByTestId('org-chart')).toBeVisible();
  await expect(page.getByTestId('org-tree')).toContainText('教联体理事会');

  await page.getByRole('button', { name: '设立机构' }).click();
  const create = page.getByRole('dialog', { name: '设立机构' });
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(create.getByText('请选择机构类型')).toBeVisible();
  await expect(create.getByText('请填写名称')).toBeVisible();
  await pickOption(page, create.getByLabel('机构类型'), create.locator('.ant-form-item', { has: page.getByLabel('机构类型') }), '工作组');
  await pickOption(page, create.getByLabel('类别'), create.locator('.ant-form-item', { has: page.getByLabel('类别') }), '学生活动组');
  await create.getByLabel('名称').fill(name);
  await pickOption(page, create.getByLabel(/^上级机构/), create.locator('.ant-form-item', { has: page.getByLabel(/^上级机构/) }), '教联体理事会');
  await create.getByLabel(/^职责/).fill('组织联盟学生科技节和劳动实践活动。');
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();

  for (const [person, role] of [['周敏（清溪县实验小学）', '组长'], ['刘芳（临溪镇中心小学）', '成员']] as const) {
    await page.getByRole('button', { name: '添加成员' }).click();
    const add = page.getByRole('dialog', { name: '添加成员' });
    const personItem = add.locator('.ant-form-item', { has: page.getByLabel('人员') });
    await pickOption(page, add.getByLabel('人员'), personItem, person, person.slice(0, 2));
    await pickOption(page, add.getByLabel('职务'), add.locator('.ant-form-item', { has: page.getByLabel('职务') }), role);
    await add.getByRole('button', { name: '添加成员' }).click();
    await expect(add).toBeHidden();
  }
  const members = page.getByTestId('body-members');
  await expect(members).toContainText('清溪县实验小学');
  await expect(members).toContainText('临溪镇中心小学');
  await expect(members.getByRole('row').filter({ hasText: '周敏' })).toContainText('组长');

  // back to the alliance through the breadcrumb, once its page is showing
  await page.locator('.ant-breadcrumb').getByRole('link', { name: '清溪县实验小学教联体' }).click();
  await expect(page.getByRole('heading', { name: '清溪县实验小学教联体' })).toBeVisible();
  await page.getByRole('tab', { name: '组织机构' }).click();
  const tree = page.getByTestId('org-tree');
  await expect(tree.getByRole('listitem').filter({ hasText: '教联体理事会' })).toContainText(name);
  await expect(tree.getByRole('listitem').filter({ hasText: name }).last()).toContainText('领衔人：周敏 · 2 人');
  await expect(page.getByTestId('org-chart')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('organisation-chart.png'), fullPage: true });
  await tree.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
});

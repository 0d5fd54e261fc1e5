import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn as signInAs, signOut } from './support.js';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string, role: string): Promise<void> => signInAs(page, stack, username, role);


test('a village school head keeps the teacher roster, imports a file row by row and proposes an exchange; the alliance admin sees who is behind', async ({ page }) => {
  const stamp = Date.now().toString(36).slice(-4).toUpperCase();
  await signIn(page, 'school.admin', 'school_admin');

  // the roster of the head's own school, from the demo seed
  await page.getByRole('menuitem', { name: '教师名册' }).click();
  await expect(page.getByRole('heading', { name: '教师名册' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'XW001' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'SY001' })).toHaveCount(0); // another school's staff stay out of sight

  // add one teacher through the form; the form checks the staff number before the server does
  await page.getByRole('button', { name: '新增教师' }).click();
  await expect(page.getByRole('heading', { name: '新增教师' })).toBeVisible();
  await page.getByRole('textbox', { name: '工号' }).fill('带 空格');
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('工号只能包含字母、数字、- 和 _，最长 32 位')).toBeVisible();
  await page.getByRole('textbox', { name: '工号' }).fill(`E${stamp}`);
  await page.getByRole('textbox', { name: '姓名' }).fill(`周晓梅${stamp}`);
  await page.getByRole('combobox', { name: '任教学科' }).click();
  await page.keyboard.type('美术');
  await page.locator('.ant-select-item-option', { hasText: '美术' }).first().click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('教师已添加')).toBeVisible();
  await page.getByPlaceholder('搜索姓名或工号').fill(`E${stamp}`);
  await page.getByPlaceholder('搜索姓名或工号').press('Enter');
  await expect(page.getByRole('link', { name: `周晓梅${stamp}` })).toBeVisible();

  // import: a preview shows that a bad row stops the whole file by default, then the good rows go in on request and confirmation
  await page.getByRole('button', { name: '批量导入' }).click();
  await expect(page.getByRole('button', { name: /下载 Excel 模板/ })).toBeVisible();
  const file = path.join(os.tmpdir(), `teachers-${stamp}.csv`);
  writeFileSync(file, `\uFEFF工号,姓名,性别,任教学科,职称,骨干级别,是否中层\nI${stamp}1,郑雨欣,女,语文,二级,,否\nI${stamp}2,,男,书法,,,\n`);
  await page.locator('input[type=file]').setInputFiles(file);
  // first a preview that writes nothing: row 3 has problems, so by default nothing would be imported
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByText('共 2 行：新增 1，更新 0，不变 0，有问题 1')).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: '姓名不能为空' }).getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: '姓名不能为空' })).toContainText('任教学科');
  await expect(preview.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await page.getByText('只导入正确的行，跳过有错误的行').click();
  await expect(preview.getByText('确认后导入正确的行，跳过 1 行有问题的数据。')).toBeVisible();
  await preview.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成：新增 1 人，更新 0 人，跳过 1 行')).toBeVisible();

  // propose a placement of the new teacher to the core school of the alliance and approve it as the home school
  await page.getByRole('menuitem', { name: '交流安排' }).click();
  await page.getByRole('button', { name: '发起交流' }).click();
  const teacherPicker = page.getByRole('combobox', { name: /^\*?\s*教师$/ });
  await teacherPicker.click();
  await teacherPicker.fill(`周晓梅${stamp}`);
  await page.locator('.ant-select-item-option', { hasText: `周晓梅${stamp}` }).first().click();
  await page.getByLabel('交流类型').click();
  await page.locator('.ant-select-item-option', { hasText: '跟岗' }).first().click();
  // the school picker searches the server as you type: its list can be re-rendered under the click,
  // so the pick is checked in the field and tried again until the field shows it
  const hostSchool = page.locator('[id$="hosts_0_schoolId"]').first();
  await pickOption(page, hostSchool, page.locator('.ant-form-item', { has: hostSchool }).last(), '清溪县实验小学', '实验小学');
  await page.getByPlaceholder('开始日期').click();
  await page.getByPlaceholder('开始日期').fill('2027-03-01');
  await page.keyboard.press('Enter');
  await page.getByPlaceholder('结束日期').fill('2027-03-31');
  await page.keyboard.press('Tab');
  // other browser tests may have put both schools into a second alliance: name the 教联体 explicitly
  await page.getByRole('combobox', { name: '所属联盟' }).click();
  await page.locator('.ant-select-item-option', { hasText: '清溪县实验小学教联体' }).first().click();
  await page.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('交流安排已提交，等待派出学校审批')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `周晓梅${stamp}` });
  await expect(row.getByText('待派出校审批')).toBeVisible();
  await row.getByRole('button', { name: label('同意') }).click();
  await expect(row.getByText('待接收校审批')).toBeVisible();
  await expect(row.getByRole('button', { name: label('同意') })).toHaveCount(0); // the host school decides next

  // the itinerant timetable of the maths teacher the head's school hosts: a clash is refused on the form, then the lesson shows in the week grid
  await page.getByLabel('交流类型').click();
  await page.locator('.ant-select-item-option', { hasText: '走教' }).first().click();
  await page.getByRole('row').filter({ hasText: '每周' }).filter({ hasText: '进行中' }).first().getByRole('button', { name: label('课表') }).click();
  await expect(page.getByRole('heading', { name: /的走教课表/ })).toBeVisible();
  await expect(page.getByTestId('timetable-slot').first()).toBeVisible();
  const before = await page.getByTestId('timetable-slot').count();
  await page.getByRole('button', { name: '添加课程' }).click();
  const dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByLabel('学科'), dialog.locator('.ant-form-item', { has: page.getByLabel('学科') }).last(), '数学');
  await pickOption(page, dialog.getByLabel('年级'), dialog.locator('.ant-form-item', { has: page.getByLabel('年级') }).last(), '3年级');
  await dialog.getByRole('button', { name: label('保存') }).click(); // Tuesday 14:00 overlaps the teacher's 13:30 lesson
  await expect(dialog.getByText(/与该教师已有的课程时间冲突/)).toBeVisible();
  await pickOption(page, dialog.getByLabel('星期'), dialog.locator('.ant-form-item', { has: page.getByLabel('星期') }).last(), '周六');
  await dialog.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('课表已保存')).toBeVisible();
  await expect(page.getByTestId('timetable-slot')).toHaveCount(before + 1);
  await expect(page.locator('[data-weekday="6"]').getByTestId('timetable-slot')).toHaveCount(1);
  await expect(dialog).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('itinerant-timetable.png'), fullPage: true });
  await signOut(page);

  // the alliance admin sees the plan against what each school has sent, the schools behind first
  await signIn(page, 'alliance.admin', 'alliance_admin');
  await page.getByRole('menuitem', { name: '交流指标' }).click();
  await expect(page.getByText('计划与完成情况')).toBeVisible();
  await expect(page.getByText(/所学校未达标/)).toBeVisible();
  await expect(page.getByRole('img', { name: '各校交流完成情况' })).toBeVisible();
  await expect(page.locator('tr[data-behind="true"]').first()).toBeVisible();
  await expect(page.locator('tr[data-behind="false"]').filter({ hasText: '清溪县实验小学' })).toBeVisible();
  await page.getByRole('menuitem', { name: '交流安排' }).click();
  await page.getByLabel('状态').click();
  await page.locator('.ant-select-item-option', { hasText: '进行中' }).first().click();
  await expect(page.getByRole('cell', { name: '进行中' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '已驳回' })).toHaveCount(0);
});

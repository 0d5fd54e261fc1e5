import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn as signInAs, signOut } from './support.js';

/*
 * A term work plan to completion in the browser, on the demo data: a village school head writes the
 * school's plan for the coming term with a target and a milestone (the form refuses it without its fields), submits it; the
 * alliance admin approves it; the head reports the milestone done with an evidence file; the alliance
 * admin assesses the target and closes the plan, which then reads as closed and can no longer change.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

/**
 * The coming term (the demo data has plans for the current one, and a school has one plan per term) and a
 * day a month into it: terms run from 1 August and from 1 February (Asia/Shanghai).
 */
function comingTerm(): { term: string; dueOn: string } {
  const [year, month] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).split('-').map(Number) as [number, number];
  if (month >= 8) return { term: `${year}-${year + 1}-2`, dueOn: `${year + 1}-03-02` };
  if (month === 1) return { term: `${year - 1}-${year}-2`, dueOn: `${year}-03-02` };
  return { term: `${year}-${year + 1}-1`, dueOn: `${year}-09-01` };
}
const { term, dueOn } = comingTerm();

const openPlan = async (page: Page, title: string): Promise<void> => {
  await page.getByRole('menuitem', { name: '工作计划' }).click();
  await expect(page.getByRole('heading', { name: '学期工作计划' })).toBeVisible();
  await page.getByPlaceholder('搜索计划名称、负责人或学校').fill(title);
  await page.getByPlaceholder('搜索计划名称、负责人或学校').press('Enter');
  await pickOption(page, page.getByLabel('学期'), page.locator('.ant-select', { has: page.getByLabel('学期') }), term);
  await page.getByRole('row').filter({ hasText: title }).getByText(title, { exact: true }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
};

test('a school plan goes from draft to closed: targets, review, progress with evidence, assessment', async ({ page }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36).slice(-5);
  const title = `课堂教学改进计划${stamp}`;

  // the head writes the plan; the form names what is missing before anything is sent
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '工作计划' }).click();
  await expect(page.getByRole('heading', { name: '学期工作计划' })).toBeVisible();
  await page.getByRole('button', { name: '新建计划' }).click();
  const create = page.getByRole('dialog', { name: '新建计划' });
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(create.getByText('请填写计划名称')).toBeVisible();
  await expect(create.getByText('请填写工作目标')).toBeVisible();
  await pickOption(page, create.getByLabel('教联体'), create.locator('.ant-form-item', { has: page.getByLabel('教联体') }).last(), '清溪县实验小学教联体');
  await pickOption(page, create.getByLabel(/^学校/), create.locator('.ant-form-item', { has: page.getByLabel(/^学校/) }).last(), '临溪镇下湾村小学');
  await pickOption(page, create.getByLabel('学期'), create.locator('.ant-form-item', { has: page.getByLabel('学期') }).last(), term);
  await create.getByLabel('计划名称').fill(title);
  await create.getByLabel('工作目标').fill('三年级数学单元整体教学落地，课堂达标率提升到 85%。');
  await create.getByLabel('主要措施').fill('每两周一次联合教研；核心校骨干教师每月送教一次。');
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(page.getByText('计划已创建')).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByText('还没有目标任务')).toBeVisible();

  // a target broken down to the maths group, with a milestone a month into the term and its visible result
  await page.getByRole('button', { name: '添加目标任务' }).click();
  const target = page.getByRole('dialog', { name: '添加目标任务' });
  await target.getByLabel('目标任务').fill('完成三年级数学单元整体教学设计');
  await pickOption(page, target.getByLabel('对象类型').first(), target.locator('.ant-form-item', { has: page.getByLabel('对象类型').first() }).first(), '学科组');
  await target.getByLabel('名称').first().fill('数学组');
  await target.getByLabel('里程碑').fill('提交第一单元教学设计');
  await target.getByLabel('截止日期').fill(dueOn);
  await target.getByLabel('截止日期').press('Enter');
  await target.getByLabel('显性成果').fill('单元教学设计文稿一份');
  await target.getByRole('button', { name: label('保存') }).click();
  await expect(target).toBeHidden();
  const card = page.getByTestId('target-card').filter({ hasText: '完成三年级数学单元整体教学设计' });
  await expect(card).toContainText('学科组 · 数学组');
  await expect(card.getByTestId('milestone')).toContainText('提交第一单元教学设计');
  await expect(card.getByTestId('milestone')).toContainText('未开始');

  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText('计划状态已更新')).toBeVisible();
  await expect(page.getByRole('button', { name: '添加目标任务' })).toHaveCount(0); // a submitted plan is no longer a draft
  await expect(page.getByRole('button', { name: label('批准') })).toHaveCount(0); // the head does not approve their own plan

  // the alliance admin approves it
  await signOut(page);
  await signIn(page, 'alliance.admin');
  await openPlan(page, title);
  await expect(page.getByText('已提交').first()).toBeVisible();
  await page.getByRole('button', { name: label('批准') }).click();
  await expect(page.getByText('计划状态已更新')).toBeVisible();
  await expect(page.getByText('已批准').first()).toBeVisible();

  // the head reports the milestone done and uploads the design as evidence
  await signOut(page);
  await signIn(page, 'school.admin');
  await openPlan(page, title);
  const milestone = page.getByTestId('milestone').filter({ hasText: '提交第一单元教学设计' });
  await milestone.getByRole('button', { name: '填报进展' }).click();
  const progress = page.getByRole('dialog', { name: /填报进展/ });
  await pickOption(page, progress.getByLabel('状态'), progress.locator('.ant-form-item', { has: page.getByLabel('状态') }).last(), '已完成');
  await expect(progress.getByLabel('完成度')).toHaveValue('100');
  await progress.getByLabel('说明').fill('第一单元教学设计已在联合教研中定稿。');
  await progress.getByRole('button', { name: label('保存') }).click();
  await expect(page.getByText('进展已记录')).toBeVisible();
  await expect(milestone).toContainText('按时完成');
  await expect(page.getByText('里程碑 1/1 已完成')).toBeVisible();

  await milestone.getByRole('button', { name: '上传佐证' }).click();
  const upload = page.getByRole('dialog', { name: /上传佐证/ });
  await upload.locator('input[type=file]').setInputFiles({ name: '第一单元教学设计.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 第一单元教学设计\n%%EOF\n') });
  await upload.getByLabel('备注').fill('定稿');
  await upload.getByRole('button', { name: '上传佐证' }).click();
  await expect(page.getByText('佐证已上传')).toBeVisible();
  await expect(milestone).toContainText('第一单元教学设计.pdf · 定稿');
  await expect(page.getByText('完成评估')).toBeVisible();
  await expect(page.getByRole('button', { name: label('评估') })).toHaveCount(0); // the head does not assess their own targets

  // the alliance admin cannot close before every target is assessed; then assesses and closes
  await signOut(page);
  await signIn(page, 'alliance.admin');
  await openPlan(page, title);
  await page.getByRole('button', { name: label('结项') }).click();
  await expect(page.getByText('还有 1 项目标任务未评估，全部评估后才能结项')).toBeVisible();
  const assessment = page.getByTestId('target-card').filter({ hasText: '完成三年级数学单元整体教学设计' });
  await pickOption(page, assessment.getByLabel('评估结论'), assessment.locator('.ant-form-item', { has: page.getByLabel('评估结论') }).last(), '达成');
  await assessment.getByLabel('说明').last().fill('设计质量高，已在联盟内推广。');
  await assessment.getByRole('button', { name: label('评估') }).click();
  await expect(page.getByText('评估已保存')).toBeVisible();
  await expect(assessment).toContainText('设计质量高，已在联盟内推广。');
  await page.getByRole('button', { name: label('结项') }).click();
  await expect(page.getByText('计划状态已更新')).toBeVisible();
  await expect(page.getByText('已结项').first()).toBeVisible();
  await expect(page.getByRole('button', { name: label('评估') })).toHaveCount(0); // a closed plan no longer changes
  await expect(page.getByRole('button', { name: label('结项') })).toHaveCount(0);
});

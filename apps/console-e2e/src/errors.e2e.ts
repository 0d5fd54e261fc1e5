import { expect, test, type Locator, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn as signInAs } from './support.js';

/*
 * Server errors in the user's language: in the zh-CN console every kind of refusal the server gives
 * (a sign-in limit, a booking clash, a placement rule) reads in Chinese, with no English sentence,
 * and the same refusal reads in English once the user switches language.
 */
/** Two English words in a row: a sentence, not a file name, field name or unit. */
const ENGLISH_SENTENCE = /[A-Za-z]{3,} +[A-Za-z]{3,}/;

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

/** The visible text of the alerts (and field messages) in `scope`, which must be in Chinese. */
async function expectChineseOnly(scope: Locator): Promise<string> {
  await expect(scope.first()).toBeVisible();
  const text = (await scope.allInnerTexts()).join(' ').replace(/\s+/g, ' ');
  expect(text, `English in: ${text}`).not.toMatch(ENGLISH_SENTENCE);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  return text;
}

test('a guessed password is slowed down with a Chinese message', async ({ page }) => {
  await page.goto(`${stack.consoleUrl}/login`);
  const username = `guess.${Date.now().toString(36)}`;
  const alert = page.getByRole('alert').last();
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(`wrong-password-${attempt}`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: label('登录') }).click();
    expect((await answered).status()).toBe(401);
  }
  const limited = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: label('登录') }).click();
  expect((await limited).status()).toBe(429);
  await expect(alert).toContainText('登录失败次数过多');
  await expect(alert).toContainText(/请 \d+ 秒后再试/);
  await expectChineseOnly(alert);
  await page.screenshot({ path: test.info().outputPath('login-throttled.png') });
});

test('a booking clash says when the facility is taken, in Chinese and then in English', async ({ page }) => {
  await signIn(page, 'teacher');
  const day = new Date(Date.now() + 40 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const book = async (purpose: string): Promise<Locator> => {
    await page.getByRole('menuitem', { name: '共享场馆' }).click();
    await page.getByRole('row', { name: /百草园农耕基地/ }).getByRole('button', { name: label('预约') }).click();
    const dialog = page.getByRole('dialog');
    const [start, end] = [dialog.getByPlaceholder('开始日期'), dialog.getByPlaceholder('结束日期')];
    await start.click();
    await start.fill(`${day} 09:00`);
    await start.press('Enter');
    await end.fill(`${day} 10:00`);
    await end.press('Enter');
    await dialog.getByLabel('用途').fill(purpose);
    await dialog.getByRole('button', { name: label('提交') }).click();
    return dialog;
  };
  await book('五年级科学观察');
  await expect(page.getByText('预约申请已提交，等待对方学校审批')).toBeVisible();

  const dialog = await book('五年级科学观察（重复）');
  await expect(dialog.getByText(/已被预约/).first()).toBeVisible();
  await expect(dialog.getByText(/09:00/).first()).toBeVisible();
  await expectChineseOnly(dialog.locator('.ant-alert, .ant-form-item-explain'));
  await page.screenshot({ path: test.info().outputPath('booking-clash-zh.png') });

  // the same refusal in English once the user switches language: the console asks the server in English
  await dialog.getByRole('button', { name: label('取消') }).click();
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('menuitem', { name: 'Facilities' }).click();
  await page.getByRole('row', { name: /百草园农耕基地/ }).getByRole('button', { name: 'Book' }).click();
  const english = page.getByRole('dialog');
  const [start, end] = [english.getByPlaceholder('Start date'), english.getByPlaceholder('End date')];
  await start.click();
  await start.fill(`${day} 09:00`);
  await start.press('Enter');
  await end.fill(`${day} 10:00`);
  await end.press('Enter');
  await english.getByLabel('Purpose').fill('Grade 5 science, again');
  await english.getByRole('button', { name: /Submit/ }).click();
  await expect(english.getByText(/already booked/).first()).toBeVisible();
  expect((await english.locator('.ant-alert, .ant-form-item-explain').allInnerTexts()).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
});

test('an import preview lists every bad row of a roster with its reasons in Chinese', async ({ page }) => {
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '教师名册' }).click();
  await page.getByRole('button', { name: '批量导入' }).click();
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const rows = [
    '工号,姓名,性别,任教学科,职称,骨干级别,是否中层',
    `R${stamp}1,,未知,书法,,,`, // no name, an unknown gender, a subject the list lacks
    `R${stamp}2,钱文静,女,语文,特级,,也许`, // an unknown title and yes/no
    `R${stamp}2,钱文静,女,语文,二级,,否`, // the same staff number again
  ];
  await page.locator('input[type=file]').setInputFiles({ name: '教师名册.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${rows.join('\n')}\n`) });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByText(/有问题 3/)).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: '姓名不能为空' })).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: '重复' })).toBeVisible();
  await expectChineseOnly(preview.locator('.ant-table-tbody'));
  await page.screenshot({ path: test.info().outputPath('import-preview-zh.png'), fullPage: true });
});

test('a placement rule refuses an observation of two months with a Chinese reason under the field', async ({ page }) => {
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '交流安排' }).click();
  await page.getByRole('button', { name: '发起交流' }).click();
  const teacherPicker = page.getByRole('combobox', { name: /^\*?\s*教师$/ });
  await teacherPicker.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
  await page.getByLabel('交流类型').click();
  await page.locator('.ant-select-item-option', { hasText: '观摩' }).first().click();
  const hostSchool = page.locator('[id$="hosts_0_schoolId"]').first();
  await pickOption(page, hostSchool, page.locator('.ant-form-item', { has: hostSchool }).last(), '清溪县实验小学', '实验小学');
  await page.getByPlaceholder('开始日期').click();
  await page.getByPlaceholder('开始日期').fill('2027-05-03');
  await page.keyboard.press('Enter');
  await page.getByPlaceholder('结束日期').fill('2027-07-02');
  await page.keyboard.press('Tab');
  await page.getByRole('combobox', { name: '所属联盟' }).click();
  await page.locator('.ant-select-item-option', { hasText: '清溪县实验小学教联体' }).first().click();
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/teacher-exchange/placements') && r.request().method() === 'POST');
  await page.getByRole('button', { name: label('保存') }).click();
  expect((await answered).status()).toBe(400);
  await expect(page.getByText('观摩最长一个月').first()).toBeVisible();
  await expectChineseOnly(page.locator('main .ant-alert, main .ant-form-item-explain'));
  await page.screenshot({ path: test.info().outputPath('placement-rule-zh.png'), fullPage: true });
});

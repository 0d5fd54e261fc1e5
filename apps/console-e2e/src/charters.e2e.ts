import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs, signOut } from './support.js';

/*
 * Charters and agreements in the browser, on the demo data: the alliance admin drafts a cooperation
 * agreement (the form refuses it without a title and with a reversed validity) and sends it; the
 * school admin of 临溪镇下湾村小学 signs it for the school, and the version shows the signature with its
 * hash; the same head signs the demo charter's amendment, the last signature it waited for, and the
 * amendment comes into force.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const ALLIANCE = '清溪县实验小学教联体';
const SCHOOL = '临溪镇下湾村小学';
const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

const openCharters = async (page: Page): Promise<void> => {
  await page.goto(`${stack.consoleUrl}/alliances`);
  await page.getByRole('link', { name: ALLIANCE }).first().click();
  await page.getByRole('tab', { name: '章程与协议' }).click();
  await expect(page.getByTestId('charters')).toBeVisible();
};

test('an agreement is drafted, sent and signed; the last school\'s signature brings an amendment into force', async ({ page }) => {
  test.setTimeout(240_000);
  const title = `城乡学校合作协议${Date.now().toString(36).slice(-5)}`;

  await test.step('the alliance admin drafts an agreement; the form names what is wrong before anything is sent', async () => {
    await signIn(page, 'alliance.admin');
    await openCharters(page);
    await expect(page.getByRole('row').filter({ hasText: '清溪县实验小学教联体章程' })).toContainText(SCHOOL);
    await page.getByRole('button', { name: '起草章程或协议' }).click();
    const editor = page.getByRole('dialog', { name: '起草章程或协议' });
    await editor.getByLabel('生效日期').fill('2027-09-01');
    await editor.getByLabel('截止日期').fill('2027-08-31');
    await editor.getByRole('button', { name: label('保存') }).click();
    await expect(editor.getByText('请填写标题')).toBeVisible();
    await expect(editor.getByText('截止日期不能早于生效日期')).toBeVisible();
    await editor.getByLabel('类型').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '合作协议' }).click();
    await editor.getByLabel('标题').fill(title);
    await editor.getByLabel('正文').fill('第一条 双方在课程建设、教师研修和学生活动方面开展合作。\n第二条 本协议自各方签署之日起生效。');
    await editor.getByLabel('共享内容').fill('课程资源、名师课堂、功能室');
    await editor.getByLabel('争议解决').fill('由联盟理事会协商解决。');
    await editor.getByLabel('截止日期').fill('2029-08-31');
    await editor.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByText('草稿已创建')).toBeVisible();
  });

  await test.step('the alliance admin sends it for signing', async () => {
    const drawer = page.getByTestId('charter-version');
    await expect(drawer.getByTestId('charter-status')).toHaveText('草稿');
    await drawer.getByRole('button', { name: '发送签署' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: label('确定') }).click();
    await expect(page.getByText('已发送签署')).toBeVisible();
    await expect(drawer.getByTestId('charter-status')).toHaveText('签署中');
    // the alliance admin holds no school: no button to sign for one
    await expect(drawer.getByRole('button', { name: /代表.*签署/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await signOut(page);
  });

  await test.step('the school admin signs for the school; the signature shows who, when and the hash', async () => {
    await signIn(page, 'school.admin');
    await openCharters(page);
    await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: /第 1 版/ }).click();
    const drawer = page.getByTestId('charter-version');
    await drawer.getByRole('button', { name: `代表${SCHOOL}签署` }).click();
    await page.getByRole('tooltip').getByRole('button', { name: label('确定') }).click();
    await expect(page.getByText('已签署', { exact: true })).toBeVisible();
    const row = drawer.getByTestId('charter-signatures').getByRole('row').filter({ hasText: SCHOOL });
    await expect(row).toContainText('哈希一致');
    await expect(row).not.toContainText('未签署');
    await expect(drawer.getByTestId('charter-status')).toHaveText('签署中');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });

  await test.step('signing the amendment it was the last school for brings the amendment into force', async () => {
    const demo = page.getByRole('row').filter({ hasText: '清溪县实验小学教联体章程' });
    await demo.getByRole('button', { name: /第 2 版/ }).click();
    const drawer = page.getByTestId('charter-version');
    await expect(drawer.getByTestId('charter-status')).toHaveText('签署中');
    await drawer.getByRole('button', { name: `代表${SCHOOL}签署` }).click();
    await page.getByRole('tooltip').getByRole('button', { name: label('确定') }).click();
    await expect(page.getByText('所有学校均已签署，版本已生效')).toBeVisible();
    await expect(drawer.getByTestId('charter-status')).toHaveText('已生效');
    await page.keyboard.press('Escape');
    await expect(demo).toContainText('均已签署');
  });
});

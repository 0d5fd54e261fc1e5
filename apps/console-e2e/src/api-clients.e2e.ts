import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

/*
 * A district admin registers a third-party application in the browser: the form asks for a scope
 * first; the secret is shown once (and never again in the list); the secret works at the token
 * endpoint; revoking the client (after a confirmation) ends it, and the secret stops working.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

async function tokenStatus(clientId: string, clientSecret: string): Promise<number> {
  const response = await fetch(`${stack.gatewayUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return response.status;
}

test('a district admin registers an API client, sees its secret once, and revokes it', async ({ page }) => {
  const name = `区域数据中心${Date.now().toString(36).slice(-5)}`;
  await signIn(page, 'district.admin');
  await page.getByRole('menuitem', { name: '第三方应用' }).click();
  await expect(page.getByRole('heading', { name: '第三方应用' })).toBeVisible();

  await page.getByRole('button', { name: '登记应用' }).click();
  const create = page.getByRole('dialog', { name: '登记第三方应用' });
  await create.getByLabel('应用名称').fill(name);
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(create.getByText('请至少选择一项权限范围')).toBeVisible();
  await create.getByTestId('scopes-membership').getByText('读取').click();
  await create.getByRole('button', { name: label('新建') }).click();

  const secretDialog = page.getByRole('dialog', { name: '请立即保存应用密钥' });
  await expect(secretDialog.getByText('密钥只显示这一次')).toBeVisible();
  const clientId = (await secretDialog.getByTestId('client-id').textContent()) ?? '';
  const clientSecret = await secretDialog.getByTestId('client-secret').inputValue();
  expect(clientId).toMatch(/^jlc_/);
  expect(clientSecret).toMatch(/^jls_/);
  expect(await tokenStatus(clientId, clientSecret)).toBe(200);
  await secretDialog.getByRole('button', { name: '我已保存' }).click();
  await expect(secretDialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(clientId);
  await expect(row).toContainText('学校与联盟 · 读取');
  await expect(row).toContainText('启用');
  await expect(page.getByText(clientSecret)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  expect(await page.content()).not.toContain(clientSecret);

  await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: label('吊销') }).click();
  await expect(page.getByText('吊销后该应用的密钥和访问令牌立即失效')).toBeVisible();
  await page.locator('.ant-popover').getByRole('button', { name: label('确定') }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('已吊销');
  expect(await tokenStatus(clientId, clientSecret)).toBe(401);
});

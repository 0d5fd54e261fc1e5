import { expect, test, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readState, type StackState } from '../stack.js';
import { label, pickOption, signIn } from './support.js';

/*
 * Webhooks (事件推送) in the browser, against a real local receiver: a district admin subscribes an
 * endpoint (the form names what is missing and refuses a URL that is not one), copies the secret
 * shown once, sends a test event that arrives signed, sees a failed test in the delivery log with the
 * receiver's status, replays it with the same webhook-id once the receiver is back, and pauses and
 * resumes the subscription.
 */

let stack: StackState;
let server: http.Server;
let receiverUrl: string;
let answer = 200;
const received: { id: string; signature: string }[] = [];

test.beforeAll(async () => {
  stack = readState();
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id']), signature: String(req.headers['webhook-signature']) });
      res.writeHead(answer).end(answer < 300 ? 'ok' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const deliveryRows = (page: Page) => page.getByRole('row').filter({ hasText: 'webhook.ping' });

test('a district admin subscribes an endpoint, tests it, replays a failed delivery and pauses the subscription', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36).slice(-5);
  await signIn(page, stack, 'district.admin', 'district_admin');
  await page.getByRole('menuitem', { name: '事件推送' }).click();
  await expect(page.getByRole('heading', { name: '事件推送' })).toBeVisible();

  // the form names what is missing, and what is not a URL, before anything is sent
  await page.getByRole('button', { name: '新建订阅' }).click();
  const create = page.getByRole('dialog', { name: '新建订阅' });
  await create.getByRole('button', { name: label('新建') }).click();
  await expect(create.getByText('请填写推送地址')).toBeVisible();
  await expect(create.getByText('请填写事件类型')).toBeVisible();
  await create.getByLabel('推送地址').fill('数据中心');
  await expect(create.getByText('请输入以 https:// 开头的完整网址')).toBeVisible();
  await create.getByLabel('推送地址').fill(receiverUrl);
  await pickOption(page, create.getByLabel('事件类型'), create.locator('.ant-form-item', { has: page.getByLabel('事件类型') }).last(), 'school.renamed', 'school.renamed');
  await create.getByLabel(/^说明/).fill(`区域数据中心${stamp}`);
  await create.getByRole('button', { name: label('新建') }).click();

  // the secret, once
  const secretDialog = page.getByRole('dialog', { name: '订阅已创建：请保存签名密钥' });
  await expect(secretDialog.getByText('密钥只显示这一次，关闭后无法再次查看。')).toBeVisible();
  await expect(secretDialog.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
  await secretDialog.getByRole('button', { name: '我已保存' }).click();
  await expect(page.getByRole('heading', { name: '推送订阅详情' })).toBeVisible();
  await expect(page.getByText(receiverUrl)).toBeVisible();
  await expect(page.getByTestId('subscription-status')).toHaveText('启用');

  // a test event arrives signed
  await page.getByRole('button', { name: '发送测试' }).click();
  await expect(page.getByText('测试消息已送达（HTTP 200）')).toBeVisible();
  expect(received).toHaveLength(1);
  expect(received[0]!.signature).toMatch(/^v1,/);
  await expect(deliveryRows(page).first()).toContainText('已送达');

  // a failed one shows in the log with the receiver's answer, and a replay delivers it with the same webhook-id
  answer = 503;
  await page.getByRole('button', { name: '发送测试' }).click();
  await expect(page.getByText('测试消息未送达：503')).toBeVisible();
  const failed = deliveryRows(page).filter({ hasText: '失败' }).first();
  await expect(failed).toBeVisible();
  await failed.getByRole('button', { name: '展开行' }).click();
  await expect(page.getByText('receiver down')).toBeVisible();
  answer = 200;
  await failed.getByRole('button', { name: label('重发') }).click();
  await expect(page.getByText('已安排重发')).toBeVisible();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(3);
  expect(received[2]!.id).toBe(received[1]!.id);
  await expect(deliveryRows(page).filter({ hasText: '失败' })).toHaveCount(0, { timeout: 15_000 });

  // pause and resume
  await page.getByRole('button', { name: label('暂停') }).click();
  await expect(page.getByTestId('subscription-status')).toHaveText('已暂停');
  await page.getByRole('button', { name: label('恢复') }).click();
  await expect(page.getByTestId('subscription-status')).toHaveText('启用');

  // the list finds it by its description, with its status
  await page.getByRole('menuitem', { name: '事件推送' }).click();
  await page.getByPlaceholder('搜索推送地址或说明').fill(`区域数据中心${stamp}`);
  await page.getByPlaceholder('搜索推送地址或说明').press('Enter');
  await expect(page.getByRole('row').filter({ hasText: `区域数据中心${stamp}` })).toContainText('启用');
});

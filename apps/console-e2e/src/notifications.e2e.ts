import { expect, test, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readState, type StackState } from '../stack.js';
import { demoLogin, label, pickOption, signIn as signInAs, signOut } from './support.js';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string, role: string): Promise<void> => signInAs(page, stack, username, role);

/** A WeCom group robot on this machine: it takes markdown posts to /cgi-bin/webhook/send?key=… and answers as WeCom does. */
async function weComGroup(key: string): Promise<{ url: string; contents: string[]; close: () => Promise<void> }> {
  const contents: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://robot');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { msgtype?: string; markdown?: { content?: string } };
      const ok = url.pathname === '/cgi-bin/webhook/send' && url.searchParams.get('key') === key && body.msgtype === 'markdown' && typeof body.markdown?.content === 'string';
      if (ok) contents.push(body.markdown!.content!);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${key}`, contents, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Signs in over the API (as the console does) for the steps that are not what this test is about. */
async function apiToken(username: string): Promise<string> {
  const login = demoLogin(stack, username);
  const answer = await fetch(`${stack.gatewayUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: login.username, password: login.password }),
  });
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function apiGet<T>(token: string, path: string): Promise<T> {
  return (await (await fetch(`${stack.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
}

test('a village school head sees a waiting placement approval in the bell and in the school\'s WeCom group', async ({ page }) => {
  const group = await weComGroup(`e2e${Date.now().toString(36)}`);
  try {
    // the district admin points a WeCom group robot of the village school at the group, and tests it
    await signIn(page, 'district.admin', 'district_admin');
    await page.getByTestId('notification-bell').click();
    await page.getByRole('button', { name: '群机器人' }).click();
    await expect(page.getByRole('heading', { name: '群机器人' })).toBeVisible();
    await page.getByRole('button', { name: '添加机器人' }).click();
    const dialog = page.getByRole('dialog');
    await pickOption(page, dialog.getByRole('combobox', { name: '所属' }), dialog.locator('.ant-form-item', { hasText: '所属' }), '临溪镇下湾村小学', '下湾');
    await dialog.getByRole('textbox', { name: '名称' }).fill('下湾村小教务群');
    await dialog.getByRole('textbox', { name: '机器人地址' }).fill(group.url);
    await dialog.getByRole('button', { name: label('确定') }).click();
    await expect(page.getByText('机器人已添加')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '下湾村小教务群' });
    await expect(row).toContainText('交流安排待审批');
    await expect(row).not.toContainText(group.url.split('key=')[1]!);
    await row.getByRole('button', { name: '发送测试消息' }).click();
    await expect(page.getByText('测试消息已送达')).toBeVisible();
    expect(group.contents.at(-1)).toContain('教联平台测试消息');
    await signOut(page);

    // a placement of one of the school's teachers is proposed (over the API: the placement form has tests of its own)
    const district = await apiToken('district.admin');
    const schools = await apiGet<{ items: { id: string; name: string }[] }>(district, `/api/v1/schools?q=${encodeURIComponent('清溪县实验小学')}`);
    const village = await apiGet<{ items: { id: string; name: string }[] }>(district, `/api/v1/schools?q=${encodeURIComponent('临溪镇下湾村小学')}`);
    const villageId = village.items.find((s) => s.name === '临溪镇下湾村小学')!.id;
    const teachers = await apiGet<{ items: { id: string }[] }>(district, `/api/v1/teacher-exchange/teachers?schoolId=${villageId}&pageSize=100`);
    // named: other browser tests put the two schools in an alliance of their own too, and then the placement must say which
    const alliances = await apiGet<{ items: { id: string; name: string }[] }>(district, `/api/v1/alliances?q=${encodeURIComponent('清溪县实验小学教联体')}`);
    const allianceId = alliances.items.find((a) => a.name === '清溪县实验小学教联体')!.id;
    const day = 1 + (Date.now() % 27);
    const startsOn = `2032-04-${String(day).padStart(2, '0')}`;
    const proposed = await fetch(`${stack.gatewayUrl}/api/v1/teacher-exchange/placements`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${district}` },
      body: JSON.stringify({ teacherId: teachers.items.at(-2)!.id, kind: 'observation', allianceId, hosts: [{ schoolId: schools.items.find((s) => s.name === '清溪县实验小学')!.id }], startsOn, endsOn: startsOn }),
    });
    expect(proposed.status, await proposed.clone().text()).toBe(201);

    // the head sees it in the bell, reads it and follows its link
    await signIn(page, 'school.admin', 'school_admin');
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('notification-count')).toContainText(/[1-9]/, { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').filter({ hasText: startsOn });
    await expect(item).toContainText('待审批：');
    await expect(item).toContainText('请临溪镇下湾村小学审批');
    await item.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(/\/teacher-exchange\/placements$/);

    // and the school's WeCom group got it, in Chinese, with a link to the console
    await expect.poll(() => group.contents.find((c) => c.includes(startsOn)) ?? '', { timeout: 20_000 }).toContain('### 待审批：');
    expect(group.contents.find((c) => c.includes(startsOn))).toContain('/teacher-exchange/placements)');
  } finally {
    await group.close();
  }
});

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { demoLogin, label, signIn as signInAs, signOut } from './support.js';

/*
 * An alliance across districts in the browser, on the demo data: 溪南县's 溪口镇中心小学 is taken out of
 * 清溪—溪南跨区域教育联盟 and invited again (through the API, as the alliance's district admin); then
 * 溪南县's district admin approves in the console, the school's admin accepts, 清溪县's district admin
 * approves last, and the school's teacher sees the alliance's activity but none of 清溪县's schools.
 */

const ALLIANCE = '清溪—溪南跨区域教育联盟';
const SCHOOL = '溪南县溪口镇中心小学';
const ACTIVITY = '跨区域联合教研：乡村小学英语课堂教学';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const login = demoLogin(stack, username);
  const response = await request.post(`${stack.gatewayUrl}/api/v1/auth/login`, { data: { username: login.username, password: login.password } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Opens the join requests and the row of the school's request in the alliance. */
async function requestRow(page: Page, filter?: string) {
  await page.goto(`${stack.consoleUrl}/join-requests`);
  if (filter) await page.getByText(filter, { exact: true }).click();
  const row = page.getByTestId('join-requests').getByRole('row', { name: new RegExp(`${ALLIANCE}.*${SCHOOL}`) }).first();
  await expect(row).toBeVisible();
  return row;
}

test('a school of another district joins with both districts\' approval and sees the alliance\'s activity, not the other district\'s schools', async ({ page, request }) => {
  test.setTimeout(240_000);
  // set-up through the API: the school leaves, and the alliance's district invites it again
  const districtA = { Authorization: `Bearer ${await apiToken(request, 'district.admin')}` };
  const alliances = await (await request.get(`${stack.gatewayUrl}/api/v1/alliances?q=${encodeURIComponent('跨区域')}`, { headers: districtA })).json() as { items: { id: string; name: string }[] };
  const allianceId = alliances.items.find((a) => a.name === ALLIANCE)!.id;
  const detail = await (await request.get(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}`, { headers: districtA })).json() as { members: { school: { id: string; name: string }; status: string }[] };
  const schoolId = detail.members.find((m) => m.school.name === SCHOOL)!.school.id;
  if (detail.members.some((m) => m.school.id === schoolId && m.status === 'active')) {
    const left = await request.post(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}/leave`, { headers: districtA, data: { schoolId, reason: '浏览器测试：重新办理跨区域加入' } });
    expect(left.status()).toBe(200);
  }
  const invited = await request.post(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}/invitations`, { headers: districtA, data: { schoolId, message: '诚邀贵校跨区域加入' } });
  expect(invited.status()).toBe(201);

  // 溪南县's district admin finds it waiting for their approval, with both districts' state, and approves
  await signIn(page, 'district.admin.b');
  let row = await requestRow(page, '待我审批');
  await expect(row.getByTestId('join-request-approvals')).toContainText('溪南县教育局：待审批');
  await expect(row.getByTestId('join-request-approvals')).toContainText('清溪县教育局：待审批');
  await row.getByRole('button', { name: label('同意') }).click();
  const approve = page.getByRole('dialog');
  await approve.getByRole('textbox').fill('同意本县学校跨区域加入');
  await approve.getByRole('button', { name: label('同意') }).click();
  await expect(page.getByText('已审批')).toBeVisible();
  // the district's school list still holds only its own schools
  await page.goto(`${stack.consoleUrl}/schools`);
  await expect(page.getByText('溪南县城南小学')).toBeVisible();
  await expect(page.getByText('清溪县实验小学')).toHaveCount(0);
  await signOut(page);

  // the school's admin accepts the invitation: it now waits for 清溪县
  await signIn(page, 'school.admin.b');
  row = await requestRow(page);
  await row.getByRole('button', { name: label('接受') }).click();
  await page.getByRole('dialog').getByRole('button', { name: label('接受') }).click();
  await expect(page.getByText('已接受，待教育局审批')).toBeVisible();
  await signOut(page);

  // 清溪县's district admin approves last: the school joins
  await signIn(page, 'district.admin');
  row = await requestRow(page, '待我审批');
  await row.getByRole('button', { name: label('同意') }).click();
  await page.getByRole('dialog').getByRole('button', { name: label('同意') }).click();
  await expect(page.getByText('已审批')).toBeVisible();
  row = await requestRow(page, '已接受');
  await expect(row.getByTestId('join-request-approvals')).toContainText('清溪县教育局：已同意');
  await expect(row.getByTestId('join-request-approvals')).toContainText('溪南县教育局：已同意');
  await signOut(page);

  // the school's teacher sees the alliance's activity (once the activities service has heard of the join), and none of 清溪县's schools
  await signIn(page, 'teacher.b');
  await expect(async () => {
    await page.goto(`${stack.consoleUrl}/activities`);
    await page.getByText('列表', { exact: true }).click();
    await expect(page.getByRole('link', { name: ACTIVITY }).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  const clqSchool = await (await request.get(`${stack.gatewayUrl}/api/v1/schools?q=${encodeURIComponent('实验小学')}`, { headers: districtA })).json() as { items: { id: string; name: string }[] };
  const core = clqSchool.items.find((s) => s.name === '清溪县实验小学')!;
  await page.goto(`${stack.consoleUrl}/schools/${core.id}`);
  await expect(page.getByText('清溪县实验小学')).toHaveCount(0);
});

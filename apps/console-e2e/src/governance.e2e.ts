import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { demoLogin, label, pickOption, signIn as signInAs } from './support.js';

/*
 * The rest of alliance governance in the browser, on the demo data: the invite dialog offers the other
 * county's schools with their district's name; the other county's district admin takes their own school
 * out of the alliance across the two counties (and it is brought back through the API); the plan and
 * activity forms pick the body from the alliance's bodies, whose page lists its plans and activities;
 * a charter draft gets an uploaded file as its text, shown with its SHA-256 and downloaded byte for byte.
 */

const INTEGRATED = '清溪县实验小学教联体';
const CROSS = '清溪—溪南跨区域教育联盟';
const FOREIGN_SCHOOL = '溪南县溪口镇中心小学';

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

async function openAlliance(page: Page, name: string): Promise<void> {
  await page.goto(`${stack.consoleUrl}/alliances`);
  await page.getByRole('link', { name }).first().click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function apiAs(request: APIRequestContext, username: string): Promise<{ authorization: string }> {
  const login = demoLogin(stack, username);
  const response = await request.post(`${stack.gatewayUrl}/api/v1/auth/login`, { data: { username: login.username, password: login.password } });
  expect(response.status()).toBe(200);
  return { authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
}

test('the invite dialog lists the schools of the other county with its district\'s name', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'alliance.admin');
  await openAlliance(page, INTEGRATED);
  await page.getByRole('button', { name: '邀请学校' }).click();
  const dialog = page.getByRole('dialog', { name: `邀请学校加入“${INTEGRATED}”` });
  await dialog.getByLabel('受邀学校').click();
  await dialog.getByLabel('受邀学校').fill('溪南');
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await expect(options.filter({ hasText: '溪南县城南小学' })).toContainText('溪南县教育局');
  await dialog.getByLabel('受邀学校').fill('临溪镇初级');
  await expect(options.filter({ hasText: '临溪镇初级中学' })).toBeVisible();
  await expect(options.filter({ hasText: '临溪镇初级中学' })).not.toContainText('教育局');
  await dialog.getByRole('button', { name: label('取消') }).click();
});

/** The alliance across the counties, and whether the other county's school is an active member of it. */
async function crossAlliance(request: APIRequestContext): Promise<{ allianceId: string; member: boolean }> {
  const districtA = await apiAs(request, 'district.admin');
  const alliances = await (await request.get(`${stack.gatewayUrl}/api/v1/alliances?q=${encodeURIComponent('跨区域')}`, { headers: districtA })).json() as { items: { id: string; name: string }[] };
  const allianceId = alliances.items.find((a) => a.name === CROSS)!.id;
  const detail = await (await request.get(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}`, { headers: districtA })).json() as { members: { school: { name: string }; status: string }[] };
  return { allianceId, member: detail.members.some((m) => m.school.name === FOREIGN_SCHOOL && m.status === 'active') };
}

/** Brings the other county's school back into the alliance through the API, with both districts' approval. */
async function rejoin(request: APIRequestContext, allianceId: string): Promise<void> {
  const [districtA, districtB, head] = [await apiAs(request, 'district.admin'), await apiAs(request, 'district.admin.b'), await apiAs(request, 'school.admin.b')];
  const candidates = await (await request.get(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}/invite-candidates?districts=other&q=${encodeURIComponent('溪口镇')}`, { headers: districtA })).json() as { items: { id: string }[] };
  const invited = await request.post(`${stack.gatewayUrl}/api/v1/alliances/${allianceId}/invitations`, { headers: districtA, data: { schoolId: candidates.items[0]!.id } });
  expect(invited.status()).toBe(201);
  const id = ((await invited.json()) as { id: string }).id;
  expect((await request.post(`${stack.gatewayUrl}/api/v1/join-requests/${id}/approval`, { headers: districtB, data: { decision: 'approve' } })).status()).toBe(200);
  expect((await request.post(`${stack.gatewayUrl}/api/v1/join-requests/${id}/respond`, { headers: head, data: { decision: 'accept' } })).status()).toBe(200);
  const approved = await request.post(`${stack.gatewayUrl}/api/v1/join-requests/${id}/approval`, { headers: districtA, data: { decision: 'approve' } });
  expect(((await approved.json()) as { status: string }).status).toBe('accepted');
}

test('the other county\'s district admin takes their own school out of the alliance across the counties', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { allianceId, member } = await crossAlliance(request);
  if (!member) await rejoin(request, allianceId);
  await signIn(page, 'district.admin.b');
  await openAlliance(page, CROSS);
  const members = page.getByTestId('alliance-members');
  await expect(members.getByRole('row').filter({ hasText: '清溪县城东小学' }).getByRole('button', { name: label('退出') })).toHaveCount(0);
  await members.getByRole('row').filter({ hasText: FOREIGN_SCHOOL }).getByRole('button', { name: label('退出') }).click();
  const dialog = page.getByRole('dialog', { name: `“${FOREIGN_SCHOOL}”退出教联体` });
  await dialog.getByLabel('退出原因').fill('本学期交流结束');
  await dialog.getByRole('button', { name: label('退出') }).click();
  await expect(page.getByText('学校已退出教联体')).toBeVisible();
  expect((await crossAlliance(request)).member).toBe(false);
  // with its school out, nothing of the alliance is left to the other county
  await page.goto(`${stack.consoleUrl}/alliances`);
  await expect(page.getByRole('link', { name: CROSS })).toHaveCount(0);

  // back in, for the tests that follow
  await rejoin(request, allianceId);
});

test('the plan and activity forms pick the body from the alliance\'s bodies, and the body lists what it owns and runs', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'alliance.admin');
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

  await page.goto(`${stack.consoleUrl}/plans`);
  await page.getByRole('button', { name: '新建计划' }).click();
  const plan = page.getByRole('dialog', { name: '新建计划' });
  await pickOption(page, plan.getByLabel('教联体'), plan.locator('.ant-form-item', { has: page.getByLabel('教联体') }), INTEGRATED);
  await plan.getByLabel('负责机构').click();
  await expect(options.filter({ hasText: '教联体理事会（理事会）' })).toBeVisible();
  await page.keyboard.press('Escape');
  await plan.getByRole('button', { name: label('取消') }).click();

  await page.goto(`${stack.consoleUrl}/activities/new`);
  const alliance = page.locator('.ant-form-item', { has: page.getByLabel('教联体') });
  await pickOption(page, page.getByLabel('教联体'), alliance, INTEGRATED);
  await page.getByLabel('承办机构').click();
  await expect(options.filter({ hasText: '教联体理事会（理事会）' })).toBeVisible();
  await page.keyboard.press('Escape');

  await openAlliance(page, INTEGRATED);
  await page.getByRole('tab', { name: '组织机构' }).click();
  await page.getByTestId('org-tree').getByRole('link', { name: '教联体理事会' }).first().click();
  await expect(page.getByRole('heading', { name: '教联体理事会' })).toBeVisible();
  await expect(page.getByText('负责的工作计划', { exact: true })).toBeVisible();
  await expect(page.getByText('承办的活动', { exact: true })).toBeVisible();
  await expect(page.getByTestId('body-activities')).toBeVisible();
});

test('a charter draft takes an uploaded file as its text, shown with its SHA-256 and downloaded byte for byte', async ({ page }) => {
  test.setTimeout(180_000);
  const title = `联盟合作协议（扫描件）${Date.now().toString(36).slice(-4)}`;
  const bytes = Buffer.from(`%PDF-1.4 ${title} 盖章扫描件`, 'utf8');
  const sha = createHash('sha256').update(bytes).digest('hex');

  await signIn(page, 'alliance.admin');
  await openAlliance(page, INTEGRATED);
  await page.getByRole('tab', { name: '章程与协议' }).click();
  await page.getByRole('button', { name: '起草章程或协议' }).click();
  const editor = page.getByRole('dialog', { name: '起草章程或协议' });
  await editor.getByLabel('类型').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '合作协议' }).click();
  await editor.getByLabel('标题').fill(title);
  await editor.getByRole('button', { name: label('保存') }).click();

  const version = page.getByTestId('charter-version');
  await expect(version).toBeVisible();
  await version.locator('input[type=file]').setInputFiles({ name: '合作协议扫描件.pdf', mimeType: 'application/pdf', buffer: bytes });
  await expect(page.getByText('附件已上传')).toBeVisible();
  await expect(version.getByTestId('charter-file')).toContainText(`合作协议扫描件.pdf · ${bytes.length} B · SHA-256 ${sha.slice(0, 12)}`);

  const [download] = await Promise.all([page.waitForEvent('download'), version.getByRole('button', { name: '下载附件' }).click()]);
  expect(download.suggestedFilename()).toBe('合作协议扫描件.pdf');
  expect(createHash('sha256').update(await readFile(await download.path())).digest('hex')).toBe(sha);
});

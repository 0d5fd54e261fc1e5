import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { signOut } from './support.js';

/** antd puts a space between the two characters of a two-character Chinese button label. */
const label = (text: string) => new RegExp([...text].join('\\s*'));

interface Login {
  username: string;
  password: string;
}

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const loginFor = (username: string, role: string): Login => {
  const found = stack.logins.find((l) => l.username === username) ?? stack.logins.find((l) => l.role === role);
  if (!found) throw new Error(`the demo data has no ${username} (${role}) login`);
  return found;
};

async function apiLogin(request: APIRequestContext, login: Login) {
  const response = await request.post(`${stack.gatewayUrl}/api/v1/auth/login`, { data: { username: login.username, password: login.password } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { accessToken: string; user: { districtId: string; assignments: { role: string; schoolId?: string | null; scopeName?: string | null }[] } };
}

async function signIn(page: Page, login: Login) {
  await page.goto(`${stack.consoleUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}


/**
 * Picks an option of a searchable select (the school pickers search the server as you type). The
 * option list can be re-rendered under the click when the search answer arrives, so the pick is
 * checked in the field and tried again until the field shows it.
 */
async function pickOption(page: Page, fieldLabel: string, search: string) {
  const input = page.getByLabel(fieldLabel, { exact: true });
  // the field's text is the chosen option's label (typed search text is an input value, not text)
  const picked = page.locator('.ant-form-item', { has: input });
  await expect(async () => {
    await input.click();
    await input.fill(search);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: search }).first().click({ timeout: 3_000 });
    await expect(picked).toContainText(search, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test('a district admin builds and starts an alliance, a village school joins it, all in Chinese and English', async ({ page, request }) => {
  const districtAdmin = loginFor('district.admin', 'district_admin');
  const schoolAdmin = loginFor('school.admin', 'school_admin');

  // Which school school.admin runs, and another school to be the core school.
  const schoolSession = await apiLogin(request, schoolAdmin);
  const assignment = schoolSession.user.assignments.find((a) => a.role === 'school_admin' && a.schoolId);
  expect(assignment?.schoolId, 'school.admin has a school').toBeTruthy();
  const adminSession = await apiLogin(request, districtAdmin);
  const schools = await request.get(`${stack.gatewayUrl}/api/v1/schools?pageSize=50`, { headers: { Authorization: `Bearer ${adminSession.accessToken}` } });
  const schoolList = (await schools.json()) as { items: { id: string; name: string; locale: string }[] };
  const memberSchool = schoolList.items.find((s) => s.id === assignment?.schoolId);
  const coreSchool = schoolList.items.find((s) => s.id !== assignment?.schoolId && s.locale !== 'village') ?? schoolList.items.find((s) => s.id !== assignment?.schoolId);
  expect(memberSchool, "school.admin's school is in the district").toBeTruthy();
  expect(coreSchool).toBeTruthy();
  if (!memberSchool || !coreSchool) return;

  await test.step('wrong credentials are refused with a clear message', async () => {
    await page.goto(`${stack.consoleUrl}/login`);
    await page.getByLabel('用户名').fill(districtAdmin.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: label('登录') }).click();
    await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  });

  await test.step('the district admin sees the overview counts', async () => {
    await signIn(page, districtAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole('menuitem', { name: '区域概览' }).click();
    await expect(page).toHaveURL(/\/overview$/);
    const schoolsCard = page.getByTestId('stat-schools');
    await expect(schoolsCard).toContainText('学校');
    await expect(schoolsCard.locator('.ant-statistic-content-value')).not.toHaveText('0');
    await expect(page.getByRole('img', { name: '教联体类型' })).toBeVisible();
    await expect(page.getByText('服务运行状态')).toBeVisible();
  });

  await test.step('a bad school form shows the field error and sends nothing', async () => {
    await page.getByRole('menuitem', { name: '学校管理' }).click();
    await page.getByRole('button', { name: '新建学校' }).click();
    await expect(page).toHaveURL(/\/schools\/new$/);
    await page.getByRole('textbox', { name: '学校标识码' }).fill('12345');
    await page.getByRole('textbox', { name: '学校名称' }).fill('测试小学');
    await page.getByRole('textbox', { name: '乡镇/街道' }).fill('测试镇');
    await page.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByText('学校标识码必须是 10 位数字')).toBeVisible();
    await expect(page).toHaveURL(/\/schools\/new$/);
  });

  const allianceName = `E2E教联体${Date.now().toString().slice(-6)}`;
  await test.step('the district admin creates an alliance and invites the village school', async () => {
    await page.getByRole('menuitem', { name: '教联体' }).click();
    await page.getByRole('button', { name: '新建教联体' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(allianceName);
    // A school may be in only one active 教联体, so this one is an 教育联盟.
    await dialog.getByText('教育联盟', { exact: true }).click();
    await pickOption(page, '核心校', coreSchool.name);
    await dialog.getByRole('button', { name: label('新建') }).click();
    await expect(page.getByRole('heading', { name: allianceName })).toBeVisible();
    await expect(page.getByText('筹建中')).toBeVisible();

    await page.getByRole('button', { name: label('启动') }).click();
    await page.getByRole('tooltip').getByRole('button', { name: label('确定') }).click();
    await expect(page.getByText('教联体已启动')).toBeVisible();
    await expect(page.getByText('运行中')).toBeVisible();

    await page.getByRole('button', { name: '邀请学校' }).click();
    await pickOption(page, '受邀学校', memberSchool.name);
    await page.getByRole('dialog').getByRole('button', { name: '邀请学校' }).click();
    await expect(page.getByText('邀请已发出')).toBeVisible();
    await page.getByRole('tab', { name: '邀请与申请' }).click();
    await expect(page.getByTestId('join-requests')).toContainText(memberSchool.name);
    await expect(page.getByTestId('join-requests')).toContainText('待处理');
    await signOut(page);
  });

  await test.step("the village school's admin lands on the dashboard of their own scope", async () => {
    await signIn(page, schoolAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    const membership = page.getByTestId('dashboard-membership');
    await expect(membership).toContainText('运行中的教联体');
    await expect(membership).toContainText('待处理入盟申请');
    // a school head sees their alliances, not the district-wide school count
    await expect(membership).not.toContainText('学校数');
    await expect(page.getByTestId('dashboard-teacher-exchange')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('dashboard-school-admin.png'), fullPage: true });
  });

  await test.step("the village school's admin accepts the invitation", async () => {
    await page.getByRole('menuitem', { name: '入盟审批' }).click();
    const row = page.getByRole('row', { name: new RegExp(allianceName) });
    await row.getByRole('button', { name: label('接受') }).click();
    await page.getByRole('dialog').getByRole('button', { name: label('接受') }).click();
    await expect(page.getByText('已处理')).toBeVisible();
  });

  await test.step('the school is listed as a member of the alliance', async () => {
    await page.getByRole('menuitem', { name: '教联体' }).click();
    await page.getByRole('link', { name: allianceName }).click();
    const members = page.getByTestId('alliance-members');
    await expect(members).toContainText(memberSchool.name);
    await expect(members).toContainText('成员校');
  });

  await test.step('switching to English relabels the console and is remembered', async () => {
    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('tab', { name: /Current members/ })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Join requests' })).toBeVisible();
    await expect(page.getByTestId('alliance-members')).toContainText('Member school');
    await page.reload();
    await expect(page.getByRole('menuitem', { name: 'My school' })).toBeVisible();
  });
});

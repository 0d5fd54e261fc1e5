import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { signIn } from './support.js';

/*
 * Accessibility of every page of the menu, for every demo role, in Chinese and in English: axe-core's
 * WCAG 2.1 A and AA rules find no serious or critical violation; every page has one h1, a navigation
 * landmark and a main landmark; the user menu opens from the keyboard. A path already scanned for an
 * earlier role is checked for its h1 and landmarks but not scanned again (a scan takes seconds).
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let stack: StackState;
const scanned = new Set<string>();
test.beforeAll(() => {
  stack = readState();
});

interface Finding { page: string; rule: string; impact: string; help: string; targets: string[] }

async function scan(page: Page, where: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: where, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}` : ''}`) }));
}

/** The paths of the menu's entries, read from the menu itself. */
async function menuEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /主菜单|Main menu/ });
  await expect(nav).toBeVisible();
  return nav.getByRole('menuitem').allTextContents();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.page-loading, .ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 20_000 });
}

const ROLES = ['platform_admin', 'district_admin', 'alliance_admin', 'school_admin', 'teacher'];

for (const role of ROLES) {
  test(`every page of the ${role} menu passes axe-core (WCAG 2.1 AA) with landmarks and one h1`, async ({ page }) => {
    test.setTimeout(600_000);
    const login = stack.logins.find((l) => l.role === role);
    test.skip(!login, `the demo has no ${role} login`);
    await signIn(page, stack, login!.username);
    await settle(page);
    const findings: Finding[] = [];
    const entries = await menuEntries(page);
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const name = entry.replace(/\d+$/, '').trim();
      const item = page.getByRole('navigation', { name: /主菜单|Main menu/ }).getByRole('menuitem', { name }).first();
      await item.click();
      // the entry is selected once its page is the one shown
      await expect(item).toHaveClass(/ant-menu-item-selected/);
      await settle(page);
      const where = `${name} ${new URL(page.url()).pathname}`;
      await expect(page.getByRole('heading', { level: 1 }), `${where}: one h1`).toHaveCount(1);
      await expect(page.getByRole('main'), `${where}: a main landmark`).toHaveCount(1);
      const path = new URL(page.url()).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id');
      if (scanned.has(path)) continue;
      scanned.add(path);
      const found = await scan(page, where);
      if (found.length) console.log(JSON.stringify(found, null, 2));
      findings.push(...found);
    }
    // the last page again in English: the language switch and the texts of the other language
    await page.getByRole('radio', { name: 'English' }).click();
    await expect(page.getByRole('radio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
    await settle(page);
    const english = await scan(page, `English ${new URL(page.url()).pathname}`);
    if (english.length) console.log(JSON.stringify(english, null, 2));
    findings.push(...english);
    expect(findings, 'serious or critical axe-core violations').toEqual([]);
  });
}

test('the user menu opens and signs out from the keyboard', async ({ page }) => {
  await signIn(page, stack, 'school.admin', 'school_admin');
  const userMenu = page.getByTestId('user-menu');
  await userMenu.focus();
  await expect(userMenu).toBeFocused();
  await page.keyboard.press('Enter');
  const signOut = page.getByRole('menuitem', { name: '退出登录' });
  await expect(signOut).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('用户名')).toBeVisible();
});

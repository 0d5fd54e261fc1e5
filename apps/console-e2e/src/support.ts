import { expect, type Locator, type Page } from '@playwright/test';
import type { StackState } from '../stack.js';

/** antd puts a space between the two characters of a two-character Chinese button label. */
export const label = (text: string): RegExp => new RegExp([...text].join('\\s*'));

/** The demo login of `username`, or else the first of `role`. */
export function demoLogin(stack: StackState, username: string, role?: string): StackState['logins'][number] {
  const found = stack.logins.find((l) => l.username === username) ?? (role ? stack.logins.find((l) => l.role === role) : undefined);
  if (!found) throw new Error(`the demo data has no ${username}${role ? ` (${role})` : ''} login`);
  return found;
}

/** Signs in through the console's login page as a demo user and waits for the app. */
export async function signIn(page: Page, stack: StackState, username: string, role?: string): Promise<void> {
  const login = demoLogin(stack, username, role);
  await page.goto(`${stack.consoleUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Signs out through the user menu and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: label('登录') })).toBeVisible();
}

/**
 * Picks an option of an antd select (typing `search` first when the select searches as you type) and
 * checks that the form item shows it, trying again while the machine is busy: the open list can be
 * re-rendered or scrolled under the click, which then misses.
 */
export async function pickOption(page: Page, field: Locator, formItem: Locator, option: string, search?: string): Promise<void> {
  const choice = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
  await expect(async () => {
    // a click on an open select closes it: click only when the option is not already showing
    if (!(await choice.isVisible())) await field.click();
    if (search !== undefined) await field.fill(search);
    await choice.click({ timeout: 3_000 });
    await expect(formItem).toContainText(option, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

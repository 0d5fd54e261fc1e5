import { expect, test } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { signIn } from './support.js';

/*
 * Pairing suggestions in the browser: the district admin opens the suggestions the demo county's school
 * profiles give, reads why a supporting school is proposed for a school (what it supplies, how far), turns
 * that suggestion into a draft pairing in one step and lands on the draft; the pair is then no longer
 * suggested.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

test('a district admin reads a pairing suggestion\'s reason and turns it into a draft pairing in one step', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, stack, 'district.admin');
  await page.getByRole('menuitem', { name: '结对推荐' }).click();
  await expect(page.getByRole('heading', { name: '结对推荐' })).toBeVisible();
  await expect(page.getByText('已证明最优')).toBeVisible();

  const rows = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '结对帮扶' });
  await expect(rows.first()).toBeVisible();
  const row = rows.first();
  const provider = (await row.locator('td').nth(1).innerText()).trim();
  const school = (await row.locator('td').nth(2).innerText()).trim();
  const supplies = (await row.locator('td').nth(3).locator('.ant-tag').allInnerTexts()).map((s) => s.trim());
  expect(supplies.length).toBeGreaterThan(0);
  // the reason in words: the needs it meets, best first, and the road distance
  const reason = row.getByTestId('suggestion-reason');
  await expect(reason).toHaveText(/^提供 .+，\d+(\.\d+)? km$/);
  for (const tag of supplies) await expect(reason).toContainText(tag);

  await row.getByRole('button', { name: '采纳为结对' }).click();
  await expect(page.getByText(`由${provider}帮扶${school}，创建结对帮扶（筹建中）？`)).toBeVisible();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '采纳为结对' }).click();

  // the draft pairing, with the supporting school as its founder and the supported school joined
  const name = `${provider}—${school}`;
  await expect(page.getByRole('heading', { name })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('筹建中').first()).toBeVisible();
  const members = page.locator('.ant-table-tbody');
  await expect(members.getByRole('row').filter({ hasText: provider })).toContainText('支援校');
  await expect(members.getByRole('row').filter({ hasText: school })).toContainText('受援校');
  await page.screenshot({ path: test.info().outputPath('pairing-draft.png'), fullPage: true });

  // the accepted pair is left out of the suggestions from now on
  await page.getByRole('menuitem', { name: '结对推荐' }).click();
  await expect(page.getByText('已证明最优')).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: provider }).filter({ hasText: school }).filter({ hasText: '结对帮扶' })).toHaveCount(0);
});

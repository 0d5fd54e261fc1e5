import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import yauzl from 'yauzl';
import { readState, type StackState } from '../stack.js';
import { label, signIn as signInAs } from './support.js';

/*
 * Briefings and the term archive in the browser, on the demo data: a village school's admin opens its
 * alliance's briefing (not the district's), previews it and downloads the PDF, whose first page carries
 * the Chinese title; the alliance admin downloads the term archive the demo seeding built.
 */

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

const signIn = (page: Page, username: string): Promise<void> => signInAs(page, stack, username);

async function firstPageText(file: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)) }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join('');
}

test('a village school previews its alliance briefing and downloads the PDF', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'school.admin');
  await page.getByRole('menuitem', { name: '工作简报' }).click();
  await expect(page.getByRole('heading', { name: '工作简报' })).toBeVisible();
  const title = page.getByText(/^清溪县实验小学教联体.*工作简报$/);
  await expect(title).toBeVisible();
  // the district's own briefing is for the bureau, not for schools
  await expect(page.getByText(/^(本区县|清溪县教育局).*工作简报$/)).toHaveCount(0);
  // schools neither issue briefings nor reach the archives
  await expect(page.getByRole('button', { name: '生成简报' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '学期归档' })).toHaveCount(0);

  const name = (await title.textContent())!.trim();
  await title.click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('主要数据')).toBeVisible();
  await expect(page.getByText('签到率').first()).toBeVisible();
  await expect(page.getByRole('img', { name: '各校活动签到率' })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`${name}.pdf`);
  const file = await download.path();
  expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = await firstPageText(file);
  expect(text).toContain(name);
  expect(text).toContain('签到率');
});

test('the alliance admin downloads the term archive built at demo seed', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'alliance.admin');
  await page.getByRole('menuitem', { name: '学期归档' }).click();
  await expect(page.getByRole('heading', { name: '学期归档' })).toBeVisible();
  const row = page.getByRole('row', { name: /清溪县实验小学教联体/ }).first();
  // built in the background after the demo seeding: the list polls until it is done
  await expect(row).toContainText('已完成', { timeout: 90_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: label('下载') }).click()]);
  expect(download.suggestedFilename()).toMatch(/^清溪县实验小学教联体-\d{4}-\d{4}-[12]-学期归档\.zip$/);
  const zip = await readFile(await download.path());
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  // every service's records: the exam's analysis and the survey's results come from assessment's exports
  const names = await zipEntries(zip);
  expect(names).toEqual(expect.arrayContaining([
    'activities/activities.csv', 'attendance/registrations.csv', 'minutes/minutes.csv', 'plans/plans.csv', 'placements/placements.csv',
    'evaluations/status.csv', 'exams/exams.csv', 'surveys/surveys.csv', 'README.txt',
  ]));
  expect(names.filter((n) => /^exams\/.*质量分析\.xlsx$/.test(n))).toHaveLength(1);
  expect(names.filter((n) => /^surveys\/.*结果\.xlsx$/.test(n))).toHaveLength(1);
});

/** The names of a zip's entries. */
function zipEntries(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('not a zip'));
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => { names.push(entry.fileName); file.readEntry(); });
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });
}

import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readState, type StackState } from '../stack.js';
import { label } from './support.js';

/*
 * The console's first-load budgets: the JavaScript a cold browser downloads (gzip, as the server sends it
 * when the browser accepts only gzip) for the sign-in page and then for the first page after signing in,
 * for every demo role. Over budget fails. The dashboard's largest contentful paint on a cold load is
 * measured and reported (with and without 4× CPU throttling), not asserted: these machines are shared.
 */

const LOGIN_BUDGET = 150 * 1024;
/**
 * Today's ceiling for sign-in plus the first page (295–358 kB measured by role: React 60 kB, antd's core, menu,
 * dropdown and App 120 kB, the page's components and one language's strings). The target is 250 kB;
 * this ceiling keeps what was won from slipping back while the rest is worked on.
 */
const FIRST_ROUTE_CEILING = 370 * 1024;

let stack: StackState;
test.beforeAll(() => {
  stack = readState();
});

/** Counts the bytes of every script response the page receives from now on (encoded body size). */
function scriptBytes(page: Page): { total: () => number; files: () => string[] } {
  const seen = new Map<string, number>();
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    void request.sizes().then((sizes) => seen.set(request.url(), sizes.responseBodySize));
  });
  return { total: () => [...seen.values()].reduce((a, b) => a + b, 0), files: () => [...seen.keys()].map((u) => new URL(u).pathname) };
}

async function coldContext(browser: Browser): Promise<BrowserContext> {
  // Only gzip, so the sizes are gzip sizes whatever else the server could send.
  return browser.newContext({ extraHTTPHeaders: { 'accept-encoding': 'gzip' }, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
}

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

test('the sign-in page and each role\'s first page stay within their JavaScript budgets (gzip)', async ({ browser }) => {
  const roles = [...new Set(stack.logins.map((l) => l.role))];
  const report: string[] = [];
  const measured: { role: string; route: string; atLogin: number; afterFirstRoute: number }[] = [];
  for (const role of roles) {
    const login = stack.logins.find((l) => l.role === role)!;
    const context = await coldContext(browser);
    const page = await context.newPage();
    const bytes = scriptBytes(page);
    await page.goto(`${stack.consoleUrl}/login`);
    await expect(page.getByRole('button', { name: label('登录') })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const atLogin = bytes.total();
    // the sign-in page needs no component library and no chart library
    expect(bytes.files().filter((f) => /echarts|EChart|antd|table-|AppLayout/i.test(f))).toEqual([]);

    await page.getByLabel('用户名').fill(login.username);
    await page.getByLabel('密码').fill(login.password);
    await page.getByRole('button', { name: label('登录') }).click();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const afterFirstRoute = bytes.total();
    const route = new URL(page.url()).pathname;
    report.push(`${role} (${login.username}): sign-in ${kB(atLogin)}; to ${route} ${kB(afterFirstRoute)}`);
    measured.push({ role, route, atLogin, afterFirstRoute });
    await context.close();
  }
  console.log(`JavaScript downloaded (gzip):\n  ${report.join('\n  ')}`);
  for (const m of measured) {
    expect(m.atLogin, `sign-in page for ${m.role}`).toBeLessThanOrEqual(LOGIN_BUDGET);
    expect(m.afterFirstRoute, `${m.route}, the first page of ${m.role}`).toBeLessThanOrEqual(FIRST_ROUTE_CEILING);
  }
  test.info().annotations.push({ type: 'javascript (gzip)', description: report.join('\n') });
});

/** Largest contentful paint of a cold load of `path` by a signed-in user, in ms. */
async function coldLcp(browser: Browser, storage: Awaited<ReturnType<BrowserContext['storageState']>>, path: string, cpuSlowdown: number): Promise<number> {
  const context = await browser.newContext({ storageState: storage, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __lcpWhat: string };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element })[]) {
        w.__lcp = entry.startTime;
        w.__lcpWhat = `${entry.element?.tagName ?? '?'} ${(entry.element?.textContent ?? '').slice(0, 40)}`;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`${stack.consoleUrl}${path}`);
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // LCP is final at the first input; read it after the page has settled
  const [lcp, what] = await page.evaluate(() => [(window as unknown as { __lcp: number }).__lcp, (window as unknown as { __lcpWhat: string }).__lcpWhat] as const);
  console.log(`LCP ${path} ${cpuSlowdown}x: ${lcp.toFixed(0)} ms (${what})`);
  await context.close();
  return lcp;
}

test('the dashboard\'s largest contentful paint on a cold load is measured and reported', async ({ browser }) => {
  test.setTimeout(180_000);
  const login = stack.logins.find((l) => l.role === 'school_admin') ?? stack.logins[0]!;
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${stack.consoleUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  const storage = await context.storageState();
  await context.close();

  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const plain = median([await coldLcp(browser, storage, '/dashboard', 1), await coldLcp(browser, storage, '/dashboard', 1), await coldLcp(browser, storage, '/dashboard', 1)]);
  const throttled = median([await coldLcp(browser, storage, '/dashboard', 4), await coldLcp(browser, storage, '/dashboard', 4), await coldLcp(browser, storage, '/dashboard', 4)]);
  expect(plain).toBeGreaterThan(0);
  const line = `dashboard LCP, cold load, median of 3: ${plain.toFixed(0)} ms; with 4× CPU throttling ${throttled.toFixed(0)} ms`;
  test.info().annotations.push({ type: 'lcp', description: line });
  console.log(line);
});

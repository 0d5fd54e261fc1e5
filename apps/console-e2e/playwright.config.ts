import path from 'node:path';
import { defineConfig } from '@playwright/test';

const here = import.meta.dirname;

/**
 * Browser tests of the console against the whole local stack (gateway, services, PostgreSQL, NATS),
 * started by global-setup.ts with the launcher in ephemeral mode. Set JIAOLIAN_E2E_STATE_FILE to
 * the state file of a stack you already run to skip starting one.
 */
export default defineConfig({
  testDir: path.join(here, 'src'),
  testMatch: '**/*.e2e.ts',
  outputDir: path.join(here, 'test-results'),
  globalSetup: path.join(here, 'global-setup.ts'),
  globalTeardown: path.join(here, 'global-teardown.ts'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(here, 'playwright-report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});

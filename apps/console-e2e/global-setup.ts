import { spawn } from 'node:child_process';
import { existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pidFilePath, stateFilePath } from './stack.js';

const root = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = Number(process.env.JIAOLIAN_E2E_START_TIMEOUT_MS ?? 240_000);

/** Starts the whole stack with throw-away data and waits until the launcher says it is ready. */
export default async function globalSetup(): Promise<void> {
  if (process.env.JIAOLIAN_E2E_STATE_FILE) {
    if (!existsSync(process.env.JIAOLIAN_E2E_STATE_FILE)) throw new Error(`JIAOLIAN_E2E_STATE_FILE ${process.env.JIAOLIAN_E2E_STATE_FILE} does not exist`);
    return; // a stack someone already runs
  }
  process.env.JIAOLIAN_E2E_RUN = String(process.pid);
  const stateFile = stateFilePath();
  rmSync(stateFile, { force: true });
  const log = path.join(root, 'apps/console-e2e/test-results/stack.log');
  rmSync(log, { force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(log), { recursive: true });
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [path.join(root, 'tools/dev/start.mjs'), '--ephemeral', '--state-file', stateFile], {
    cwd: root,
    stdio: ['ignore', out, out],
    // limits as in production for sign-in guessing (the browser tests show its message), generous
    // budgets otherwise: one browser signs in as many demo users from one address
    env: { ...process.env, RATE_LIMIT_MAX: '100000', RATE_LIMIT_LOGIN_ADDRESS_MAX: '100000' },
  });
  writeFileSync(pidFilePath(), String(child.pid));
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const started = Date.now();
  while (!existsSync(stateFile)) {
    if (exited !== null) throw new Error(`the launcher exited (${exited}) before the stack was ready; see ${log}`);
    if (Date.now() - started > READY_TIMEOUT_MS) {
      child.kill('SIGTERM');
      throw new Error(`the stack was not ready after ${READY_TIMEOUT_MS / 1000}s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

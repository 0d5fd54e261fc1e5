import { existsSync, readFileSync, rmSync } from 'node:fs';
import { pidFilePath, stateFilePath } from './stack.js';

/** Stops the stack global-setup started (the launcher stops everything it runs on SIGTERM). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.JIAOLIAN_E2E_STATE_FILE) return;
  const pidFile = pidFilePath();
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive()) process.kill(pid, 'SIGKILL');
  rmSync(stateFilePath(), { force: true });
}

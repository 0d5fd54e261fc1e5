import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the launcher writes once the stack is ready. */
export interface StackState {
  consoleUrl: string;
  gatewayUrl: string;
  logins: { username: string; password: string; role: string }[];
}

/** Where setup, teardown and tests find the running stack. */
export const stateFilePath = (): string => process.env.JIAOLIAN_E2E_STATE_FILE ?? path.join(os.tmpdir(), `jiaolian-e2e-${process.env.JIAOLIAN_E2E_RUN ?? 'default'}.json`);
export const pidFilePath = (): string => `${stateFilePath()}.pid`;

export function readState(): StackState {
  return JSON.parse(readFileSync(stateFilePath(), 'utf8')) as StackState;
}

// Child processes of the launcher: each in its own process group (so a Ctrl-C in the terminal
// reaches only the launcher, which then stops them in order), its output prefixed and coloured,
// and its last lines kept for the report when it dies during start-up.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { colourFor, formatLogLine, paint, prefix, useColour } from './log-format.mjs';

const KEEP_LINES = 60;

export class ManagedProcess {
  /**
   * @param {{ name: string, command: string, args?: string[], env?: Record<string,string>, cwd?: string,
   *   index?: number, width?: number, raw?: boolean, quiet?: boolean, stdin?: 'ignore' | 'pipe',
   *   onLine?: (line: string) => void, show?: (line: string) => boolean }} options
   */
  constructor(options) {
    this.options = options;
    this.name = options.name;
    this.lines = [];
    this.child = undefined;
    this.exit = undefined;
    this.expectedExit = false;
    this.colour = useColour();
    this.code = colourFor(options.index ?? 0);
    this.listeners = [];
    this.lineWatchers = new Set();
  }

  start() {
    const { command, args = [], env, cwd, stdin = 'ignore' } = this.options;
    this.child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: [stdin, 'pipe', 'pipe'], detached: true });
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => {
      // 'close' comes once the output is read to the end; a grandchild holding the pipe open must
      // not delay the exit, hence the short wait after 'exit'.
      let settled = false;
      const settle = (code, signal) => {
        if (settled) return;
        settled = true;
        this.exit = { code, signal };
        resolve(this.exit);
        for (const listener of this.listeners) listener(this.exit);
      };
      this.child.once('close', settle);
      this.child.once('exit', (code, signal) => setTimeout(() => settle(code, signal), 500).unref());
      this.child.once('error', (error) => {
        this.record(`failed to start ${command}: ${error.message}`, true);
        settle(127, null);
      });
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.record(line));
    }
    return this;
  }

  /** Called once when the process exits, whatever the reason. */
  onExit(listener) {
    this.listeners.push(listener);
  }

  get running() {
    return Boolean(this.child) && this.exit === undefined;
  }

  /** Resolves with the first line (from now on) that matches `pattern`; rejects if the process exits first. */
  waitForLine(pattern) {
    return new Promise((resolve, reject) => {
      const watcher = (line) => {
        if (!pattern.test(line)) return;
        this.lineWatchers.delete(watcher);
        resolve(line);
      };
      this.lineWatchers.add(watcher);
      this.onExit(() => {
        this.lineWatchers.delete(watcher);
        reject(new Error(`${this.name} ${this.describeExit()} before it printed ${pattern}`));
      });
      if (this.exit) reject(new Error(`${this.name} ${this.describeExit()}`));
    });
  }

  record(line, force = false) {
    this.options.onLine?.(line);
    for (const watcher of this.lineWatchers) watcher(line);
    if (!force && this.options.show?.(line) === false) return;
    const text = this.options.raw ? line : formatLogLine(line, this.colour);
    this.lines.push(text);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
    if (this.options.quiet && !force) return;
    process.stdout.write(`${prefix(this.name, this.options.width ?? this.name.length, this.code, this.colour)} ${text}\n`);
  }

  lastLines(count = 30) {
    return this.lines.slice(-count);
  }

  describeExit() {
    if (!this.exit) return 'running';
    return this.exit.signal ? `killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`;
  }

  /** SIGTERM (to the whole process group), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000, signal = 'SIGTERM') {
    if (!this.running) return this.exit;
    this.expectedExit = true;
    signalGroup(this.pid, signal);
    const timer = setTimeout(() => {
      if (this.running) {
        this.record(paint(`did not stop within ${graceMs} ms: killing it`, 33, this.colour), true);
        signalGroup(this.pid, 'SIGKILL');
      }
    }, graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

export function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs a command to completion, its output prefixed like the long-running children. */
export async function runToCompletion(options) {
  const proc = new ManagedProcess(options).start();
  const result = await proc.exited;
  return { ...result, ok: result.code === 0, lines: proc.lastLines(), proc };
}

// Keeps the launcher's long-running children alive: a child that exits without being asked to is
// restarted after the backoff of supervision.mjs, for as long as the launcher runs, and every change
// of state is reported (the launcher publishes it for the gateway's /system/processes).
import { DEFAULT_POLICY, ProcessRecord, describeExit } from './supervision.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export class Supervisor {
  /**
   * @param {{ log?: (line: string) => void, policy?: typeof DEFAULT_POLICY, onChange?: () => void, now?: () => number }} options
   */
  constructor(options = {}) {
    this.log = options.log ?? ((line) => console.log(line));
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.onChange = options.onChange ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.units = [];
    this.armed = false;
    this.stopping = false;
  }

  /**
   * Starts a child under supervision. `spawn` starts a new ManagedProcess (called again for every
   * restart); `ready` resolves once that process answers (rejects or never settles when it dies).
   * Until arm() is called an exit is only recorded: during start-up the launcher reports the
   * failure itself rather than retrying a broken build forever.
   * @param {{ name: string, role: string, spawn: () => import('./processes.mjs').ManagedProcess, ready?: (proc: import('./processes.mjs').ManagedProcess) => Promise<void> }} spec
   */
  supervise(spec) {
    const unit = { spec, record: new ProcessRecord(spec.name, spec.role, this.policy), proc: undefined, timer: undefined, firstReady: undefined };
    this.units.push(unit);
    unit.firstReady = this.launch(unit);
    return unit;
  }

  /** From now on, unexpected exits are restarted. */
  arm() {
    this.armed = true;
  }

  /** No more restarts: pending ones are cancelled and every child not running counts as stopped. */
  stop() {
    this.stopping = true;
    for (const unit of this.units) {
      clearTimeout(unit.timer);
      unit.timer = undefined;
      if (!unit.proc?.running) unit.record.stopped(this.now());
    }
    this.onChange();
  }

  /** The published state of every supervised child, in start order. */
  states() {
    return this.units.map((unit) => unit.record.toJSON());
  }

  launch(unit) {
    const proc = unit.spec.spawn();
    unit.proc = proc;
    unit.record.started(proc.pid, this.now());
    proc.onExit((exit) => this.exited(unit, proc, exit));
    this.onChange();
    const ready = (unit.spec.ready ? unit.spec.ready(proc) : Promise.resolve()).then(() => {
      if (unit.proc !== proc || !proc.running) return;
      unit.record.ready(this.now());
      if (unit.record.restarts > 0) this.log(`${unit.spec.name} is back (pid ${proc.pid}, restart ${unit.record.restarts})`);
      this.onChange();
    });
    ready.catch(() => undefined); // a child that dies before it is ready is handled by its exit
    return ready;
  }

  exited(unit, proc, exit) {
    const now = this.now();
    const upFor = now - (unit.record.startedAt ?? now);
    const expected = proc.expectedExit || this.stopping || !this.armed;
    // Whatever the child left in its process group (the postmaster and its backends under the
    // PostgreSQL wrapper) would hold the port and the data directory against the restart.
    if (proc.pid > 0) {
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* the group is gone already */ }
    }
    const plan = unit.record.exited(exit, now, { expected });
    this.onChange();
    if (!plan) return;
    const restart = unit.record.restarts + 1;
    this.log(`${unit.spec.name} (pid ${proc.pid}) ${describeExit(exit)} after ${seconds(upFor)} up; restart ${restart} in ${seconds(plan.delayMs)}`);
    if (plan.failures === 1 || (unit.record.atCap && plan.failures === firstFailureAtCap(this.policy))) {
      const lines = proc.lastLines(10);
      if (lines.length) this.log(`last lines of ${unit.spec.name}:\n${lines.map((l) => `    ${l}`).join('\n')}`);
    }
    if (unit.record.atCap) {
      this.log(`${unit.spec.name} keeps crashing (${plan.failures} times in a row, none stayed up ${seconds(this.policy.resetAfterMs)}); `
        + `retrying every ${seconds(this.policy.maxMs)} until it stays up`);
    }
    unit.timer = setTimeout(() => {
      unit.timer = undefined;
      if (this.stopping) return;
      try {
        unit.firstReady = this.launch(unit);
      } catch (error) {
        // spawning itself failed (e.g. the stack is stopping): count it as another crash
        this.log(`${unit.spec.name} could not be started again: ${error.message}`);
        this.exited(unit, { pid: 0, expectedExit: false, lastLines: () => [] }, { code: 127, signal: null });
      }
    }, plan.delayMs);
  }
}

/** The number of crashes in a row at which the delay first reaches its cap. */
function firstFailureAtCap(policy) {
  let failures = 1;
  while (policy.initialMs * 2 ** (failures - 1) < policy.maxMs) failures += 1;
  return failures;
}

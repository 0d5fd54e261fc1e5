// The launcher's supervision policy as pure functions and a small state machine, so the timing rules
// are tested without processes. The impure part (spawning, timers) is in supervisor.mjs.

/**
 * Restart delays: 0.5 s doubling to 30 s. A child that stayed up for a minute counts as healthy
 * again, so its next crash starts the series afresh; one that keeps crashing is retried every 30 s
 * for as long as the launcher runs (a district's single machine has nobody watching at night, and the
 * cause, a full disk or a database being restored, often goes away by itself).
 */
export const DEFAULT_POLICY = Object.freeze({ initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 });

/** The wait before restart number `failures` of a crash series (1 = the first crash). */
export function backoffDelay(failures, policy = DEFAULT_POLICY) {
  if (failures < 1) return 0;
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures - 1, 30));
}

/** How an exit reads in a log line and on the console: "killed by SIGKILL", "exited with code 1". */
export function describeExit(exit) {
  if (!exit) return 'running';
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * What the supervisor knows about one child: `starting` (spawned, not yet answering), `running`,
 * `backing-off` (crashed, waiting to be restarted) or `stopped` (stopped on purpose, or not started).
 * Times are epoch milliseconds; `restarts` counts the restarts after crashes since the launcher started.
 */
export class ProcessRecord {
  constructor(name, role, policy = DEFAULT_POLICY) {
    this.name = name;
    this.role = role;
    this.policy = policy;
    this.state = 'stopped';
    this.pid = undefined;
    this.restarts = 0;
    this.failures = 0;
    this.lastExit = undefined;
    this.since = undefined;
    this.startedAt = undefined;
    this.nextAttemptAt = undefined;
  }

  /** A new process was spawned (the first time, or a restart after a crash). */
  started(pid, now) {
    if (this.state === 'backing-off') this.restarts += 1;
    this.state = 'starting';
    this.pid = pid;
    this.since = now;
    this.startedAt = now;
    this.nextAttemptAt = undefined;
  }

  /** It answers (health check passed, server listening). */
  ready(now) {
    if (this.state !== 'starting') return;
    this.state = 'running';
    this.since = now;
  }

  /**
   * The process ended. An expected exit (the launcher stopped it) ends in `stopped`; any other one
   * in `backing-off`, and the answer is how long to wait before the restart.
   * @returns {{ delayMs: number, failures: number } | undefined}
   */
  exited(exit, now, { expected = false } = {}) {
    this.lastExit = { code: exit.code ?? null, signal: exit.signal ?? null, at: now };
    this.pid = undefined;
    this.since = now;
    if (expected) {
      this.state = 'stopped';
      this.nextAttemptAt = undefined;
      return undefined;
    }
    const upFor = this.startedAt === undefined ? 0 : now - this.startedAt;
    if (upFor >= this.policy.resetAfterMs) this.failures = 0;
    this.failures += 1;
    const delayMs = backoffDelay(this.failures, this.policy);
    this.state = 'backing-off';
    this.nextAttemptAt = now + delayMs;
    return { delayMs, failures: this.failures };
  }

  /** The launcher is stopping: no restart will come. */
  stopped(now) {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.since = now;
    this.nextAttemptAt = undefined;
  }

  /** Whether the restart delay has reached its cap (the log then says the child keeps crashing). */
  get atCap() {
    return backoffDelay(this.failures, this.policy) >= this.policy.maxMs;
  }

  /** The published form: what the gateway's /system/processes shows, times as ISO strings. */
  toJSON() {
    const iso = (ms) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return {
      name: this.name,
      role: this.role,
      state: this.state,
      pid: this.pid ?? null,
      restarts: this.restarts,
      lastExit: this.lastExit ? { code: this.lastExit.code, signal: this.lastExit.signal, at: iso(this.lastExit.at) } : null,
      since: iso(this.since) ?? null,
      nextAttemptAt: iso(this.nextAttemptAt) ?? null,
    };
  }
}

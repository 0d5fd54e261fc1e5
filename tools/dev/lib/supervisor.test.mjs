import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManagedProcess, isAlive } from './processes.mjs';
import { Supervisor } from './supervisor.mjs';

const node = process.execPath;
const TINY_CHILD = 'console.log("up " + process.pid); setInterval(() => {}, 1000)';

/** A supervisor of one tiny node script that prints "up <pid>" when it is ready. */
function superviseTinyChild(options = {}) {
  const log = [];
  const sut = new Supervisor({ log: (line) => log.push(line), ...options });
  const unit = sut.supervise({
    name: 'tiny', role: 'service',
    spawn: () => new ManagedProcess({ name: 'tiny', command: node, args: ['-e', TINY_CHILD], quiet: true }).start(),
    ready: (proc) => proc.waitForLine(/^up \d+$/),
  });
  return { sut, unit, log };
}

async function until(condition, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${condition}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a child killed with SIGKILL comes back, and its restarts and last exit are counted', async () => {
  const { sut, unit, log } = superviseTinyChild();
  try {
    await unit.firstReady;
    sut.arm();
    const first = unit.proc.pid;
    assert.equal(sut.states()[0].state, 'running');

    process.kill(first, 'SIGKILL');
    await until(() => unit.record.state === 'backing-off');
    const [backingOff] = sut.states();
    assert.equal(backingOff.lastExit.signal, 'SIGKILL');
    assert.equal(backingOff.pid, null);

    await until(() => unit.record.state === 'running' && unit.proc.pid !== first);
    const second = unit.proc.pid;
    assert.equal(isAlive(first), false);
    assert.equal(isAlive(second), true);
    assert.equal(sut.states()[0].restarts, 1);

    // the second crash in a row waits twice as long
    const killedAt = Date.now();
    process.kill(second, 'SIGKILL');
    await until(() => unit.record.state === 'running' && unit.proc.pid !== second);
    assert.ok(Date.now() - killedAt >= 900, 'the second restart waited about 1 s');
    assert.equal(sut.states()[0].restarts, 2);
    assert.match(log.join('\n'), /tiny \(pid \d+\) killed by SIGKILL after .* up; restart 1 in 0\.5 s/);
    assert.match(log.join('\n'), /tiny is back \(pid \d+, restart 2\)/);
  } finally {
    sut.stop();
    await unit.proc.stop(2000);
  }
});

test('a child stopped on purpose is not restarted', async () => {
  const { sut, unit } = superviseTinyChild();
  await unit.firstReady;
  sut.arm();
  const pid = unit.proc.pid;
  sut.stop();
  await unit.proc.stop(2000);
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(unit.proc.pid, pid);
  assert.deepEqual([sut.states()[0].state, sut.states()[0].restarts], ['stopped', 0]);
});

test('stopping the supervisor cancels a restart that is waiting out its backoff', async () => {
  const { sut, unit } = superviseTinyChild({ policy: { initialMs: 300, maxMs: 300, resetAfterMs: 60_000 } });
  await unit.firstReady;
  sut.arm();
  const pid = unit.proc.pid;
  process.kill(pid, 'SIGKILL');
  await until(() => unit.record.state === 'backing-off');
  sut.stop();
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(unit.proc.pid, pid, 'no new process was spawned');
  assert.equal(sut.states()[0].state, 'stopped');
});

test('before arm() (during start-up) an exit is recorded but not restarted', async () => {
  const { sut, unit } = superviseTinyChild({ policy: { initialMs: 50, maxMs: 50, resetAfterMs: 60_000 } });
  await unit.firstReady;
  const pid = unit.proc.pid;
  process.kill(pid, 'SIGKILL');
  await until(() => unit.record.state === 'stopped');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(unit.proc.pid, pid);
  assert.equal(sut.states()[0].lastExit.signal, 'SIGKILL');
  sut.stop();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_POLICY, ProcessRecord, backoffDelay, describeExit } from './supervision.mjs';

const SECOND = 1000;

test('restart delays double from 0.5 s and stop growing at 30 s', () => {
  const delays = Array.from({ length: 10 }, (_, i) => backoffDelay(i + 1));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  assert.equal(backoffDelay(10_000), DEFAULT_POLICY.maxMs);
});

test('a child goes starting → running → backing-off → starting, and only restarts after crashes count', () => {
  const sut = new ProcessRecord('membership', 'service');
  assert.equal(sut.state, 'stopped');
  sut.started(101, 0);
  assert.deepEqual([sut.state, sut.pid, sut.restarts], ['starting', 101, 0]);
  sut.ready(2 * SECOND);
  assert.deepEqual([sut.state, sut.since], ['running', 2 * SECOND]);

  const plan = sut.exited({ code: null, signal: 'SIGKILL' }, 10 * SECOND);
  assert.deepEqual(plan, { delayMs: 500, failures: 1 });
  assert.equal(sut.state, 'backing-off');
  assert.equal(sut.pid, undefined);
  assert.deepEqual(sut.lastExit, { code: null, signal: 'SIGKILL', at: 10 * SECOND });
  assert.equal(sut.nextAttemptAt, 10.5 * SECOND);

  sut.started(102, 10.5 * SECOND);
  assert.deepEqual([sut.state, sut.pid, sut.restarts, sut.nextAttemptAt], ['starting', 102, 1, undefined]);
});

test('crashes in a row back off further; a minute up resets the series', () => {
  const sut = new ProcessRecord('gateway', 'gateway');
  let now = 0;
  const crashAfter = (upMs) => {
    sut.started(1, now);
    now += upMs;
    const plan = sut.exited({ code: 1, signal: null }, now);
    now += plan.delayMs;
    return plan.delayMs;
  };
  assert.deepEqual([crashAfter(100), crashAfter(100), crashAfter(100), crashAfter(100)], [500, 1000, 2000, 4000]);
  assert.equal(crashAfter(60 * SECOND), 500, 'a minute up counts as healthy: the series starts again');
  assert.equal(sut.restarts, 4);
});

test('a child that keeps crashing stays at the cap and is never given up', () => {
  const sut = new ProcessRecord('nats', 'infrastructure');
  let now = 0;
  const delays = [];
  for (let i = 0; i < 20; i += 1) {
    sut.started(1, now);
    const plan = sut.exited({ code: 1, signal: null }, now + 10);
    delays.push(plan.delayMs);
    now += 10 + plan.delayMs;
  }
  assert.equal(sut.atCap, true);
  assert.deepEqual(delays.slice(-5), [30_000, 30_000, 30_000, 30_000, 30_000]);
  assert.equal(sut.state, 'backing-off');
  assert.equal(sut.restarts, 19);
});

test('an exit the launcher asked for ends in stopped and plans no restart', () => {
  const sut = new ProcessRecord('postgres', 'infrastructure');
  sut.started(7, 0);
  sut.ready(1);
  assert.equal(sut.exited({ code: 0, signal: null }, 5, { expected: true }), undefined);
  assert.deepEqual([sut.state, sut.restarts, sut.failures], ['stopped', 0, 0]);
});

test('ready() after a crash does not bring a dead child back to running', () => {
  const sut = new ProcessRecord('curriculum', 'service');
  sut.started(7, 0);
  sut.exited({ code: 1, signal: null }, 5);
  sut.ready(6);
  assert.equal(sut.state, 'backing-off');
});

test('the published form uses ISO times and names how the child last ended', () => {
  const sut = new ProcessRecord('activities', 'service');
  sut.started(7, Date.UTC(2026, 11, 7, 12, 0, 0));
  sut.exited({ code: null, signal: 'SIGKILL' }, Date.UTC(2026, 11, 7, 12, 0, 1));
  assert.deepEqual(sut.toJSON(), {
    name: 'activities', role: 'service', state: 'backing-off', pid: null, restarts: 0,
    lastExit: { code: null, signal: 'SIGKILL', at: '2026-12-07T12:00:01.000Z' },
    since: '2026-12-07T12:00:01.000Z', nextAttemptAt: '2026-12-07T12:00:01.500Z',
  });
  assert.equal(describeExit(sut.lastExit), 'killed by SIGKILL');
  assert.equal(describeExit({ code: 3, signal: null }), 'exited with code 3');
});

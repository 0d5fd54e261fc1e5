import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManagedProcess, isAlive } from './processes.mjs';
import { stripAnsi } from '../../ci/lib/counts.mjs';

const node = process.execPath;

test('keeps the last lines of a child, formatted, and reports how it ended', async () => {
  const sut = new ManagedProcess({ name: 'svc', command: node, args: ['-e', 'console.log(JSON.stringify({level:40,time:"2026-01-01T10:00:00Z",msg:"careful"})); console.error("plain"); process.exit(3)'], quiet: true }).start();
  const exit = await sut.exited;
  assert.equal(exit.code, 3);
  assert.equal(sut.running, false);
  assert.match(sut.describeExit(), /exited with code 3/);
  assert.deepEqual(sut.lastLines().map(stripAnsi).sort(), ['10:00:00 WARN  careful', 'plain'].sort());
});

test('stop() ends a child with SIGTERM', async () => {
  const sut = new ManagedProcess({ name: 'svc', command: node, args: ['-e', 'setInterval(() => {}, 1000)'], quiet: true }).start();
  const exit = await sut.stop(5000);
  assert.equal(exit.signal, 'SIGTERM');
  assert.equal(isAlive(sut.pid), false);
});

test('stop() kills a child that ignores SIGTERM once the grace period is over', async () => {
  const sut = new ManagedProcess({ name: 'svc', command: node, args: ['-e', 'process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)'], quiet: true }).start();
  while (!sut.lastLines().includes('up')) await new Promise((r) => setTimeout(r, 20));
  const exit = await sut.stop(300);
  assert.equal(exit.signal, 'SIGKILL');
});

test('a hidden line is neither printed nor kept', async () => {
  const sut = new ManagedProcess({ name: 'svc', command: node, args: ['-e', 'console.log("noise"); console.log("signal")'], quiet: true, show: (line) => line !== 'noise' }).start();
  await sut.exited;
  assert.deepEqual(sut.lastLines(), ['signal']);
});

// The PostgreSQL wrapper against a real embedded PostgreSQL (libs/testing must be built, as for `npm start`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManagedProcess, isAlive } from './processes.mjs';
import { pickPort } from './ports.mjs';

const WRAPPER = path.join(import.meta.dirname, 'postgres-main.mjs');

function startWrapper(dataDir, port) {
  return new ManagedProcess({ name: 'postgres', command: process.execPath, args: [WRAPPER, '--data-dir', dataDir, '--port', String(port)], stdin: 'pipe', quiet: true }).start();
}

async function ready(wrapper) {
  return JSON.parse(await wrapper.waitForLine(/^\{"ready":true/));
}

test('the wrapper exits with code 1 when its postmaster is killed -9, and a new one starts on the same data', { timeout: 60_000 }, async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'jiaolian-pg-wrapper-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach its data directory
  const dataDir = path.join(parent, 'postgres');
  const port = await pickPort(0, new Set());
  let wrapper = startWrapper(dataDir, port);
  try {
    const first = await ready(wrapper);
    assert.ok(isAlive(first.postmaster));

    const killedAt = Date.now();
    process.kill(first.postmaster, 'SIGKILL');
    const exit = await wrapper.exited;
    assert.deepEqual(exit, { code: 1, signal: null });
    assert.ok(Date.now() - killedAt < 3000, `the wrapper noticed within 3 s (took ${Date.now() - killedAt} ms)`);
    assert.ok(wrapper.lastLines().some((line) => line.includes(`the postmaster (pid ${first.postmaster}) is gone`)));

    // the supervisor kills what is left in the group, then starts the wrapper again: crash recovery
    try { process.kill(-wrapper.pid, 'SIGKILL'); } catch { /* gone */ }
    wrapper = startWrapper(dataDir, port);
    const second = await ready(wrapper);
    assert.notEqual(second.postmaster, first.postmaster);

    const stopAt = Date.now();
    const stopped = await wrapper.stop(20_000);
    assert.deepEqual(stopped, { code: 0, signal: null }, 'a SIGTERM is a clean stop, not a crash');
    assert.ok(Date.now() - stopAt < 5000, `fast shutdown took ${Date.now() - stopAt} ms`);
    assert.equal(isAlive(second.postmaster), false);
  } finally {
    if (wrapper.running) await wrapper.stop(5000);
    rmSync(parent, { recursive: true, force: true });
  }
});

// The launcher's process board against a real nats-server: what it writes is what the gateway reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { ManagedProcess } from './processes.mjs';
import { pickPort, isListening } from './ports.mjs';
import { ensureNatsServer } from './prereqs.mjs';
import { PROCESSES_BUCKET, PROCESSES_KEY, publishProcessStates } from './process-board.mjs';

async function startNats(port, store) {
  const nats = new ManagedProcess({ name: 'nats', command: ensureNatsServer(() => undefined), args: ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(port)], quiet: true }).start();
  while (!(await isListening(port))) {
    if (!nats.running) throw new Error(`nats-server ${nats.describeExit()}: ${nats.lastLines().join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return nats;
}

async function readBoard(natsUrl) {
  const nc = await connect({ servers: natsUrl });
  try {
    const entry = await (await new Kvm(nc).open(PROCESSES_BUCKET)).get(PROCESSES_KEY);
    return entry ? JSON.parse(entry.string()) : undefined;
  } catch {
    return undefined; // no bucket (yet)
  } finally {
    await nc.close();
  }
}

async function eventually(read, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('publishes the supervisor and every state in one key, follows changes, and publishes again after NATS restarts', { timeout: 30_000 }, async () => {
  const store = mkdtempSync(path.join(tmpdir(), 'jiaolian-board-'));
  const port = await pickPort(0, new Set());
  const natsUrl = `nats://127.0.0.1:${port}`;
  let nats = await startNats(port, store);
  let restarts = 0;
  const states = () => [{ name: 'membership', role: 'service', state: 'running', pid: 11, restarts }];
  const sut = publishProcessStates({ natsUrl, states, refreshMs: 200 });
  try {
    const first = await eventually(() => readBoard(natsUrl), Boolean);
    assert.equal(first.supervisor.pid, process.pid);
    assert.ok(Date.now() - Date.parse(first.supervisor.updatedAt) < 5000);
    assert.deepEqual(first.processes, states());

    restarts = 1;
    sut.changed();
    await eventually(() => readBoard(natsUrl), (board) => board?.processes[0].restarts === 1);

    // the bucket lives in memory: a NATS restart loses it, and the publisher makes it again
    nats.stop(1000, 'SIGKILL');
    await nats.exited;
    nats = await startNats(port, store);
    restarts = 2;
    const again = await eventually(() => readBoard(natsUrl), (board) => board?.processes[0].restarts === 2, 15_000);
    assert.equal(again.supervisor.startedAt, first.supervisor.startedAt);
  } finally {
    await sut.close();
    await nats.stop(2000);
    rmSync(store, { recursive: true, force: true });
  }
});

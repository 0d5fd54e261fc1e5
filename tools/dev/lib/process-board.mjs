// Publishes the supervised children's states to a JetStream key-value bucket, where the gateway's
// GET /api/v1/system/processes reads them without touching the launcher's files or pids. One key,
// `state`: who supervises and every child's state, rewritten on each change and every few seconds
// (one key, so that a reader gets one consistent picture with a single get).
// The bucket lives in memory with a short TTL: when the launcher dies, its entries expire and the
// gateway answers `supervised: false` again; when NATS restarts, the bucket is made anew.
import { hostname } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';

/** Where the gateway's system/process-board.ts reads them. */
export const PROCESSES_BUCKET = 'jiaolian-processes';
export const PROCESSES_KEY = 'state';
export const PROCESSES_TTL_MS = 30_000;
const REFRESH_MS = 3_000;

/**
 * @param {{ natsUrl: string, states: () => object[], log?: (line: string) => void, refreshMs?: number }} options
 * @returns {{ changed: () => void, close: () => Promise<void>, flushed: () => Promise<void> }}
 */
export function publishProcessStates({ natsUrl, states, log = () => undefined, refreshMs = REFRESH_MS }) {
  const startedAt = new Date().toISOString();
  let nc;
  let bucket;
  let closed = false;
  let running;
  let again = false;
  let failing = false;

  const connection = connect({ servers: natsUrl, name: 'jiaolian-launcher', maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true })
    .then((conn) => {
      nc = conn;
      if (closed) void conn.close();
      return conn;
    });

  const publishOnce = async () => {
    const conn = await connection;
    if (closed) return;
    bucket ??= await new Kvm(conn).create(PROCESSES_BUCKET, { history: 1, ttl: PROCESSES_TTL_MS, storage: StorageType.Memory, replicas: 1 });
    const updatedAt = new Date().toISOString();
    await bucket.put(PROCESSES_KEY, JSON.stringify({ supervisor: { pid: process.pid, host: hostname(), startedAt, updatedAt }, processes: states() }));
  };

  const publish = () => {
    if (closed) return running;
    if (running) { again = true; return running; }
    running = publishOnce().then(() => {
      if (failing) log('process states are published again');
      failing = false;
    }, (error) => {
      // NATS is restarting (a memory bucket is gone with it): make the bucket again next time
      bucket = undefined;
      if (!failing) log(`publishing the process states failed (${error.message}); retrying`);
      failing = true;
    }).finally(() => {
      running = undefined;
      if (again) { again = false; publish(); }
    });
    return running;
  };

  const timer = setInterval(publish, refreshMs);
  timer.unref();
  void publish();

  return {
    changed: () => void publish(),
    flushed: async () => { while (running) await running; },
    close: async () => {
      closed = true;
      clearInterval(timer);
      await Promise.race([running, new Promise((r) => setTimeout(r, 1000))]);
      await (nc ?? (await Promise.race([connection, Promise.resolve(undefined)])))?.close().catch(() => undefined);
    },
  };
}

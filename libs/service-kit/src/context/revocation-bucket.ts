import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node';
import { StorageType } from '@nats-io/jetstream';
import { parseRevocation, REVOCATION_TTL_MS, revocationKey, type Revocation, type TokenRevocations } from './token-revocations.js';

/** The JetStream KV bucket every process watches for revoked sessions and users. */
export const REVOCATIONS_BUCKET = 'jiaolian-revocations';

/** Opens (creating when missing) the revocation bucket; its entries expire after REVOCATION_TTL_MS. */
export function openRevocationBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(REVOCATIONS_BUCKET, {
    history: 1,
    ttl: REVOCATION_TTL_MS,
    storage: StorageType.File,
    replicas: Number(process.env['NATS_STREAM_REPLICAS'] ?? 1),
  });
}

/** Writes a revocation; resolves once JetStream has stored it. */
export async function publishRevocation(bucket: KV, revocation: Revocation): Promise<void> {
  await bucket.put(revocationKey(revocation), JSON.stringify(revocation));
}

export interface RevocationWatch {
  stop(): Promise<void>;
}

/**
 * Feeds `into` from the revocation bucket and resolves once every revocation that was in the bucket
 * when it started has been applied, so a process that starts (or restarts) refuses revoked tokens
 * before it answers its first request. Afterwards every new revocation is applied as it is written
 * (the ordered consumer under the KV watch recovers from reconnects by itself; should the watch end
 * anyway, it is started again from the last revision seen).
 */
export async function watchRevocations(
  nc: NatsConnection, into: TokenRevocations, options: { timeoutMs?: number; onError?: (error: Error) => void } = {},
): Promise<RevocationWatch> {
  const bucket = await openRevocationBucket(nc);
  const { streamInfo } = await bucket.status();
  const lastAtStart = streamInfo.state.messages > 0 ? streamInfo.state.last_seq : 0;
  let lastSeen = 0;
  let stopped = false;
  let iterator: QueuedIterator<KvWatchEntry> | undefined;
  let isLoaded = lastAtStart === 0;
  let caughtUp: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => { caughtUp = () => { isLoaded = true; resolve(); }; });
  if (isLoaded) caughtUp();

  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        iterator = await bucket.watch(lastSeen > 0 ? { resumeFromRevision: lastSeen + 1 } : {});
        for await (const entry of iterator) {
          lastSeen = Math.max(lastSeen, entry.revision);
          if (entry.operation === 'PUT') {
            const revocation = parseRevocation(entry.key, entry.string());
            if (revocation) into.apply(revocation);
          }
          if (entry.revision >= lastAtStart) caughtUp();
        }
      } catch (error) {
        if (!stopped) options.onError?.(error as Error);
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const running = run();
  // the newest entry can age out between reading the status and the watch delivering it
  const recheck = setInterval(() => {
    if (isLoaded) return clearInterval(recheck);
    bucket.status().then(({ streamInfo: now }) => {
      if (now.state.messages === 0 || now.state.first_seq > lastAtStart) caughtUp();
    }, () => undefined);
  }, 500);

  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The revocations were not loaded from NATS within ${timeoutMs} ms`)), timeoutMs);
  });
  const watch: RevocationWatch = {
    async stop() {
      stopped = true;
      iterator?.stop();
      await running;
    },
  };
  try {
    await Promise.race([loaded, timedOut]);
  } catch (error) {
    await watch.stop();
    throw error;
  } finally {
    clearTimeout(timer);
    clearInterval(recheck);
  }
  return watch;
}

/**
 * Writes revocations for the service that ends sessions (membership). The bucket is opened on first
 * use; a failed write throws, so the caller's transaction rolls back rather than claiming a logout or
 * a disabled account that the other processes never heard of.
 */
export class RevocationPublisher {
  private bucket: Promise<KV> | undefined;

  constructor(private readonly nc: NatsConnection) {}

  /** Voids every token of the user issued before `at` (default: now). */
  revokeUser(userId: string, at = Date.now()): Promise<void> {
    return this.publish({ kind: 'user', id: userId, at });
  }

  /** Voids every token of one login session. */
  revokeSession(sessionId: string, at = Date.now()): Promise<void> {
    return this.publish({ kind: 'session', id: sessionId, at });
  }

  private async publish(revocation: Revocation): Promise<void> {
    this.bucket ??= openRevocationBucket(this.nc).catch((error: unknown) => {
      this.bucket = undefined;
      throw error;
    });
    await publishRevocation(await this.bucket, revocation);
  }
}

import { EVENTS_STREAM, EVENTS_SUBJECTS } from '@jiaolian/contracts';
import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates the events stream if it is missing. Replicas default to 1; the cluster overlay sets 3. */
export async function ensureEventsStream(nc: NatsConnection, replicas = Number(process.env['NATS_STREAM_REPLICAS'] ?? 1)): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch {
    try {
      await jsm.streams.add({
        name: EVENTS_STREAM,
        subjects: [EVENTS_SUBJECTS],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(2 * 60 * 1000),
        max_age: nanos(90 * DAY_MS),
        num_replicas: replicas,
      });
    } catch (error) {
      // another replica created it between our info() and add()
      await jsm.streams.info(EVENTS_STREAM).catch(() => { throw error; });
    }
  }
  return jsm;
}

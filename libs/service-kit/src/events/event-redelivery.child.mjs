// Test-only child process for event-redelivery.int-spec.ts: a replica that runs the kit's EventConsumer
// (as built) on a durable consumer. Its handler records each event it applies; an event whose data says
// `hold` never finishes, so the process holds that message and the ones behind it until it is killed.
import { createLogger, createServiceDataSource, EventConsumer } from '@jiaolian/service-kit';
import { connect } from '@nats-io/transport-node';

const [durable, filterSubject] = process.argv.slice(2);
const dataSource = createServiceDataSource({ schema: process.env.DB_SCHEMA, url: process.env.DATABASE_URL, entities: [], migrations: [] });
await dataSource.initialize();
const nc = await connect({ servers: process.env.NATS_URL });
const consumer = new EventConsumer(dataSource, nc, {
  durable,
  filterSubject,
  handle: async (manager, event) => {
    console.log(`handling ${event.data.name}`);
    if (event.data.hold) await new Promise(() => undefined);
    await manager.query('INSERT INTO applied_event (event_id, replica) VALUES ($1, $2)', [event.id, 'child']);
  },
}, createLogger('redelivery-child', 'warn'));
await consumer.start();
console.log('started');

// Test-only child process for outbox.int-spec.ts: commits a change and its outbox event in one
// transaction, says so on stdout, then waits to be killed. It starts no relay, so nothing is published.
import { createServiceDataSource, OutboxWriter } from '@jiaolian/service-kit';
import { randomUUID } from 'node:crypto';

const [url, schema, subject, districtId] = process.argv.slice(2);
const dataSource = createServiceDataSource({ schema, url, entities: [], migrations: [], poolSize: 1 });
await dataSource.initialize();
const changeId = randomUUID();
const event = await dataSource.transaction(async (manager) => {
  await manager.query('INSERT INTO crash_change (id, note) VALUES ($1, $2)', [changeId, 'written before the crash']);
  return new OutboxWriter().add(manager, null, { subject, districtId, data: { changeId } });
});
process.stdout.write(`${JSON.stringify({ eventId: event.id, changeId })}\n`);
setInterval(() => undefined, 60_000);

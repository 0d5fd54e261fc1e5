import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNats, startPostgres, type RunningNats, type RunningPostgres } from './servers.js';

/**
 * One PostgreSQL and one NATS per Jest run, shared by its test files (each creates its own database
 * and uses its own subjects/streams). Jest's globalSetup/globalTeardown call these.
 */
const STATE_FILE = path.join(tmpdir(), `jiaolian-test-servers-${process.pid}.json`);
let running: { pg: RunningPostgres; nats: RunningNats } | undefined;

export interface TestServers {
  postgresAdminUrl: string;
  natsUrl: string;
  natsPort: number;
}

export async function startTestServers(): Promise<TestServers> {
  const [pgServer, nats] = await Promise.all([startPostgres(), startNats()]);
  running = { pg: pgServer, nats };
  const servers: TestServers = { postgresAdminUrl: pgServer.url('postgres'), natsUrl: nats.url, natsPort: nats.port };
  process.env['JIAOLIAN_TEST_SERVERS'] = JSON.stringify(servers);
  writeFileSync(STATE_FILE, JSON.stringify(servers));
  return servers;
}

export async function stopTestServers(): Promise<void> {
  await Promise.all([running?.nats.stop(), running?.pg.stop()]);
  running = undefined;
}

/** Inside a test file: the servers the global setup started. */
export function testServers(): TestServers {
  const raw = process.env['JIAOLIAN_TEST_SERVERS'] ?? (existsSync(STATE_FILE) ? readFileSync(STATE_FILE, 'utf8') : undefined);
  if (!raw) throw new Error('Test servers are not running: the Jest config needs globalSetup from @jiaolian/testing');
  return JSON.parse(raw) as TestServers;
}

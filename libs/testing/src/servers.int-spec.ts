import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, type RunningPostgres } from './servers.js';

const DURABILITY = ['fsync', 'synchronous_commit', 'full_page_writes'] as const;

/** What the running server reports for each durability setting, and where the value came from. */
async function durability(server: RunningPostgres): Promise<Record<string, { setting: string; source: string }>> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const result: Record<string, { setting: string; source: string }> = {};
    for (const name of DURABILITY) {
      const { rows: [shown] } = await client.query<Record<string, string>>(`SHOW ${name}`);
      const { rows: [row] } = await client.query<{ source: string }>('SELECT source FROM pg_settings WHERE name = $1', [name]);
      result[name] = { setting: shown![name]!, source: row!.source };
    }
    return result;
  } finally {
    await client.end();
  }
}

describe(startPostgres.name, () => {
  it('keeps PostgreSQL\'s durable defaults for a persistent data directory (the one `npm start` keeps)', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'jiaolian-durable-'));
    chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach its data directory
    const dataDir = path.join(parent, 'postgres');
    const server = await startPostgres({ dataDir, persistent: true });
    try {
      expect(await durability(server)).toEqual({
        fsync: { setting: 'on', source: 'default' },
        synchronous_commit: { setting: 'on', source: 'default' },
        full_page_writes: { setting: 'on', source: 'default' },
      });
    } finally {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('runs a throw-away test database without them, for speed', async () => {
    const server = await startPostgres();
    try {
      expect(await durability(server)).toEqual({
        fsync: { setting: 'off', source: 'command line' },
        synchronous_commit: { setting: 'off', source: 'command line' },
        full_page_writes: { setting: 'off', source: 'command line' },
      });
    } finally {
      await server.stop();
    }
  });
});

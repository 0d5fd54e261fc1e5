import { createDatabase, testServers } from '@jiaolian/testing';
import pg from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DirectoryTables1764400000100 } from '../directory/directory-tables.migration.js';
import { createServiceDataSource, runMigrationsLocked } from './data-source.js';
import { KitTables1764400000000 } from './kit-tables.migration.js';

/** A slow migration that fails if it runs twice, so overlapping runners cannot go unnoticed. */
class SlowOnce1764400000900 implements MigrationInterface {
  name = 'SlowOnce1764400000900';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.3)');
    await queryRunner.query('CREATE TABLE slow_once (id int PRIMARY KEY)');
    await queryRunner.query('INSERT INTO slow_once VALUES (1)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE slow_once');
  }
}

const MIGRATIONS = [KitTables1764400000000, DirectoryTables1764400000100, SlowOnce1764400000900];

describe(runMigrationsLocked.name, () => {
  let url: string;
  const opened: DataSource[] = [];
  const dataSourceFor = (schema: string): DataSource => {
    const dataSource = createServiceDataSource({ schema, url, entities: [], migrations: MIGRATIONS, poolSize: 2 });
    opened.push(dataSource);
    return dataSource;
  };
  const tablesOf = async (schema: string): Promise<string[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    url = await createDatabase(testServers().postgresAdminUrl, 'kit_migrations_it');
  });

  afterAll(async () => {
    await Promise.all(opened.filter((d) => d.isInitialized).map((d) => d.destroy()));
  });

  it('creates the schema and every table on an empty database, then applies nothing the second time', async () => {
    expect(await tablesOf('fresh_svc')).toEqual([]);

    const first = await runMigrationsLocked(dataSourceFor('fresh_svc'), 'fresh_svc', url);
    expect(first).toEqual(['KitTables1764400000000', 'DirectoryTables1764400000100', 'SlowOnce1764400000900']);
    expect(await tablesOf('fresh_svc')).toEqual([
      'audit_log', 'directory_alliance', 'directory_member', 'inbox_event', 'migrations', 'outbox_event', 'slow_once',
    ]);

    // a restart with a new data source finds the schema up to date
    const second = await runMigrationsLocked(dataSourceFor('fresh_svc'), 'fresh_svc', url);
    expect(second).toEqual([]);
  });

  it('lets two replicas migrating at once both succeed, applying each migration once', async () => {
    const results = await Promise.all([
      runMigrationsLocked(dataSourceFor('racing_svc'), 'racing_svc', url),
      runMigrationsLocked(dataSourceFor('racing_svc'), 'racing_svc', url),
    ]);

    expect(results.flat().sort()).toEqual(['DirectoryTables1764400000100', 'KitTables1764400000000', 'SlowOnce1764400000900']);
    expect(results.some((applied) => applied.length === 0)).toBe(true);
    const [dataSource] = opened.slice(-1);
    const recorded: { name: string }[] = await dataSource!.query('SELECT name FROM racing_svc.migrations ORDER BY id');
    expect(recorded.map((m) => m.name)).toEqual(['KitTables1764400000000', 'DirectoryTables1764400000100', 'SlowOnce1764400000900']);
    expect(await dataSource!.query('SELECT id FROM racing_svc.slow_once')).toEqual([{ id: 1 }]);
  });
});

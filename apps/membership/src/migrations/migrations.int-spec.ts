import { createServiceDataSource, runMigrationsLocked } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { membershipEntities } from '../entities.js';
import { membershipMigrations } from './index.js';

describe('membership migrations', () => {
  it('build the schema on an empty database and do nothing when it is up to date', async () => {
    const url = await createDatabase(testServers().postgresAdminUrl, 'membership_migrations');
    const open = () => createServiceDataSource({ schema: 'membership', url, entities: membershipEntities, migrations: membershipMigrations });
    const first = open();
    try {
      expect(await runMigrationsLocked(first, 'membership', url)).toEqual(['KitTables1764400000000', 'MembershipTables1764500000000', 'SessionFamilies1765100000000']);
      const tables = await first.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'membership' ORDER BY 1");
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(expect.arrayContaining([
        'alliance', 'alliance_member', 'app_user', 'audit_log', 'campus', 'district', 'inbox_event', 'join_request', 'outbox_event', 'refresh_token', 'role_assignment', 'school',
      ]));
      // every entity column exists with its type (constraints and indexes live in the migration, not the entities)
      const pending = await first.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query).filter((q) => /CREATE TABLE|ADD "|ADD COLUMN| TYPE |DROP COLUMN/.test(q))).toEqual([]);
    } finally {
      await first.destroy();
    }
    const second = open();
    try {
      expect(await runMigrationsLocked(second, 'membership', url)).toEqual([]);
    } finally {
      await second.destroy();
    }
  });
});

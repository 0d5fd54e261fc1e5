import { MembershipEvents, type DomainEvent } from '@jiaolian/contracts';
import { createServiceDataSource, runMigrationsLocked } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { membershipEntities } from '../entities.js';
import { membershipMigrations } from './index.js';
import { RowVersions1765200000000 } from './1765200000000-row-versions.js';

describe('membership migrations', () => {
  it('build the schema on an empty database and do nothing when it is up to date', async () => {
    const url = await createDatabase(testServers().postgresAdminUrl, 'membership_migrations');
    const open = () => createServiceDataSource({ schema: 'membership', url, entities: membershipEntities, migrations: membershipMigrations });
    const first = open();
    try {
      expect(await runMigrationsLocked(first, 'membership', url)).toEqual([
        'KitTables1764400000000', 'MembershipTables1764500000000', 'SessionFamilies1765100000000', 'RowVersions1765200000000',
        'ApiClients1765500000000',
        'Charters1765600000000',
        'AllianceBodies1765610000000',
        'SchoolProfiles1765620000000',
        'CrossDistrict1765630000000',
        'TeacherAccounts1765700000000',
      ]);
      const tables = await first.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'membership' ORDER BY 1");
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(expect.arrayContaining([
        'alliance', 'alliance_member', 'api_client', 'api_client_secret', 'app_user', 'audit_log', 'campus', 'district', 'inbox_event', 'join_request', 'join_request_approval', 'outbox_event', 'refresh_token', 'role_assignment', 'school',
        'profile_tag', 'profile_round', 'school_profile', 'road_distance',
        'alliance_body', 'alliance_body_member',
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

  it('announces the current name of every existing school and alliance once when it adds row versions', async () => {
    const url = await createDatabase(testServers().postgresAdminUrl, 'membership_row_versions');
    const upTo = (count: number) => createServiceDataSource({ schema: 'membership', url, entities: membershipEntities, migrations: membershipMigrations.slice(0, count) });
    const before = upTo(membershipMigrations.indexOf(RowVersions1765200000000));
    await runMigrationsLocked(before, 'membership', url);
    const [district] = await before.query("INSERT INTO district (code, name) VALUES ('330799', '清溪县教育局') RETURNING id");
    // renamed before this release: the directories of the other services may still hold the old names
    const [school] = await before.query(
      `INSERT INTO school (district_id, code, name, stage, locale, township, student_count, teacher_count, class_count)
       VALUES ($1, '3307990001', '清溪县实验教育集团', 'primary', 'urban', '城关镇', 900, 60, 24) RETURNING id`, [district.id]);
    const [alliance] = await before.query(
      "INSERT INTO alliance (district_id, name, kind, status, core_school_id) VALUES ($1, '城关教联体', 'integrated', 'active', $2) RETURNING id",
      [district.id, school.id]);
    await before.destroy();

    const after = upTo(membershipMigrations.indexOf(RowVersions1765200000000) + 1);
    try {
      expect(await runMigrationsLocked(after, 'membership', url)).toEqual(['RowVersions1765200000000']);
      const rows: { id: string; subject: string; envelope: DomainEvent }[] = await after.query('SELECT id, subject, envelope FROM outbox_event ORDER BY subject');
      expect(rows.map((r) => [r.subject, r.envelope.districtId, r.envelope.data])).toEqual([
        [MembershipEvents.allianceRenamed, district.id, { allianceId: alliance.id, districtId: district.id, name: '城关教联体', previousName: '城关教联体', version: 1 }],
        [MembershipEvents.schoolRenamed, district.id, {
          schoolId: school.id, districtId: district.id, code: '3307990001', name: '清溪县实验教育集团', previousName: '清溪县实验教育集团', version: 1,
        }],
      ]);
      for (const row of rows) {
        expect(row.envelope).toMatchObject({ id: row.id, subject: row.subject });
        expect(Date.parse(row.envelope.occurredAt)).not.toBeNaN();
      }
      expect(new Set(rows.map((r) => r.id)).size).toBe(2);
      expect(await after.query('SELECT version FROM school UNION ALL SELECT version FROM alliance')).toEqual([{ version: 1 }, { version: 1 }]);
    } finally {
      await after.destroy();
    }
  });
});

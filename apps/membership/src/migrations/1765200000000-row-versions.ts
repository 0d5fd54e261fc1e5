import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Schools and alliances count their changes (`version`, raised by every update), and the events that
 * carry their names say which version they describe, so the other services' directories keep the
 * newest name whatever order the events arrive in. Existing rows start at 1, the version of a row
 * that was never changed; the default lets replicas of the previous release insert rows during a
 * rolling upgrade.
 *
 * Renames before this release were never announced, so other services may still show old names: the
 * migration announces every school's and alliance's current name once through the outbox (in the same
 * transaction), and the directories take them by version.
 */
export class RowVersions1765200000000 implements MigrationInterface {
  name = 'RowVersions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".school ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "${s}".alliance ADD COLUMN version integer NOT NULL DEFAULT 1`);
    // MATERIALIZED: each event's id is drawn once and is both the row's key and the envelope's id
    await queryRunner.query(`
      WITH announced AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, 'evt.membership.school.renamed.v1' AS subject, district_id, jsonb_build_object(
                 'schoolId', id, 'districtId', district_id, 'code', code, 'name', name, 'previousName', name, 'version', version) AS data
          FROM "${s}".school
        UNION ALL
        SELECT gen_random_uuid(), 'evt.membership.alliance.renamed.v1', district_id, jsonb_build_object(
                 'allianceId', id, 'districtId', district_id, 'name', name, 'previousName', name, 'version', version)
          FROM "${s}".alliance
      )
      INSERT INTO "${s}".outbox_event (id, subject, envelope)
      SELECT id, subject, jsonb_build_object(
               'id', id, 'subject', subject, 'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'districtId', district_id, 'data', data)
        FROM announced`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".alliance DROP COLUMN version`);
    await queryRunner.query(`ALTER TABLE "${s}".school DROP COLUMN version`);
  }
}

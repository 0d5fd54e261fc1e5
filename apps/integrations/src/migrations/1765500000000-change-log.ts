import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * The change log behind the change feed: one row per catalogued domain event, in the order it was
 * recorded (seq). Rows say whose they are (district, alliance, school) so that the feed scopes them
 * like every other read, and which domain they belong to so that an API client's read scopes apply.
 */
export class ChangeLog1765500000000 implements MigrationInterface {
  name = 'ChangeLog1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".change_log (
        seq bigserial PRIMARY KEY,
        event_id varchar(64) NOT NULL UNIQUE,
        public_type varchar(64) NOT NULL,
        version int NOT NULL,
        domain varchar(16) NOT NULL,
        resource_type varchar(32) NOT NULL,
        resource_id varchar(160) NOT NULL,
        operation varchar(8) NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
        district_id uuid NOT NULL,
        alliance_id uuid,
        school_id uuid,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX change_log_district_seq ON "${s}".change_log (district_id, seq)`);
    await queryRunner.query(`CREATE INDEX change_log_alliance_seq ON "${s}".change_log (alliance_id, seq) WHERE alliance_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX change_log_school_seq ON "${s}".change_log (school_id, seq) WHERE school_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".change_log`);
  }
}

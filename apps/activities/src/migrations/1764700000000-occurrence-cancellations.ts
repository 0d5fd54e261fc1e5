import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** Single occurrences of a repeating activity that were cancelled while the series goes on (EXDATE). */
export class OccurrenceCancellations1764700000000 implements MigrationInterface {
  name = 'OccurrenceCancellations1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".occurrence_cancellation (
        activity_id uuid NOT NULL REFERENCES "${s}".activity (id) ON DELETE CASCADE,
        occurrence_start timestamptz NOT NULL,
        reason varchar(500) NOT NULL,
        cancelled_by text NOT NULL,
        cancelled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, occurrence_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".occurrence_cancellation`);
  }
}

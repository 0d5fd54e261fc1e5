import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * An activity may name the alliance body (working group, studio …) that runs it, as a work plan names
 * the body that owns it. The body lives in membership; the id is checked there when it is set, and the
 * body's page lists its activities by it.
 */
export class ActivityBodies1765740000000 implements MigrationInterface {
  name = 'ActivityBodies1765740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".activity ADD COLUMN body_id uuid`);
    await queryRunner.query(`CREATE INDEX activity_body_idx ON "${s}".activity (body_id) WHERE body_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".activity_body_idx`);
    await queryRunner.query(`ALTER TABLE "${s}".activity DROP COLUMN body_id`);
  }
}

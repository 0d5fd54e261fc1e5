import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * A work plan may name the alliance body (working group, studio …) that owns it. The body lives in
 * membership; the id is checked there when it is set, and the body's page lists its plans by it.
 */
export class PlanBodies1765610000000 implements MigrationInterface {
  name = 'PlanBodies1765610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".work_plan ADD COLUMN body_id uuid`);
    await queryRunner.query(`CREATE INDEX work_plan_body_idx ON "${s}".work_plan (body_id) WHERE body_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".work_plan_body_idx`);
    await queryRunner.query(`ALTER TABLE "${s}".work_plan DROP COLUMN body_id`);
  }
}

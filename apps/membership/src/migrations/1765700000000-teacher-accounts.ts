import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Teachers as users: an account may belong to one roster teacher of teacher exchange (one account per
 * teacher, one teacher per account), and an account handed out with an initial password must choose
 * its own at the first login.
 */
export class TeacherAccounts1765700000000 implements MigrationInterface {
  name = 'TeacherAccounts1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false, ADD COLUMN roster_teacher_id uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_roster_teacher_key ON "${s}".app_user (roster_teacher_id) WHERE roster_teacher_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".app_user_roster_teacher_key`);
    await queryRunner.query(`ALTER TABLE "${s}".app_user DROP COLUMN roster_teacher_id, DROP COLUMN must_change_password`);
  }
}

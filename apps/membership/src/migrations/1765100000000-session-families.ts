import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Every refresh token names the login it descends from (its family, which is also the `sid` of the
 * access tokens issued with it), so a replayed token ends that login only. Tokens from before this
 * migration are each a family of their own. The column stays nullable: replicas of the previous
 * release insert rows without it during a rolling upgrade, and such a row is read as its own family.
 */
export class SessionFamilies1765100000000 implements MigrationInterface {
  name = 'SessionFamilies1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".refresh_token ADD COLUMN family_id uuid`);
    await queryRunner.query(`UPDATE "${s}".refresh_token SET family_id = id WHERE family_id IS NULL`);
    await queryRunner.query(`CREATE INDEX refresh_token_family_idx ON "${s}".refresh_token (family_id) WHERE revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".refresh_token_family_idx`);
    await queryRunner.query(`ALTER TABLE "${s}".refresh_token DROP COLUMN family_id`);
  }
}

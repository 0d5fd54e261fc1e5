import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** The directory projection's tables; list it right after KitTables1764400000000. */
export class DirectoryTables1764400000100 implements MigrationInterface {
  name = 'DirectoryTables1764400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".directory_alliance (
        id uuid PRIMARY KEY,
        district_id uuid NOT NULL,
        name text,
        kind text,
        status text NOT NULL,
        core_school_id uuid,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX directory_alliance_district_idx ON "${s}".directory_alliance (district_id)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".directory_member (
        alliance_id uuid NOT NULL,
        school_id uuid NOT NULL,
        role text,
        active boolean NOT NULL DEFAULT false,
        joined_at timestamptz,
        left_at timestamptz,
        PRIMARY KEY (alliance_id, school_id)
      )`);
    // "which alliances is this school in" is the hot question (sameAlliance, the scoped directory view)
    await queryRunner.query(`CREATE INDEX directory_member_school_idx ON "${s}".directory_member (school_id) WHERE active`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".directory_member`);
    await queryRunner.query(`DROP TABLE "${s}".directory_alliance`);
  }
}

/** School names and codes, so a service can show "which school" without asking membership each time. */
export class DirectorySchools1764400000200 implements MigrationInterface {
  name = 'DirectorySchools1764400000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".directory_school (
        id uuid PRIMARY KEY,
        district_id uuid NOT NULL,
        name text NOT NULL,
        code text,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX directory_school_district_idx ON "${s}".directory_school (district_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".directory_school`);
  }
}

/**
 * The version of membership's row that each name was taken from, so a redelivered or late event never
 * brings back an older name. Rows from before carry 0: any versioned event replaces their name.
 */
export class DirectoryVersions1765200000100 implements MigrationInterface {
  name = 'DirectoryVersions1765200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".directory_school ADD COLUMN version integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "${s}".directory_alliance ADD COLUMN name_version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".directory_alliance DROP COLUMN name_version`);
    await queryRunner.query(`ALTER TABLE "${s}".directory_school DROP COLUMN version`);
  }
}

/**
 * The directory's first migrations, in order; list them right after KitTables1764400000000. Later
 * directory migrations (DirectoryVersions1765200000100) go where their timestamps fall among the
 * service's own, so every service lists its migrations in timestamp order.
 */
export const DIRECTORY_MIGRATIONS = [DirectoryTables1764400000100, DirectorySchools1764400000200];

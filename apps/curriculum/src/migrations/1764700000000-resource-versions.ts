import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Versions of a resource's file: the resource row keeps offering the current file (so lists and
 * downloads are unchanged), every file it ever offered is a row here. Existing resources become
 * version 1 of themselves. Additive only: the previous release keeps working on this schema.
 */
export class ResourceVersions1764700000000 implements MigrationInterface {
  name = 'ResourceVersions1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`ALTER TABLE "${s}".resource ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    await q(`
      CREATE TABLE "${s}".resource_version (
        resource_id uuid NOT NULL REFERENCES "${s}".resource(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        file_key varchar(200) NOT NULL,
        file_name varchar(255) NOT NULL,
        file_size bigint NOT NULL CHECK (file_size >= 0),
        file_sha256 char(64) NOT NULL,
        content_type varchar(200) NOT NULL,
        note varchar(500),
        uploaded_by varchar(64) NOT NULL,
        uploaded_by_name varchar(64) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resource_id, version)
      )`);
    await q(`
      INSERT INTO "${s}".resource_version (resource_id, version, file_key, file_name, file_size, file_sha256, content_type, uploaded_by, uploaded_by_name, uploaded_at)
      SELECT id, 1, file_key, file_name, file_size, file_sha256, content_type, owner_id, owner_name, created_at FROM "${s}".resource`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".resource_version`);
    await queryRunner.query(`ALTER TABLE "${s}".resource DROP COLUMN version`);
  }
}

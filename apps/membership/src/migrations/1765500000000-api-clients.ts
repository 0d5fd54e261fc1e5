import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * API clients (第三方应用) of a district and their secrets. A secret is kept only as its SHA-256
 * hash; the current one has no expiry, a rotated one expires at the end of its grace period.
 */
export class ApiClients1765500000000 implements MigrationInterface {
  name = 'ApiClients1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".api_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id varchar(40) NOT NULL UNIQUE,
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        name varchar(64) NOT NULL,
        description varchar(500),
        scopes text[] NOT NULL,
        reach_district_ids uuid[] NOT NULL DEFAULT '{}',
        reach_alliance_ids uuid[] NOT NULL DEFAULT '{}',
        rate_limit_per_minute integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('active', 'revoked')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX api_client_district_idx ON "${s}".api_client (district_id, name)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".api_client_secret (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES "${s}".api_client(id) ON DELETE CASCADE,
        secret_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_client_secret_client_idx ON "${s}".api_client_secret (client_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".api_client_secret`);
    await queryRunner.query(`DROP TABLE "${s}".api_client`);
  }
}

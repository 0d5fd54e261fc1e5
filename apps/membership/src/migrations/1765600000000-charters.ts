import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Charters and agreements (章程与协议) of alliances: documents, their versions (at most one draft or
 * version out for signing per document, at most one in force) and the member schools' signatures,
 * each with the SHA-256 of the canonical bytes of the version it signed.
 */
export class Charters1765600000000 implements MigrationInterface {
  name = 'Charters1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".charter_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        alliance_id uuid NOT NULL REFERENCES "${s}".alliance(id),
        kind varchar(32) NOT NULL CHECK (kind IN ('charter', 'cooperation_agreement', 'pairing_agreement')),
        title varchar(100) NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX charter_document_alliance_idx ON "${s}".charter_document (alliance_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".charter_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES "${s}".charter_document(id),
        number integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('draft', 'signing', 'in_force', 'superseded', 'expired')),
        title varchar(100) NOT NULL,
        body text,
        file_key varchar(300),
        file_name varchar(255),
        file_content_type varchar(200),
        file_size bigint,
        file_sha256 char(64),
        shared_scope text,
        duties jsonb NOT NULL DEFAULT '[]'::jsonb,
        dispute_resolution text,
        valid_from date,
        valid_to date,
        amends_id uuid REFERENCES "${s}".charter_version(id),
        signer_school_ids uuid[] NOT NULL DEFAULT '{}',
        sent_sha256 char(64),
        sent_at timestamptz,
        sent_by text,
        in_force_at timestamptz,
        superseded_at timestamptz,
        expired_at timestamptz,
        expiry_reminded_days integer,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (document_id, number),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    // one draft or version out for signing per document, and one version in force
    await queryRunner.query(`CREATE UNIQUE INDEX charter_version_open_uq ON "${s}".charter_version (document_id) WHERE status IN ('draft', 'signing')`);
    await queryRunner.query(`CREATE UNIQUE INDEX charter_version_in_force_uq ON "${s}".charter_version (document_id) WHERE status = 'in_force'`);
    await queryRunner.query(`CREATE INDEX charter_version_expiry_idx ON "${s}".charter_version (valid_to) WHERE status = 'in_force'`);
    await queryRunner.query(`
      CREATE TABLE "${s}".charter_signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES "${s}".charter_version(id),
        school_id uuid NOT NULL REFERENCES "${s}".school(id),
        signed_by text NOT NULL,
        signed_by_name varchar(100) NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        content_sha256 char(64) NOT NULL,
        voided_at timestamptz,
        void_reason varchar(500)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX charter_signature_live_uq ON "${s}".charter_signature (version_id, school_id) WHERE voided_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".charter_signature`);
    await queryRunner.query(`DROP TABLE "${s}".charter_version`);
    await queryRunner.query(`DROP TABLE "${s}".charter_document`);
  }
}

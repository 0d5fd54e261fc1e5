import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * The organisation of an alliance: its bodies (理事会, 秘书处, 领导小组, 工作组, 学科中心组, 工作室),
 * possibly nested, and the people sitting in them for a term. A membership is never deleted: ending it
 * fills ended_on. The partial unique indexes hold the two rules races could break: a person sits in a
 * body once at a time, and a body has one current leader.
 */
export class AllianceBodies1765610000000 implements MigrationInterface {
  name = 'AllianceBodies1765610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".alliance_body (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        alliance_id uuid NOT NULL REFERENCES "${s}".alliance(id),
        parent_id uuid REFERENCES "${s}".alliance_body(id),
        kind varchar(24) NOT NULL CHECK (kind IN ('council', 'secretariat', 'leadership_group', 'working_group', 'subject_centre', 'studio')),
        category varchar(24),
        name varchar(64) NOT NULL,
        subject varchar(32),
        responsibilities text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        dissolved_at timestamptz,
        dissolve_reason text
      )`);
    await queryRunner.query(`CREATE INDEX alliance_body_alliance_idx ON "${s}".alliance_body (alliance_id, kind, name)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".alliance_body_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL REFERENCES "${s}".alliance_body(id),
        user_id uuid NOT NULL REFERENCES "${s}".app_user(id),
        school_id uuid NOT NULL REFERENCES "${s}".school(id),
        role varchar(16) NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
        term_from date NOT NULL,
        term_to date CHECK (term_to >= term_from),
        ended_on date CHECK (ended_on >= term_from),
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX alliance_body_member_current_uq ON "${s}".alliance_body_member (body_id, user_id) WHERE ended_on IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX alliance_body_member_leader_uq ON "${s}".alliance_body_member (body_id) WHERE ended_on IS NULL AND role = 'leader'`);
    await queryRunner.query(`CREATE INDEX alliance_body_member_user_idx ON "${s}".alliance_body_member (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".alliance_body_member`);
    await queryRunner.query(`DROP TABLE "${s}".alliance_body`);
  }
}

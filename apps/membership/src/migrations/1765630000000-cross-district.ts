import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Alliances across districts (跨区域合作): a join request between an alliance and a school of another
 * district needs the approval of both districts' admins. One approval row per side; the asked side's
 * acceptance is kept on the request while approvals are outstanding.
 */
export class CrossDistrict1765630000000 implements MigrationInterface {
  name = 'CrossDistrict1765630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".join_request ADD COLUMN answered_by text, ADD COLUMN answered_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE "${s}".join_request_approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        join_request_id uuid NOT NULL REFERENCES "${s}".join_request(id),
        side varchar(16) NOT NULL CHECK (side IN ('alliance', 'school')),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
        comment text,
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (join_request_id, side)
      )`);
    await queryRunner.query(`CREATE INDEX join_request_approval_district_idx ON "${s}".join_request_approval (district_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".join_request_approval`);
    await queryRunner.query(`ALTER TABLE "${s}".join_request DROP COLUMN answered_by, DROP COLUMN answered_at`);
  }
}

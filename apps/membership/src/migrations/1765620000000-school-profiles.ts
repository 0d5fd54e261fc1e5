import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * School profiles (学校画像): the district's tag taxonomy, profile rounds (调研) per term, one profile per
 * school and term (strengths, needs and specialities as tag ids with levels), and road distances entered
 * by hand for pairs of schools (the pairing suggestions use them instead of the estimate).
 */
export class SchoolProfiles1765620000000 implements MigrationInterface {
  name = 'SchoolProfiles1765620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".profile_tag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        category varchar(16) NOT NULL CHECK (category IN ('subject', 'grade', 'facility', 'speciality')),
        code varchar(32) NOT NULL,
        name_zh varchar(32) NOT NULL,
        name_en varchar(64) NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (district_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".profile_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        term varchar(11) NOT NULL,
        deadline timestamptz NOT NULL,
        instructions varchar(500),
        status varchar(8) NOT NULL CHECK (status IN ('open', 'closed')),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        UNIQUE (district_id, term)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".school_profile (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        school_id uuid NOT NULL REFERENCES "${s}".school(id),
        term varchar(11) NOT NULL,
        round_id uuid NOT NULL REFERENCES "${s}".profile_round(id),
        strengths jsonb NOT NULL,
        needs jsonb NOT NULL,
        specialities jsonb NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 10),
        note text,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (school_id, term)
      )`);
    await queryRunner.query(`CREATE INDEX school_profile_district_term_idx ON "${s}".school_profile (district_id, term)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".road_distance (
        school_a_id uuid NOT NULL REFERENCES "${s}".school(id),
        school_b_id uuid NOT NULL REFERENCES "${s}".school(id),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        km numeric(5, 1) NOT NULL CHECK (km >= 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_a_id, school_b_id),
        CHECK (school_a_id < school_b_id)
      )`);
    await queryRunner.query(`CREATE INDEX road_distance_district_idx ON "${s}".road_distance (district_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".road_distance`);
    await queryRunner.query(`DROP TABLE "${s}".school_profile`);
    await queryRunner.query(`DROP TABLE "${s}".profile_round`);
    await queryRunner.query(`DROP TABLE "${s}".profile_tag`);
  }
}

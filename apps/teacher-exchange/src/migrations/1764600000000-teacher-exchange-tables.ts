import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** Teachers, placements with their host schools (no overlapping live placement per teacher), yearly exchange quotas. */
export class TeacherExchangeTables1764600000000 implements MigrationInterface {
  name = 'TeacherExchangeTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    // Extensions are per database and other services may create the same one at the same moment:
    // a lost race is a unique violation, which means it exists now.
    await q(`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public; EXCEPTION WHEN unique_violation THEN NULL; END $$`);
    await q(`
      CREATE TABLE "${s}".teacher (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        staff_no varchar(32) NOT NULL,
        name varchar(32) NOT NULL,
        gender varchar(8) NOT NULL CHECK (gender IN ('male', 'female')),
        subjects text[] NOT NULL CHECK (cardinality(subjects) > 0),
        title varchar(16) NOT NULL CHECK (title IN ('senior_full', 'senior', 'first', 'second', 'third', 'unrated')),
        rank varchar(16) NOT NULL CHECK (rank IN ('none', 'backbone', 'subject_leader')),
        middle_manager boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT teacher_school_staff_no_key UNIQUE (school_id, staff_no)
      )`);
    await q(`CREATE INDEX teacher_district_school_idx ON "${s}".teacher (district_id, school_id, name)`);
    await q(`CREATE INDEX teacher_subjects_idx ON "${s}".teacher USING gin (subjects)`);
    await q(`
      CREATE TABLE "${s}".placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        teacher_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        home_school_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('rotation', 'itinerant', 'support', 'shadowing', 'observation')),
        status varchar(16) NOT NULL CHECK (status IN ('proposed', 'home_approved', 'approved', 'active', 'completed', 'rejected', 'cancelled')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        note text,
        reason text,
        proposed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on),
        CHECK (status NOT IN ('rejected', 'cancelled') OR reason IS NOT NULL),
        -- one teacher, one place at a time: two approved/active placements may not share a day
        CONSTRAINT placement_teacher_no_overlap EXCLUDE USING gist (teacher_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
          WHERE (status IN ('approved', 'active'))
      )`);
    await q(`CREATE INDEX placement_district_status_idx ON "${s}".placement (district_id, status, starts_on DESC)`);
    await q(`CREATE INDEX placement_alliance_idx ON "${s}".placement (alliance_id, starts_on)`);
    await q(`CREATE INDEX placement_home_school_idx ON "${s}".placement (home_school_id, starts_on)`);
    await q(`CREATE INDEX placement_teacher_idx ON "${s}".placement (teacher_id)`);
    await q(`
      CREATE TABLE "${s}".placement_host (
        placement_id uuid NOT NULL REFERENCES "${s}".placement(id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        weekly_periods int CHECK (weekly_periods BETWEEN 1 AND 30),
        approved_at timestamptz,
        approved_by text,
        PRIMARY KEY (placement_id, school_id)
      )`);
    await q(`CREATE INDEX placement_host_school_idx ON "${s}".placement_host (school_id)`);
    await q(`
      CREATE TABLE "${s}".exchange_quota (
        alliance_id uuid NOT NULL,
        year int NOT NULL,
        category varchar(16) NOT NULL CHECK (category IN ('middle_manager', 'backbone', 'any')),
        district_id uuid NOT NULL,
        min_count int NOT NULL CHECK (min_count >= 0),
        max_count int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        PRIMARY KEY (alliance_id, year, category),
        CHECK (max_count >= min_count)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['exchange_quota', 'placement_host', 'placement', 'teacher']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

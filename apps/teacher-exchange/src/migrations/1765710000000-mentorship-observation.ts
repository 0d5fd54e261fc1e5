import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Mentorship pairs (one active pair per mentor, apprentice and term) with their monthly demo and
 * report lessons; the district's versioned observation rubric and the observation records scored
 * against one of its versions.
 */
export class MentorshipObservation1765710000000 implements MigrationInterface {
  name = 'MentorshipObservation1765710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".mentorship (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        term varchar(12) NOT NULL,
        mentor_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        apprentice_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        mentor_school_id uuid NOT NULL,
        apprentice_school_id uuid NOT NULL,
        goals text NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('active', 'closed')),
        mentor_comment text,
        apprentice_comment text,
        school_comment text,
        closed_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (mentor_id <> apprentice_id),
        CHECK (status = 'active' OR (closed_at IS NOT NULL AND mentor_comment IS NOT NULL AND apprentice_comment IS NOT NULL AND school_comment IS NOT NULL))
      )`);
    // two racing creations of the same pair: exactly one gets in
    await q(`CREATE UNIQUE INDEX mentorship_active_pair_key ON "${s}".mentorship (mentor_id, apprentice_id, term) WHERE status = 'active'`);
    await q(`CREATE INDEX mentorship_district_term_idx ON "${s}".mentorship (district_id, term)`);
    await q(`CREATE INDEX mentorship_mentor_school_idx ON "${s}".mentorship (mentor_school_id, term)`);
    await q(`CREATE INDEX mentorship_apprentice_school_idx ON "${s}".mentorship (apprentice_school_id, term)`);
    await q(`CREATE INDEX mentorship_apprentice_idx ON "${s}".mentorship (apprentice_id)`);
    await q(`
      CREATE TABLE "${s}".mentorship_lesson (
        mentorship_id uuid NOT NULL REFERENCES "${s}".mentorship(id) ON DELETE CASCADE,
        month char(7) NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('demo', 'report')),
        scheduled_on date NOT NULL,
        starts_at char(5) NOT NULL,
        place varchar(100) NOT NULL,
        lesson_plan_id uuid,
        lesson_plan_title text,
        video_url text,
        reflection text,
        done_at timestamptz,
        done_by text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mentorship_id, month, kind),
        CHECK (to_char(scheduled_on, 'YYYY-MM') = month),
        CHECK (done_at IS NULL OR (reflection IS NOT NULL AND (lesson_plan_id IS NOT NULL OR video_url IS NOT NULL)))
      )`);
    await q(`CREATE INDEX mentorship_lesson_day_idx ON "${s}".mentorship_lesson (scheduled_on)`);
    await q(`
      CREATE TABLE "${s}".observation_rubric (
        district_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        dimensions jsonb NOT NULL,
        max_total int NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (district_id, version)
      )`);
    await q(`
      CREATE TABLE "${s}".observation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        observer_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        observer_school_id uuid NOT NULL,
        observed_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        observed_school_id uuid NOT NULL,
        observed_on date NOT NULL,
        subject varchar(20) NOT NULL,
        class_name varchar(40) NOT NULL,
        topic varchar(100) NOT NULL,
        rubric_version int NOT NULL,
        scores jsonb NOT NULL,
        total int NOT NULL,
        max_total int NOT NULL CHECK (max_total > 0),
        comments text,
        placement_id uuid REFERENCES "${s}".placement(id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (observer_id <> observed_id),
        CHECK (total BETWEEN 0 AND max_total),
        FOREIGN KEY (district_id, rubric_version) REFERENCES "${s}".observation_rubric(district_id, version)
      )`);
    await q(`CREATE INDEX observation_district_day_idx ON "${s}".observation (district_id, observed_on DESC)`);
    await q(`CREATE INDEX observation_observer_idx ON "${s}".observation (observer_id)`);
    await q(`CREATE INDEX observation_observed_idx ON "${s}".observation (observed_id)`);
    await q(`CREATE INDEX observation_observer_school_idx ON "${s}".observation (observer_school_id)`);
    await q(`CREATE INDEX observation_observed_school_idx ON "${s}".observation (observed_school_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['observation', 'observation_rubric', 'mentorship_lesson', 'mentorship']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

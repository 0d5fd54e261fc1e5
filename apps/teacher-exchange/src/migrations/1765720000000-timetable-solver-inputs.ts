import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * What the itinerant timetable solver reads: per school its bell schedule (the periods of a day, the same on
 * each of its weekdays) and the lessons it needs from itinerant teachers; per itinerant teacher the times they
 * cannot teach and a daily travel limit; travel minutes entered by hand between two schools (otherwise the
 * solver estimates them from the schools' coordinates); and the solve jobs of an alliance's itinerant
 * timetable, claimed and run by whichever copy of the service takes them first.
 */
export class TimetableSolverInputs1765720000000 implements MigrationInterface {
  name = 'TimetableSolverInputs1765720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".solver_bell_schedule (
        school_id uuid PRIMARY KEY,
        district_id uuid NOT NULL,
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7),
        periods jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".solver_lesson_need (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL,
        district_id uuid NOT NULL,
        row_no int NOT NULL,
        subject varchar(16) NOT NULL,
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 12),
        class_name varchar(32) NOT NULL,
        periods_per_week smallint NOT NULL CHECK (periods_per_week BETWEEN 1 AND 14),
        teacher_id uuid REFERENCES "${s}".teacher(id),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, subject, grade, class_name)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".solver_teacher_limit (
        teacher_id uuid PRIMARY KEY REFERENCES "${s}".teacher(id),
        district_id uuid NOT NULL,
        unavailable jsonb NOT NULL DEFAULT '[]',
        max_travel_minutes_per_day int CHECK (max_travel_minutes_per_day BETWEEN 0 AND 600),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".solver_travel (
        district_id uuid NOT NULL,
        school_a uuid NOT NULL,
        school_b uuid NOT NULL,
        minutes int NOT NULL CHECK (minutes BETWEEN 0 AND 600),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_a, school_b),
        CHECK (school_a < school_b)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".solver_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'accepted')),
        input jsonb NOT NULL,
        progress jsonb,
        result jsonb,
        outcome varchar(16) CHECK (outcome IN ('optimal', 'feasible', 'incomplete', 'infeasible')),
        gap double precision,
        objective double precision,
        error text,
        attempts int NOT NULL DEFAULT 0,
        claimed_by text,
        heartbeat_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        accepted_by text,
        accepted_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX solver_job_queue_idx ON "${s}".solver_job (created_at) WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`CREATE INDEX solver_job_alliance_idx ON "${s}".solver_job (alliance_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".solver_job`);
    await queryRunner.query(`DROP TABLE "${s}".solver_travel`);
    await queryRunner.query(`DROP TABLE "${s}".solver_teacher_limit`);
    await queryRunner.query(`DROP TABLE "${s}".solver_lesson_need`);
    await queryRunner.query(`DROP TABLE "${s}".solver_bell_schedule`);
  }
}

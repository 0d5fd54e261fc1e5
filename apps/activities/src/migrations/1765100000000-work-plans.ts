import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Work plans (学期工作计划) per alliance and per member school per term, their target tasks (目标任务)
 * with milestones, progress updates, evidence (stored files and links to platform objects) and the
 * completion assessment of each target. New tables only: the previous release never reads them.
 */
export class WorkPlans1765100000000 implements MigrationInterface {
  name = 'WorkPlans1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".work_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        school_id uuid,
        term varchar(11) NOT NULL CHECK (term ~ '^\\d{4}-\\d{4}-[12]$'),
        title varchar(100) NOT NULL,
        goals text NOT NULL,
        measures text NOT NULL,
        owner_user_id uuid,
        owner_name varchar(64) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'closed')),
        return_comment varchar(500),
        submitted_at timestamptz,
        approved_at timestamptz,
        approved_by text,
        closed_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // one alliance plan per alliance and term, one school plan per member school, alliance and term
    await q(`CREATE UNIQUE INDEX work_plan_alliance_term_key ON "${s}".work_plan (alliance_id, term) WHERE school_id IS NULL`);
    await q(`CREATE UNIQUE INDEX work_plan_school_term_key ON "${s}".work_plan (alliance_id, school_id, term) WHERE school_id IS NOT NULL`);
    await q(`CREATE INDEX work_plan_district_term_idx ON "${s}".work_plan (district_id, term)`);
    await q(`CREATE INDEX work_plan_school_idx ON "${s}".work_plan (school_id, term) WHERE school_id IS NOT NULL`);
    await q(`
      CREATE TABLE "${s}".plan_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES "${s}".work_plan(id) ON DELETE CASCADE,
        position int NOT NULL,
        title varchar(200) NOT NULL,
        description text,
        assignees jsonb NOT NULL,
        rating varchar(16) CHECK (rating IN ('met', 'partly', 'not_met')),
        assessment_comment text,
        assessed_by text,
        assessed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX plan_target_plan_idx ON "${s}".plan_target (plan_id, position)`);
    await q(`
      CREATE TABLE "${s}".plan_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_id uuid NOT NULL REFERENCES "${s}".plan_target(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES "${s}".work_plan(id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        due_on date NOT NULL,
        expected_result varchar(500) NOT NULL,
        owner_user_id uuid,
        owner_name varchar(64),
        status varchar(16) NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
        percent smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        completed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_milestone_done_has_day CHECK ((status = 'done') = (completed_on IS NOT NULL))
      )`);
    await q(`CREATE INDEX plan_milestone_target_idx ON "${s}".plan_milestone (target_id, due_on)`);
    await q(`CREATE INDEX plan_milestone_plan_idx ON "${s}".plan_milestone (plan_id, due_on)`);
    // "my overdue milestones": open milestones by owner and due date
    await q(`CREATE INDEX plan_milestone_owner_open_idx ON "${s}".plan_milestone (owner_user_id, due_on) WHERE completed_on IS NULL`);
    await q(`
      CREATE TABLE "${s}".milestone_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        milestone_id uuid NOT NULL REFERENCES "${s}".plan_milestone(id) ON DELETE CASCADE,
        percent smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
        status varchar(16) NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
        comment text NOT NULL,
        reported_on date NOT NULL,
        reported_by_id text NOT NULL,
        reported_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX milestone_progress_milestone_idx ON "${s}".milestone_progress (milestone_id, created_at)`);
    await q(`
      CREATE TABLE "${s}".plan_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        milestone_id uuid NOT NULL REFERENCES "${s}".plan_milestone(id) ON DELETE CASCADE,
        progress_id uuid REFERENCES "${s}".milestone_progress(id) ON DELETE SET NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('file', 'activity', 'placement', 'resource', 'exam')),
        ref_id uuid,
        title varchar(255),
        verified boolean NOT NULL,
        note varchar(200),
        file_key varchar(300),
        file_size bigint,
        file_sha256 varchar(64),
        content_type varchar(200),
        added_by_id text NOT NULL,
        added_by varchar(64) NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_evidence_shape CHECK ((kind = 'file') = (file_key IS NOT NULL) AND (kind = 'file') = (ref_id IS NULL))
      )`);
    await q(`CREATE INDEX plan_evidence_milestone_idx ON "${s}".plan_evidence (milestone_id, added_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['plan_evidence', 'milestone_progress', 'plan_milestone', 'plan_target', 'work_plan']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

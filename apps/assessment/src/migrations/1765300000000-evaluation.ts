import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Indicator frameworks (versioned trees per district), term evaluations of alliances and member
 * schools with their frozen facts and scores, the log of their steps, and awards. New tables only:
 * the previous release never reads them.
 */
export class Evaluation1765300000000 implements MigrationInterface {
  name = 'Evaluation1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".eval_framework (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        lineage_id uuid NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        name varchar(100) NOT NULL,
        term varchar(11) NOT NULL CHECK (term ~ '^\\d{4}-\\d{4}-[12]$'),
        tree jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT eval_framework_lineage_version_key UNIQUE (lineage_id, version)
      )`);
    await q(`CREATE INDEX eval_framework_district_idx ON "${s}".eval_framework (district_id, created_at DESC)`);
    await q(`
      CREATE TABLE "${s}".eval_evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        school_id uuid,
        target_type varchar(8) NOT NULL CHECK (target_type IN ('alliance', 'school')),
        term varchar(11) NOT NULL CHECK (term ~ '^\\d{4}-\\d{4}-[12]$'),
        framework_id uuid NOT NULL REFERENCES "${s}".eval_framework(id),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        previous_id uuid REFERENCES "${s}".eval_evaluation(id),
        correction_reason varchar(1000),
        step varchar(20) NOT NULL CHECK (step IN ('draft', 'self-evaluated', 'alliance-reviewed', 'published')),
        superseded boolean NOT NULL DEFAULT false,
        tree jsonb NOT NULL,
        facts jsonb NOT NULL,
        computed jsonb NOT NULL,
        entries jsonb NOT NULL,
        dimensions jsonb NOT NULL,
        total numeric(5, 2),
        unavailable text[] NOT NULL,
        facts_gathered_at timestamptz,
        published_at timestamptz,
        published_by text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((target_type = 'school') = (school_id IS NOT NULL)),
        CHECK (NOT superseded OR step = 'published'),
        CHECK ((version = 1) = (previous_id IS NULL))
      )`);
    // one current version per alliance and term, and per member school, alliance and term
    await q(`CREATE UNIQUE INDEX eval_evaluation_alliance_key ON "${s}".eval_evaluation (alliance_id, term) WHERE school_id IS NULL AND NOT superseded`);
    await q(`CREATE UNIQUE INDEX eval_evaluation_school_key ON "${s}".eval_evaluation (alliance_id, school_id, term) WHERE school_id IS NOT NULL AND NOT superseded`);
    await q(`CREATE INDEX eval_evaluation_district_term_idx ON "${s}".eval_evaluation (district_id, term)`);
    await q(`CREATE INDEX eval_evaluation_school_idx ON "${s}".eval_evaluation (school_id, term) WHERE school_id IS NOT NULL`);
    // a published version never changes but for being superseded by its correction
    await q(`
      CREATE FUNCTION "${s}".eval_evaluation_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.step = 'published' AND (to_jsonb(NEW) - 'superseded') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded') THEN
          RAISE EXCEPTION 'a published evaluation is frozen' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q(`CREATE TRIGGER eval_evaluation_frozen BEFORE UPDATE ON "${s}".eval_evaluation FOR EACH ROW EXECUTE FUNCTION "${s}".eval_evaluation_frozen()`);
    await q(`
      CREATE TABLE "${s}".eval_step (
        id bigserial PRIMARY KEY,
        evaluation_id uuid NOT NULL REFERENCES "${s}".eval_evaluation(id) ON DELETE CASCADE,
        action varchar(16) NOT NULL,
        from_step varchar(20),
        to_step varchar(20) NOT NULL,
        comment text,
        by_id text NOT NULL,
        by_name text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX eval_step_evaluation_idx ON "${s}".eval_step (evaluation_id, id)`);
    await q(`
      CREATE TABLE "${s}".eval_award (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        term varchar(11) NOT NULL,
        evaluation_id uuid NOT NULL REFERENCES "${s}".eval_evaluation(id),
        target_type varchar(8) NOT NULL,
        target_id uuid NOT NULL,
        title varchar(60) NOT NULL,
        citation text NOT NULL,
        awarded_by text NOT NULL,
        awarded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX eval_award_district_term_idx ON "${s}".eval_award (district_id, term)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['eval_award', 'eval_step', 'eval_evaluation', 'eval_framework']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
    await queryRunner.query(`DROP FUNCTION "${s}".eval_evaluation_frozen()`);
  }
}

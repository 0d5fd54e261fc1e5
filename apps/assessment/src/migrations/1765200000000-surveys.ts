import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Satisfaction surveys: district templates, surveys with their questions, one-time link tokens, who has
 * answered, and the responses.
 *
 * Anonymity is kept by the shape of the tables: a token is stored as a hash with a used flag and no time;
 * a signed-in respondent as (survey, account) with no time; neither row points at a response, and a
 * response has a random id, its group (school × audience) and the day it came in, nothing finer. The
 * account is kept on a response only when the survey is not anonymous.
 */
export class Surveys1765200000000 implements MigrationInterface {
  name = 'Surveys1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".survey_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        title varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        questions jsonb NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX survey_template_district_idx ON "${s}".survey_template (district_id, title)`);
    await q(`
      CREATE TABLE "${s}".survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        level varchar(8) NOT NULL CONSTRAINT survey_level_check CHECK (level IN ('district', 'alliance', 'school')),
        alliance_id uuid,
        school_id uuid,
        school_ids uuid[] NOT NULL,
        term varchar(11) NOT NULL,
        title varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        audiences text[] NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        anonymous boolean NOT NULL,
        min_group_size smallint NOT NULL CONSTRAINT survey_min_group_check CHECK (min_group_size >= 3),
        status varchar(8) NOT NULL CONSTRAINT survey_status_check CHECK (status IN ('draft', 'open', 'closed')),
        questions jsonb NOT NULL,
        template_id uuid REFERENCES "${s}".survey_template(id) ON DELETE SET NULL,
        activity_id uuid,
        occurrence_start timestamptz,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT survey_window_check CHECK (closes_at > opens_at)
      )`);
    await q(`CREATE INDEX survey_district_term_idx ON "${s}".survey (district_id, term)`);
    await q(`CREATE INDEX survey_alliance_idx ON "${s}".survey (alliance_id) WHERE alliance_id IS NOT NULL`);
    await q(`CREATE INDEX survey_schools_idx ON "${s}".survey USING gin (school_ids)`);
    await q(`CREATE INDEX survey_activity_idx ON "${s}".survey (activity_id) WHERE activity_id IS NOT NULL`);
    await q(`
      CREATE TABLE "${s}".survey_token_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES "${s}".survey(id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        audience varchar(8) NOT NULL,
        label varchar(64) NOT NULL DEFAULT '',
        count int NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX survey_token_batch_survey_idx ON "${s}".survey_token_batch (survey_id, created_at)`);
    await q(`
      CREATE TABLE "${s}".survey_token (
        token_hash char(64) PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES "${s}".survey_token_batch(id) ON DELETE CASCADE,
        used boolean NOT NULL DEFAULT false
      )`);
    await q(`CREATE INDEX survey_token_batch_idx ON "${s}".survey_token (batch_id)`);
    await q(`
      CREATE TABLE "${s}".survey_participant (
        survey_id uuid NOT NULL REFERENCES "${s}".survey(id) ON DELETE CASCADE,
        account_id varchar(128) NOT NULL,
        PRIMARY KEY (survey_id, account_id)
      )`);
    await q(`
      CREATE TABLE "${s}".survey_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES "${s}".survey(id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        audience varchar(8) NOT NULL,
        submitted_on date NOT NULL,
        respondent_id varchar(128),
        answers jsonb NOT NULL
      )`);
    await q(`CREATE INDEX survey_response_group_idx ON "${s}".survey_response (survey_id, school_id, audience)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['survey_response', 'survey_participant', 'survey_token', 'survey_token_batch', 'survey', 'survey_template']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${s}".${table}`);
    }
  }
}

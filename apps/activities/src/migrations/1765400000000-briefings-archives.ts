import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Briefings (季度通报): a frozen snapshot per district or alliance and period with the keys of its PDF
 * and .xlsx in the file store. Semester archives (学期归档): the jobs that build one zip of a term's
 * records, with status, progress, the error of a failed job and the heartbeat that lets another worker
 * take up a job whose process died. New tables only: the previous release never reads them.
 */
export class BriefingsArchives1765400000000 implements MigrationInterface {
  name = 'BriefingsArchives1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".briefing (
        id uuid PRIMARY KEY,
        district_id uuid NOT NULL,
        alliance_id uuid,
        scope varchar(16) NOT NULL CHECK (scope IN ('district', 'alliance')),
        scope_name varchar(200) NOT NULL,
        period_kind varchar(16) NOT NULL CHECK (period_kind IN ('quarter', 'term', 'range')),
        period varchar(32) NOT NULL,
        from_day date NOT NULL,
        to_day date NOT NULL,
        term varchar(11) NOT NULL,
        title varchar(200) NOT NULL,
        content jsonb NOT NULL,
        pdf_key varchar(300) NOT NULL,
        xlsx_key varchar(300) NOT NULL,
        issued_by_id text NOT NULL,
        issued_by varchar(64) NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'alliance') = (alliance_id IS NOT NULL)),
        CHECK (to_day >= from_day)
      )`);
    await q(`CREATE INDEX briefing_district_idx ON "${s}".briefing (district_id, issued_at DESC)`);
    await q(`CREATE INDEX briefing_alliance_idx ON "${s}".briefing (alliance_id, issued_at DESC) WHERE alliance_id IS NOT NULL`);
    await q(`
      CREATE TABLE "${s}".archive_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid,
        scope varchar(16) NOT NULL CHECK (scope IN ('district', 'alliance')),
        scope_name varchar(200) NOT NULL,
        term varchar(11) NOT NULL CHECK (term ~ '^\\d{4}-\\d{4}-[12]$'),
        status varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        entries int NOT NULL DEFAULT 0,
        file_key varchar(300),
        file_size bigint,
        attempts int NOT NULL DEFAULT 0,
        worker text,
        heartbeat_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        requested_by_id text NOT NULL,
        requested_by varchar(64) NOT NULL,
        caller jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'alliance') = (alliance_id IS NOT NULL))
      )`);
    // one job at a time per scope and term: a second request while one is queued or running is refused
    await q(`CREATE UNIQUE INDEX archive_job_live_key ON "${s}".archive_job (district_id, COALESCE(alliance_id, '00000000-0000-0000-0000-000000000000'::uuid), term)
               WHERE status IN ('queued', 'running')`);
    await q(`CREATE INDEX archive_job_pending_idx ON "${s}".archive_job (created_at) WHERE status IN ('queued', 'running')`);
    await q(`CREATE INDEX archive_job_district_term_idx ON "${s}".archive_job (district_id, term, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".archive_job`);
    await queryRunner.query(`DROP TABLE "${s}".briefing`);
  }
}

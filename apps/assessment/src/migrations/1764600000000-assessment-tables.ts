import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Unified exams with their subjects and participating schools, one row per student × subject score
 * (a 200,000-student exam with 6 subjects is 1.2 M rows), score corrections and import runs.
 */
export class AssessmentTables1764600000000 implements MigrationInterface {
  name = 'AssessmentTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".exam (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        term varchar(11) NOT NULL,
        grade varchar(16) NOT NULL,
        name varchar(64) NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT exam_status_check CHECK (status IN ('draft', 'open', 'published', 'archived')),
        subjects jsonb NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX exam_alliance_idx ON "${s}".exam (alliance_id, term)`);
    await q(`CREATE INDEX exam_district_idx ON "${s}".exam (district_id, created_at DESC)`);
    await q(`
      CREATE TABLE "${s}".exam_school (
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        school_id uuid NOT NULL,
        classes text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (exam_id, school_id)
      )`);
    // "which exams does my school sit" is how school staff see exams
    await q(`CREATE INDEX exam_school_school_idx ON "${s}".exam_school (school_id)`);
    // The primary key serves the idempotent upsert of an import and every per-exam scan; the second
    // index serves a school's score list and per-school analysis without reading other schools' rows.
    await q(`
      CREATE TABLE "${s}".score (
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        student_no varchar(32) NOT NULL,
        subject varchar(16) NOT NULL,
        school_id uuid NOT NULL,
        class_name varchar(32) NOT NULL,
        student_name varchar(32) NOT NULL,
        score numeric(6, 2) NOT NULL CONSTRAINT score_not_negative CHECK (score >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (exam_id, student_no, subject)
      )`);
    await q(`CREATE INDEX score_exam_school_idx ON "${s}".score (exam_id, school_id, class_name, student_no)`);
    await q(`
      CREATE TABLE "${s}".score_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        student_no varchar(32) NOT NULL,
        student_name varchar(32) NOT NULL,
        school_id uuid NOT NULL,
        subject varchar(16) NOT NULL,
        before numeric(6, 2),
        after numeric(6, 2) NOT NULL,
        reason varchar(500) NOT NULL,
        corrected_by varchar(128) NOT NULL,
        corrected_by_name varchar(64),
        corrected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX score_correction_exam_idx ON "${s}".score_correction (exam_id, corrected_at DESC)`);
    await q(`
      CREATE TABLE "${s}".score_import (
        id uuid PRIMARY KEY,
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        file_key varchar(200) NOT NULL,
        filename varchar(200) NOT NULL,
        sha256 varchar(64) NOT NULL,
        mode varchar(16) NOT NULL,
        rows integer NOT NULL,
        skipped_rows integer NOT NULL,
        inserted integer NOT NULL,
        updated integer NOT NULL,
        unchanged integer NOT NULL,
        imported_by varchar(128) NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX score_import_exam_idx ON "${s}".score_import (exam_id, imported_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['score_import', 'score_correction', 'score', 'exam_school', 'exam']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

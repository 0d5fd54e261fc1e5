import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Papers (试卷结构: items with full marks, type, key and tags, one paper per exam subject) and item scores
 * (小题分). Item scores are one row per student × subject with the item scores as an array in paper order
 * (and the chosen options of objective items beside them), not one row per item: a district exam is
 * 1.2 M rows instead of 30 M, about a fifth of the space (each heap row costs ~24 bytes of header and
 * repeats the exam, student and subject), and every analysis reads a student's items together anyway.
 * Only new tables: the previous release neither reads nor writes them.
 */
export class Items1765730000000 implements MigrationInterface {
  name = 'Items1765730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".paper (
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        subject varchar(16) NOT NULL,
        items jsonb NOT NULL,
        updated_by varchar(128) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (exam_id, subject)
      )`);
    // The primary key serves the idempotent upsert of an import and every per-subject scan; the second
    // index serves a school's rows without reading other schools'.
    await q(`
      CREATE TABLE "${s}".item_score (
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        subject varchar(16) NOT NULL,
        student_no varchar(32) NOT NULL,
        school_id uuid NOT NULL,
        class_name varchar(32) NOT NULL,
        student_name varchar(32) NOT NULL,
        scores numeric(5, 2)[] NOT NULL,
        choices text[],
        total numeric(6, 2) NOT NULL CONSTRAINT item_score_total_not_negative CHECK (total >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (exam_id, subject, student_no)
      )`);
    await q(`CREATE INDEX item_score_school_idx ON "${s}".item_score (exam_id, subject, school_id, class_name)`);
    await q(`
      CREATE TABLE "${s}".item_score_import (
        id uuid PRIMARY KEY,
        exam_id uuid NOT NULL REFERENCES "${s}".exam(id) ON DELETE CASCADE,
        subject varchar(16) NOT NULL,
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
    await q(`CREATE INDEX item_score_import_exam_idx ON "${s}".item_score_import (exam_id, imported_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['item_score_import', 'item_score', 'paper']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Resource search at district scale. Each resource carries the keys of who may see it
 * (`visibility_keys`, generated from its district, school and visibility), indexed in one GIN index
 * with the search vector, so the visibility rule restricts the index scan itself instead of
 * filtering the matches after they are read:
 *   d:<district>  the district's admins          s:<school>    the school's own staff
 *   v:<district>  anyone of the district (visibility 'district')
 *   a:<school>    the school's alliance partners (visibility 'alliance')
 * A btree on (created_at DESC, id) lets newest-first pages of common terms stop after the page.
 * The search vector (about 1.7 kB) is kept in the row (storage MAIN, rows up to ~4 kB before
 * TOAST): checking a match then reads the row's page instead of a TOAST lookup per row, which
 * measured several times slower at 200,000 resources. Existing vectors are rewritten once.
 * Additive: the previous release's queries keep working (the old GIN index is replaced by one
 * that starts with the same column).
 */
export class ResourceSearchScale1765650000000 implements MigrationInterface {
  name = 'ResourceSearchScale1765650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      ALTER TABLE "${s}".resource ADD COLUMN visibility_keys text[] GENERATED ALWAYS AS (
        CASE visibility
          WHEN 'district' THEN ARRAY['d:' || district_id::text, 's:' || school_id::text, 'v:' || district_id::text]
          WHEN 'alliance' THEN ARRAY['d:' || district_id::text, 's:' || school_id::text, 'a:' || school_id::text]
          ELSE ARRAY['d:' || district_id::text, 's:' || school_id::text]
        END) STORED`);
    await q(`CREATE INDEX resource_search_visible_idx ON "${s}".resource USING gin (search, visibility_keys)`);
    await q(`DROP INDEX "${s}".resource_search_idx`);
    await q(`CREATE INDEX resource_created_idx ON "${s}".resource (created_at DESC, id)`);
    await q(`ALTER TABLE "${s}".resource SET (toast_tuple_target = 4080)`);
    await q(`ALTER TABLE "${s}".resource ALTER COLUMN search SET STORAGE MAIN`);
    await q(`UPDATE "${s}".resource SET search = search || ''::tsvector`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".resource ALTER COLUMN search SET STORAGE EXTENDED`);
    await queryRunner.query(`ALTER TABLE "${s}".resource RESET (toast_tuple_target)`);
    await queryRunner.query(`DROP INDEX "${s}".resource_created_idx`);
    await queryRunner.query(`CREATE INDEX resource_search_idx ON "${s}".resource USING gin (search)`);
    await queryRunner.query(`DROP INDEX "${s}".resource_search_visible_idx`);
    await queryRunner.query(`ALTER TABLE "${s}".resource DROP COLUMN visibility_keys`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A teacher's week as a calendar feed: calendar apps cannot send a bearer token, so the feed URL
 * carries a per-user secret. The row keeps who the user was when they made it (assignments, name,
 * linked roster teacher); rotating the token or looking at it refreshes them.
 */
export class WeekFeedTokens1765700000000 implements MigrationInterface {
  name = 'WeekFeedTokens1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = (queryRunner.connection.options as { schema?: string }).schema;
    if (!s) throw new Error('The data source has no schema');
    await queryRunner.query(`
      CREATE TABLE "${s}".week_feed_token (
        user_id text PRIMARY KEY,
        token varchar(64) NOT NULL UNIQUE,
        display_name varchar(64),
        assignments jsonb NOT NULL,
        teacher_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = (queryRunner.connection.options as { schema?: string }).schema;
    await queryRunner.query(`DROP TABLE "${s}".week_feed_token`);
  }
}

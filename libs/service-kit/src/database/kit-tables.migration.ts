import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** The tables every service has: transactional outbox, inbox for idempotent consumers, audit log. */
export class KitTables1764400000000 implements MigrationInterface {
  name = 'KitTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".outbox_event (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_event_pending_idx ON "${s}".outbox_event (created_at) WHERE published_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "${s}".inbox_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        district_id text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        actor_name text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_district_at_idx ON "${s}".audit_log (district_id, at DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON "${s}".audit_log (entity_type, entity_id, at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".audit_log`);
    await queryRunner.query(`DROP TABLE "${s}".inbox_event`);
    await queryRunner.query(`DROP TABLE "${s}".outbox_event`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Webhooks (事件推送): subscriptions of an endpoint to event types, one delivery per matching event and
 * subscription, and every attempt of a delivery. New tables only.
 */
export class Webhooks1765510000000 implements MigrationInterface {
  name = 'Webhooks1765510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".webhook_subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        owner_kind varchar(8) NOT NULL CHECK (owner_kind IN ('user', 'client')),
        owner_id text NOT NULL,
        owner_name varchar(128),
        owner_assignments jsonb NOT NULL,
        owner_scopes text[],
        url varchar(2048) NOT NULL,
        event_types text[] NOT NULL,
        description varchar(200),
        status varchar(8) NOT NULL CHECK (status IN ('active', 'paused', 'disabled')),
        paused_reason varchar(16) CHECK (paused_reason IN ('manual', 'failures')),
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        consecutive_failures int NOT NULL DEFAULT 0,
        failing_since timestamptz,
        last_success_at timestamptz,
        last_failure_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_subscription_paused_reason CHECK ((status = 'paused') = (paused_reason IS NOT NULL))
      )`);
    await q(`CREATE INDEX webhook_subscription_district_idx ON "${s}".webhook_subscription (district_id, status)`);
    await q(`CREATE INDEX webhook_subscription_owner_idx ON "${s}".webhook_subscription (owner_kind, owner_id)`);
    await q(`
      CREATE TABLE "${s}".webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        subscription_id uuid NOT NULL REFERENCES "${s}".webhook_subscription(id) ON DELETE CASCADE,
        webhook_id varchar(80) NOT NULL,
        change_id text,
        event_type varchar(100) NOT NULL,
        object_type varchar(64),
        object_id text,
        object_key text NOT NULL,
        payload text NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempt_count int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        replay_requested boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- the 24-hour retry window starts here: at creation, and again at a replay of a finished delivery
        window_from timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT webhook_delivery_pending_has_time CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
      )`);
    // one delivery per change and subscription, however often the change is handed over
    await q(`CREATE UNIQUE INDEX webhook_delivery_change_key ON "${s}".webhook_delivery (subscription_id, change_id) WHERE change_id IS NOT NULL`);
    // the worker's queue: due deliveries, and the earlier pending delivery about the same object
    await q(`CREATE INDEX webhook_delivery_due_idx ON "${s}".webhook_delivery (next_attempt_at, seq) WHERE status = 'pending'`);
    await q(`CREATE INDEX webhook_delivery_object_idx ON "${s}".webhook_delivery (subscription_id, object_key, seq) WHERE status = 'pending'`);
    await q(`CREATE INDEX webhook_delivery_log_idx ON "${s}".webhook_delivery (subscription_id, seq DESC)`);
    await q(`
      CREATE TABLE "${s}".webhook_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES "${s}".webhook_delivery(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        trigger varchar(10) NOT NULL CHECK (trigger IN ('scheduled', 'replay', 'ping')),
        status smallint,
        duration_ms int NOT NULL,
        excerpt varchar(1024) NOT NULL
      )`);
    await q(`CREATE INDEX webhook_attempt_delivery_idx ON "${s}".webhook_attempt (delivery_id, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".webhook_attempt`);
    await queryRunner.query(`DROP TABLE "${s}".webhook_delivery`);
    await queryRunner.query(`DROP TABLE "${s}".webhook_subscription`);
  }
}

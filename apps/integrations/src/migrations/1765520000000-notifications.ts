import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * The notification centre (per-user notifications and preferences), the chat robots of alliances and
 * schools, the outbound messages (robot posts and e-mails) waiting to be sent with retries, and the
 * reminders already sent.
 * New tables only: the previous release never reads them.
 */
export class Notifications1765520000000 implements MigrationInterface {
  name = 'Notifications1765520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        recipient_id uuid NOT NULL,
        kind varchar(48) NOT NULL,
        params jsonb NOT NULL,
        link varchar(300),
        source_event_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q(`CREATE INDEX notification_recipient_idx ON "${s}".notification (recipient_id, created_at DESC, id DESC)`);
    await q(`CREATE INDEX notification_unread_idx ON "${s}".notification (recipient_id) WHERE read_at IS NULL`);
    await q(`
      CREATE TABLE "${s}".notification_preference (
        user_id uuid PRIMARY KEY,
        muted_kinds text[] NOT NULL,
        email boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE "${s}".notification_robot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        owner_type varchar(16) NOT NULL CHECK (owner_type IN ('alliance', 'school')),
        owner_id uuid NOT NULL,
        channel varchar(16) NOT NULL CHECK (channel IN ('wecom', 'dingtalk')),
        name varchar(64) NOT NULL,
        webhook_url varchar(1000) NOT NULL,
        secret varchar(200),
        kinds text[] NOT NULL,
        enabled boolean NOT NULL,
        last_delivered_at timestamptz,
        last_error varchar(500),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX notification_robot_owner_idx ON "${s}".notification_robot (owner_id)`);
    await q(`
      CREATE TABLE "${s}".outbound_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel varchar(16) NOT NULL CHECK (channel IN ('wecom', 'dingtalk', 'email')),
        robot_id uuid REFERENCES "${s}".notification_robot (id) ON DELETE CASCADE,
        email_to varchar(254),
        notification_id uuid REFERENCES "${s}".notification (id) ON DELETE SET NULL,
        title varchar(300) NOT NULL,
        body text NOT NULL,
        link varchar(1000),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CHECK ((channel = 'email') = (email_to IS NOT NULL)),
        CHECK ((channel = 'email') = (robot_id IS NULL))
      )`);
    // reminders already sent (e.g. `action-item.overdue:<id>`), so a periodic check reminds once per item and state
    await q(`
      CREATE TABLE "${s}".notification_reminder (
        key varchar(120) PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX outbound_message_due_idx ON "${s}".outbound_message (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".notification_reminder`);
    await queryRunner.query(`DROP TABLE "${s}".outbound_message`);
    await queryRunner.query(`DROP TABLE "${s}".notification_robot`);
    await queryRunner.query(`DROP TABLE "${s}".notification_preference`);
    await queryRunner.query(`DROP TABLE "${s}".notification`);
  }
}

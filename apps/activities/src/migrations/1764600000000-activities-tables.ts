import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** Activities with their repetition, registrations per occurrence, minutes with action items, calendar feed tokens. */
export class ActivitiesTables1764600000000 implements MigrationInterface {
  name = 'ActivitiesTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        organiser_school_id uuid NOT NULL,
        kind varchar(24) NOT NULL,
        title varchar(100) NOT NULL,
        description text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place_kind varchar(16) NOT NULL CHECK (place_kind IN ('school', 'facility', 'online')),
        place_school_id uuid,
        place_facility varchar(100),
        place_url varchar(500),
        audience jsonb NOT NULL,
        capacity_per_school int CHECK (capacity_per_school > 0),
        recurrence jsonb,
        last_occurrence_at timestamptz,
        status varchar(16) NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
        cancel_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_time_order CHECK (ends_at > starts_at)
      )`);
    await q(`CREATE INDEX activity_alliance_start_idx ON "${s}".activity (alliance_id, starts_at)`);
    await q(`CREATE INDEX activity_district_start_idx ON "${s}".activity (district_id, starts_at)`);
    // calendar ranges: an activity can have an occurrence in [from, to) only if starts_at < to and (last_occurrence_at is null or >= from)
    await q(`CREATE INDEX activity_span_idx ON "${s}".activity (starts_at, last_occurrence_at)`);
    await q(`
      CREATE TABLE "${s}".registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES "${s}".activity(id),
        occurrence_start timestamptz NOT NULL,
        school_id uuid NOT NULL,
        participant_kind varchar(16) NOT NULL CHECK (participant_kind IN ('teacher', 'student', 'parent')),
        participant_name varchar(64) NOT NULL,
        grade smallint CHECK (grade BETWEEN 1 AND 12),
        note varchar(200),
        status varchar(16) NOT NULL CHECK (status IN ('registered', 'cancelled')),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        checked_in_by text
      )`);
    await q(`CREATE INDEX registration_activity_school_idx ON "${s}".registration (activity_id, occurrence_start, school_id) WHERE status = 'registered'`);
    await q(`CREATE INDEX registration_activity_idx ON "${s}".registration (activity_id, registered_at)`);
    await q(`
      CREATE TABLE "${s}".minutes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES "${s}".activity(id),
        occurrence_start timestamptz NOT NULL,
        summary text NOT NULL,
        decisions jsonb NOT NULL,
        recorded_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT minutes_occurrence_key UNIQUE (activity_id, occurrence_start)
      )`);
    await q(`
      CREATE TABLE "${s}".action_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        minutes_id uuid NOT NULL REFERENCES "${s}".minutes(id) ON DELETE CASCADE,
        activity_id uuid NOT NULL REFERENCES "${s}".activity(id),
        alliance_id uuid NOT NULL,
        district_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        owner_user_id uuid,
        owner_name varchar(64) NOT NULL,
        owner_school_id uuid,
        due_on date NOT NULL,
        done_at timestamptz,
        done_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX action_item_alliance_idx ON "${s}".action_item (alliance_id, due_on) WHERE done_at IS NULL`);
    await q(`CREATE INDEX action_item_owner_user_idx ON "${s}".action_item (owner_user_id, due_on)`);
    await q(`CREATE INDEX action_item_owner_school_idx ON "${s}".action_item (owner_school_id, due_on)`);
    await q(`CREATE INDEX action_item_minutes_idx ON "${s}".action_item (minutes_id)`);
    await q(`
      CREATE TABLE "${s}".feed_token (
        user_id text PRIMARY KEY,
        token varchar(64) NOT NULL CONSTRAINT feed_token_token_key UNIQUE,
        display_name varchar(64),
        assignments jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['feed_token', 'action_item', 'minutes', 'registration', 'activity']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * Shared teaching resources with their search vector, downloads, shared facilities and bookings.
 * Search: the application tokenises titles and text into CJK bigrams + unigrams and latin words and
 * stores a `simple` tsvector; a GIN index serves 2-character Chinese queries that trigrams cannot.
 * Bookings: a btree_gist exclusion constraint lets no two slot-holding (pending or approved) bookings
 * of one facility overlap, whatever the timing of the requests.
 */
export class CurriculumTables1764600000000 implements MigrationInterface {
  name = 'CurriculumTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    // extensions are per database; public is on every service's search_path
    await q('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    await q(`
      CREATE TABLE "${s}".resource (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        owner_id varchar(64) NOT NULL,
        owner_name varchar(64) NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('lesson_plan', 'courseware', 'lesson_video', 'exam_paper', 'case', 'reflection', 'research')),
        title varchar(120) NOT NULL,
        description text,
        subject varchar(16) NOT NULL,
        grade varchar(16) NOT NULL,
        edition varchar(32),
        unit varchar(64),
        tags text[] NOT NULL DEFAULT '{}',
        licence varchar(48) NOT NULL,
        visibility varchar(16) NOT NULL CHECK (visibility IN ('school', 'alliance', 'district')),
        file_key varchar(200) NOT NULL,
        file_name varchar(255) NOT NULL,
        file_size bigint NOT NULL CHECK (file_size >= 0),
        file_sha256 char(64) NOT NULL,
        content_type varchar(200) NOT NULL,
        download_count int NOT NULL DEFAULT 0,
        search tsvector NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX resource_search_idx ON "${s}".resource USING gin (search)`);
    await q(`CREATE INDEX resource_district_created_idx ON "${s}".resource (district_id, created_at DESC)`);
    await q(`CREATE INDEX resource_school_idx ON "${s}".resource (school_id)`);
    await q(`
      CREATE TABLE "${s}".resource_download (
        id bigserial PRIMARY KEY,
        resource_id uuid NOT NULL REFERENCES "${s}".resource(id) ON DELETE CASCADE,
        district_id uuid NOT NULL,
        actor_id varchar(64) NOT NULL,
        actor_kind varchar(16) NOT NULL,
        request_id varchar(128),
        downloaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX resource_download_resource_idx ON "${s}".resource_download (resource_id, downloaded_at DESC)`);
    await q(`
      CREATE TABLE "${s}".facility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('lab', 'music_room', 'youth_palace', 'farm_base', 'equipment', 'other')),
        name varchar(64) NOT NULL,
        description text,
        capacity int NOT NULL CHECK (capacity > 0),
        open_hours varchar(120) NOT NULL,
        location varchar(120),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facility_school_name_key UNIQUE (school_id, name)
      )`);
    await q(`CREATE INDEX facility_district_idx ON "${s}".facility (district_id)`);
    await q(`
      CREATE TABLE "${s}".booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        facility_id uuid NOT NULL REFERENCES "${s}".facility(id),
        owner_school_id uuid NOT NULL,
        requester_school_id uuid NOT NULL,
        requested_by varchar(64) NOT NULL,
        requested_by_name varchar(64) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        purpose varchar(200) NOT NULL,
        attendees int NOT NULL CHECK (attendees > 0),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
        reason varchar(500),
        decided_by varchar(64),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT booking_time_order CHECK (ends_at > starts_at),
        CONSTRAINT booking_no_overlap EXCLUDE USING gist (facility_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
          WHERE (status IN ('pending', 'approved'))
      )`);
    await q(`CREATE INDEX booking_owner_idx ON "${s}".booking (owner_school_id, starts_at)`);
    await q(`CREATE INDEX booking_requester_idx ON "${s}".booking (requester_school_id, starts_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['booking', 'facility', 'resource_download', 'resource']) await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/** Districts, schools and campuses, alliances with membership periods and join requests, users, roles, sessions. */
export class MembershipTables1764500000000 implements MigrationInterface {
  name = 'MembershipTables1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`
      CREATE TABLE "${s}".district (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(6) NOT NULL CONSTRAINT district_code_key UNIQUE,
        name varchar(64) NOT NULL,
        province varchar(32),
        city varchar(32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE "${s}".school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        code char(10) NOT NULL CONSTRAINT school_code_key UNIQUE,
        name varchar(64) NOT NULL,
        stage varchar(16) NOT NULL,
        locale varchar(16) NOT NULL CHECK (locale IN ('urban', 'township', 'village')),
        township varchar(32) NOT NULL,
        address varchar(128),
        lat double precision,
        lng double precision,
        student_count int NOT NULL CHECK (student_count >= 0),
        teacher_count int NOT NULL CHECK (teacher_count >= 0),
        class_count int NOT NULL CHECK (class_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX school_district_name_idx ON "${s}".school (district_id, name)`);
    await q(`CREATE INDEX school_district_township_idx ON "${s}".school (district_id, township)`);
    await q(`CREATE INDEX school_district_stage_idx ON "${s}".school (district_id, stage)`);
    await q(`CREATE INDEX school_district_locale_idx ON "${s}".school (district_id, locale)`);
    await q(`
      CREATE TABLE "${s}".campus (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES "${s}".school(id) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        address varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campus_school_name_key UNIQUE (school_id, name)
      )`);
    await q(`
      CREATE TABLE "${s}".alliance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES "${s}".district(id),
        name varchar(64) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('pairing', 'alliance', 'integrated')),
        status varchar(16) NOT NULL CHECK (status IN ('draft', 'active', 'dissolved')),
        core_school_id uuid NOT NULL REFERENCES "${s}".school(id),
        description text,
        starts_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        dissolved_at timestamptz,
        dissolve_reason text
      )`);
    await q(`CREATE INDEX alliance_district_status_idx ON "${s}".alliance (district_id, status)`);
    await q(`CREATE INDEX alliance_district_kind_idx ON "${s}".alliance (district_id, kind)`);
    await q(`CREATE INDEX alliance_core_school_idx ON "${s}".alliance (core_school_id)`);
    await q(`
      CREATE TABLE "${s}".alliance_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alliance_id uuid NOT NULL REFERENCES "${s}".alliance(id),
        school_id uuid NOT NULL REFERENCES "${s}".school(id),
        role varchar(16) NOT NULL CHECK (role IN ('core', 'member', 'supporting', 'supported')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        left_at timestamptz,
        left_reason text
      )`);
    // at most one open period per school and alliance; closed periods are history and may repeat
    await q(`CREATE UNIQUE INDEX alliance_member_active_key ON "${s}".alliance_member (alliance_id, school_id) WHERE left_at IS NULL`);
    await q(`CREATE INDEX alliance_member_school_idx ON "${s}".alliance_member (school_id) WHERE left_at IS NULL`);
    await q(`CREATE INDEX alliance_member_alliance_idx ON "${s}".alliance_member (alliance_id, joined_at)`);
    await q(`
      CREATE TABLE "${s}".join_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alliance_id uuid NOT NULL REFERENCES "${s}".alliance(id),
        school_id uuid NOT NULL REFERENCES "${s}".school(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('invitation', 'application')),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
        role varchar(16) NOT NULL,
        message text,
        comment text,
        requested_by text NOT NULL,
        decided_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q(`CREATE UNIQUE INDEX join_request_pending_key ON "${s}".join_request (alliance_id, school_id) WHERE status = 'pending'`);
    await q(`CREATE INDEX join_request_alliance_idx ON "${s}".join_request (alliance_id, status, created_at DESC)`);
    await q(`CREATE INDEX join_request_school_idx ON "${s}".join_request (school_id, status, created_at DESC)`);
    await q(`
      CREATE TABLE "${s}".app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid REFERENCES "${s}".district(id),
        username varchar(64) NOT NULL,
        display_name varchar(64) NOT NULL,
        password_hash text NOT NULL,
        phone varchar(24),
        email varchar(254),
        status varchar(16) NOT NULL CHECK (status IN ('active', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        created_by text
      )`);
    await q(`CREATE UNIQUE INDEX app_user_username_key ON "${s}".app_user (lower(username))`);
    await q(`CREATE INDEX app_user_district_idx ON "${s}".app_user (district_id, created_at)`);
    await q(`
      CREATE TABLE "${s}".role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES "${s}".app_user(id) ON DELETE CASCADE,
        role varchar(24) NOT NULL CHECK (role IN ('platform_admin', 'district_admin', 'alliance_admin', 'school_admin', 'teacher')),
        district_id uuid REFERENCES "${s}".district(id),
        alliance_id uuid REFERENCES "${s}".alliance(id),
        school_id uuid REFERENCES "${s}".school(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'platform_admin') = (district_id IS NULL)),
        CHECK ((role = 'alliance_admin') = (alliance_id IS NOT NULL)),
        CHECK ((role IN ('school_admin', 'teacher')) = (school_id IS NOT NULL))
      )`);
    await q(`CREATE UNIQUE INDEX role_assignment_key ON "${s}".role_assignment
      (user_id, role, coalesce(district_id::text, '*'), coalesce(alliance_id::text, ''), coalesce(school_id::text, ''))`);
    await q(`CREATE INDEX role_assignment_district_idx ON "${s}".role_assignment (district_id, role)`);
    await q(`CREATE INDEX role_assignment_school_idx ON "${s}".role_assignment (school_id) WHERE school_id IS NOT NULL`);
    await q(`CREATE INDEX role_assignment_alliance_idx ON "${s}".role_assignment (alliance_id) WHERE alliance_id IS NOT NULL`);
    await q(`
      CREATE TABLE "${s}".refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES "${s}".app_user(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL CONSTRAINT refresh_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid
      )`);
    await q(`CREATE INDEX refresh_token_user_idx ON "${s}".refresh_token (user_id) WHERE revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['refresh_token', 'role_assignment', 'app_user', 'join_request', 'alliance_member', 'alliance', 'campus', 'school', 'district']) {
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema');
  return schema;
}

/**
 * The itinerant timetable: weekly slots of a placement at one of its host schools. The teacher, the placement's
 * dates and whether the placement is still live are copied onto each slot so the database itself can refuse a
 * teacher two overlapping slots (same weekday, overlapping times, overlapping placement dates).
 */
export class TimetableSlots1764900000000 implements MigrationInterface {
  name = 'TimetableSlots1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".timetable_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        alliance_id uuid NOT NULL,
        placement_id uuid NOT NULL REFERENCES "${s}".placement(id) ON DELETE CASCADE,
        teacher_id uuid NOT NULL REFERENCES "${s}".teacher(id),
        school_id uuid NOT NULL,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        starts_at time NOT NULL,
        ends_at time NOT NULL,
        subject varchar(16) NOT NULL,
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 12),
        class_name varchar(32),
        note varchar(200),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        live boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        FOREIGN KEY (placement_id, school_id) REFERENCES "${s}".placement_host(placement_id, school_id) ON DELETE CASCADE,
        -- one teacher, one lesson at a time: half-open times so back-to-back lessons (08:00–08:40, 08:40–09:20) fit
        CONSTRAINT slot_teacher_no_overlap EXCLUDE USING gist (
          teacher_id WITH =,
          weekday WITH =,
          tsrange(date '2000-01-03' + starts_at, date '2000-01-03' + ends_at, '[)') WITH &&,
          daterange(starts_on, ends_on, '[]') WITH &&
        ) WHERE (live)
      )`);
    await queryRunner.query(`CREATE INDEX timetable_slot_placement_idx ON "${s}".timetable_slot (placement_id, weekday, starts_at)`);
    await queryRunner.query(`CREATE INDEX timetable_slot_school_idx ON "${s}".timetable_slot (school_id, weekday, starts_at)`);
    await queryRunner.query(`CREATE INDEX timetable_slot_teacher_idx ON "${s}".timetable_slot (teacher_id, weekday, starts_at)`);
    await queryRunner.query(`CREATE INDEX timetable_slot_alliance_idx ON "${s}".timetable_slot (alliance_id, weekday, starts_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".timetable_slot`);
  }
}

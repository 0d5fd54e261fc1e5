import {
  ActivitiesSubjects, CurriculumSubjects, TEACHER_SUBJECTS, type Caller, type PersonalEntryView, type PersonalRangeRequest, type TeacherSubject,
  type WeekEntryKind, type WeekEntryView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoDate } from '../common/access.js';
import { lessonsBetween, type WeeklyLesson } from './my-week.rules.js';

/**
 * Whose week and which stretch of it: the caller (a user), their roster teacher (null: the account has
 * none; undefined: membership did not say), the instants and the local days.
 */
export interface WeekContext {
  caller: Omit<Caller, 'requestId'> & { requestId?: string };
  teacherId: string | null | undefined;
  from: Date;
  to: Date;
  firstDay: string;
  lastDay: string;
}

/**
 * One kind of entry in a teacher's week. The week asks every source at once; a source that fails or
 * does not answer within SOURCE_TIMEOUT_MS is reported unavailable and the others are shown.
 * Another part adds its kind by implementing this and listing its class in WEEK_SOURCE_CLASSES
 * (my-week.module.ts): mentorship lessons come in that way.
 */
export interface WeekSource {
  readonly kind: WeekEntryKind;
  entries(context: WeekContext): Promise<WeekEntryView[]>;
}

/** Injection token of the list of sources. */
export const WEEK_SOURCES = Symbol('WEEK_SOURCES');

/** How long another service has to answer for its part of the week. */
export const SOURCE_TIMEOUT_MS = 3_000;

interface LessonRow {
  id: string; weekday: number; starts_at: string; ends_at: string; starts_on: string | Date; ends_on: string | Date; subject: TeacherSubject; grade: number;
  class_name: string | null; school_name: string | null;
}

/** Itinerant lessons: the linked teacher's timetable slots of approved or running placements. */
@Injectable()
export class LessonsSource implements WeekSource {
  readonly kind = 'lesson' as const;

  constructor(private readonly dataSource: DataSource) {}

  async entries(context: WeekContext): Promise<WeekEntryView[]> {
    if (context.teacherId === undefined) throw new Error('which roster teacher the account belongs to is unknown (membership did not answer)');
    if (context.teacherId === null) return [];
    const rows: LessonRow[] = await this.dataSource.query(
      `SELECT s.id, s.weekday, to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.starts_on, s.ends_on,
              s.subject, s.grade, s.class_name, ds.name AS school_name
         FROM timetable_slot s
         JOIN placement p ON p.id = s.placement_id
         LEFT JOIN directory_school ds ON ds.id = s.school_id
        WHERE s.teacher_id = $1 AND p.status IN ('approved', 'active') AND s.starts_on <= $3 AND s.ends_on >= $2`,
      [context.teacherId, context.firstDay, context.lastDay],
    );
    const slots: WeeklyLesson[] = rows.map((r) => ({
      slotId: r.id, weekday: Number(r.weekday), startsAt: r.starts_at, endsAt: r.ends_at, startsOn: isoDate(r.starts_on), endsOn: isoDate(r.ends_on),
      title: [TEACHER_SUBJECTS[r.subject] ?? r.subject, `${r.grade}年级`, r.class_name].filter(Boolean).join(' · '), place: r.school_name,
    }));
    return lessonsBetween(slots, context.firstDay, context.lastDay);
  }
}

/** Asks another service for the caller's own entries, as the caller (a short-lived token of the same identity). */
@Injectable()
export class PersonalEntries {
  constructor(private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

  async ask(context: WeekContext, subject: string): Promise<PersonalEntryView[]> {
    const { requestId, ...caller } = context.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    const range: PersonalRangeRequest = { from: context.from.toISOString(), to: context.to.toISOString() };
    return this.bus.request<PersonalEntryView[]>(subject, range, { callerToken, requestId, timeoutMs: SOURCE_TIMEOUT_MS });
  }
}

/** Activities the user registered for as a teacher (activities keeps registrations by the registering user). */
@Injectable()
export class ActivitiesSource implements WeekSource {
  readonly kind = 'activity' as const;

  constructor(private readonly personal: PersonalEntries) {}

  async entries(context: WeekContext): Promise<WeekEntryView[]> {
    return (await this.personal.ask(context, ActivitiesSubjects.registrationMine)).map((e) => ({ kind: this.kind, ...e }));
  }
}

/** Facility bookings the user made (curriculum), pending or approved. */
@Injectable()
export class BookingsSource implements WeekSource {
  readonly kind = 'booking' as const;

  constructor(private readonly personal: PersonalEntries) {}

  async entries(context: WeekContext): Promise<WeekEntryView[]> {
    return (await this.personal.ask(context, CurriculumSubjects.bookingMine)).map((e) => ({ kind: this.kind, ...e }));
  }
}

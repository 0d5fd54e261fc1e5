import type { ActivityAudienceDto, ActivityPlaceDto, ParticipantKind, RecurrenceDto } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';
import { DAY_MS, shanghaiDate } from '../common/time.js';
import type { Recurrence } from './recurrence.js';

/** Rules of an activity's shape, as plain functions so they are tested without a database. */

const MAX_DURATION_DAYS = 31;
const MAX_SERIES_DAYS = 2 * 366;

export function assertTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw ValidationError.of('endsAt', 'activities.activity.ends-before-start');
  if (endsAt.getTime() - startsAt.getTime() > MAX_DURATION_DAYS * DAY_MS) throw ValidationError.of('endsAt', 'activities.activity.too-long', { maxDays: MAX_DURATION_DAYS });
}

/** A normalised repetition, or a 400 naming the field that is wrong. */
export function normaliseRecurrence(dto: RecurrenceDto | null | undefined, startsAt: Date, endsAt: Date): Recurrence | null {
  if (!dto) return null;
  const hasUntil = dto.until !== undefined && dto.until !== null;
  const hasCount = dto.count !== undefined && dto.count !== null;
  if (hasUntil === hasCount) throw ValidationError.of('recurrence', 'activities.recurrence.until-or-count');
  const periodDays = dto.freq === 'weekly' ? 7 * dto.interval : 28 * dto.interval;
  if (endsAt.getTime() - startsAt.getTime() > periodDays * DAY_MS) {
    throw ValidationError.of('recurrence.interval', 'activities.recurrence.overlapping');
  }
  if (hasUntil) {
    const until = dto.until as string;
    if (until < shanghaiDate(startsAt)) throw ValidationError.of('recurrence.until', 'activities.recurrence.until-too-early');
    if (Date.parse(until) - startsAt.getTime() > MAX_SERIES_DAYS * DAY_MS) throw ValidationError.of('recurrence.until', 'activities.recurrence.too-long');
  }
  const rule: Recurrence = { freq: dto.freq, interval: dto.interval, until: hasUntil ? (dto.until as string) : null, count: hasCount ? (dto.count as number) : null };
  return rule;
}

export interface Place {
  kind: ActivityPlaceDto['kind'];
  schoolId: string | null;
  facilityName: string | null;
  url: string | null;
}

/** Keeps only what the place's kind uses: a school (optionally a room in it), a facility (optionally of a school), or a link. */
export function normalisePlace(dto: ActivityPlaceDto): Place {
  switch (dto.kind) {
    case 'school':
      if (!dto.schoolId) throw ValidationError.of('place.schoolId', 'activities.place.school-required');
      return { kind: 'school', schoolId: dto.schoolId, facilityName: dto.facilityName?.trim() || null, url: null };
    case 'facility':
      if (!dto.facilityName?.trim()) throw ValidationError.of('place.facilityName', 'activities.place.facility-required');
      return { kind: 'facility', schoolId: dto.schoolId ?? null, facilityName: dto.facilityName.trim(), url: null };
    case 'online':
      if (!dto.url) throw ValidationError.of('place.url', 'activities.place.url-required');
      return { kind: 'online', schoolId: null, facilityName: null, url: dto.url };
  }
}

export function assertAudience(audience: ActivityAudienceDto): void {
  if (!audience.teachers && !audience.parents && audience.studentGrades.length === 0) {
    throw ValidationError.of('audience', 'activities.audience.missing');
  }
}

/** Whether the audience admits this participant (students only of the listed grades). */
export function assertAdmits(audience: ActivityAudienceDto, kind: ParticipantKind, grade: number | undefined): void {
  if (kind === 'teacher' && !audience.teachers) throw ValidationError.of('participantKind', 'activities.registration.closed-to-teachers');
  if (kind === 'parent' && !audience.parents) throw ValidationError.of('participantKind', 'activities.registration.closed-to-parents');
  if (kind === 'student') {
    if (!audience.studentGrades.length) throw ValidationError.of('participantKind', 'activities.registration.closed-to-students');
    if (grade === undefined || !audience.studentGrades.includes(grade)) {
      throw ValidationError.of('grade', 'activities.registration.grade-not-admitted', { grades: audience.studentGrades.join(', ') });
    }
  }
}

/** Whether one more registration fits in the school's places. */
export function assertCapacity(capacity: number | null, taken: number): void {
  if (capacity !== null && taken >= capacity) throw ConflictError.of('activities.registration.places-taken', { capacity });
}

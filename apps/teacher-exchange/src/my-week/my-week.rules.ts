import type { WeekEntryView } from '@jiaolian/contracts';

/**
 * School days follow China's clock: a teacher's week is Monday to Sunday in Asia/Shanghai, which has
 * kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
export const WEEK_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Adds days to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD date. */
export const isoWeekday = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The Monday–Sunday week holding `day` (YYYY-MM-DD), and its bounds as instants. */
export function weekOf(day: string): { monday: string; sunday: string; fromInstant: Date; toInstant: Date } {
  const monday = addDays(day, 1 - isoWeekday(day));
  return { monday, sunday: addDays(monday, 6), fromInstant: localInstant(monday, '00:00'), toInstant: localInstant(addDays(monday, 7), '00:00') };
}

/** The instant of a local (Asia/Shanghai) date and HH:MM time. */
export const localInstant = (date: string, time: string): Date => new Date(Date.parse(`${date}T${time}:00Z`) - OFFSET_MS);

/** Today's date in Asia/Shanghai. */
export const localToday = (now = new Date()): string => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** A weekly timetable slot as the lessons source reads it. */
export interface WeeklyLesson {
  slotId: string; weekday: number; startsAt: string; endsAt: string; startsOn: string; endsOn: string;
  title: string; place: string | null;
}

/**
 * The lessons of weekly slots on the days of [firstDay, lastDay]: one per slot on each day of its
 * weekday that lies within the slot's own validity (starts_on … ends_on, both inclusive). The id names
 * the slot and the day, so a calendar keeps one event per lesson.
 */
export function lessonsBetween(slots: WeeklyLesson[], firstDay: string, lastDay: string): WeekEntryView[] {
  const entries: WeekEntryView[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    const weekday = isoWeekday(day);
    for (const slot of slots) {
      if (slot.weekday !== weekday || day < slot.startsOn || day > slot.endsOn) continue;
      entries.push({
        kind: 'lesson', id: `${slot.slotId}:${day}`, refId: slot.slotId, title: slot.title,
        startsAt: localInstant(day, slot.startsAt).toISOString(), endsAt: localInstant(day, slot.endsAt).toISOString(), place: slot.place, detail: null,
      });
    }
  }
  return entries;
}

/** Entries of all sources in start order (then kind and id, so the order is stable). */
export const inStartOrder = (entries: WeekEntryView[]): WeekEntryView[] =>
  [...entries].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));

import type { FieldError, PlacementStatus, SlotFieldsDto, TravelWarningView } from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';

/**
 * Minutes a teacher needs between two lessons at different schools. Village schools of one county are
 * typically 20–40 minutes apart by road; 30 is the default a bureau can live with. A shorter gap is a
 * warning on the timetable, never a refusal: some schools are next door, and the admins know their roads.
 */
export const TRAVEL_MINUTES = 30;

/** Placements whose timetable may still change; the others are finished. */
export const EDITABLE_STATUSES: readonly PlacementStatus[] = ['proposed', 'home_approved', 'approved', 'active'];

export const toMinutes = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Checks one slot on its own (the service checks the placement, the school and the clash). */
export function checkSlot(dto: Pick<SlotFieldsDto, 'startsAt' | 'endsAt'>): FieldError[] {
  const errors: FieldError[] = [];
  const length = toMinutes(dto.endsAt) - toMinutes(dto.startsAt);
  if (length <= 0) errors.push(fieldError('endsAt', 'exchange.slot.ends-before-start'));
  else if (length > 240) errors.push(fieldError('endsAt', 'exchange.slot.too-long'));
  return errors;
}

export interface TimedSlot {
  id: string;
  teacherId: string;
  schoolId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  startsOn: string;
  endsOn: string;
}

/**
 * Tight transfers: for each teacher and weekday, consecutive slots (by start) at different schools with
 * less than `needed` minutes between them. Slots of placements that never run at the same time are not neighbours.
 */
export function travelWarnings(slots: readonly TimedSlot[], needed = TRAVEL_MINUTES): TravelWarningView[] {
  const warnings: TravelWarningView[] = [];
  const byDay = new Map<string, TimedSlot[]>();
  for (const slot of slots) {
    const key = `${slot.teacherId}/${slot.weekday}`;
    byDay.set(key, [...(byDay.get(key) ?? []), slot]);
  }
  for (const day of byDay.values()) {
    const sorted = [...day].sort((a, b) => toMinutes(a.startsAt) - toMinutes(b.startsAt));
    sorted.forEach((from, i) => {
      const to = sorted.slice(i + 1).find((next) => next.startsOn <= from.endsOn && from.startsOn <= next.endsOn);
      if (!to || to.schoolId === from.schoolId) return;
      const gap = toMinutes(to.startsAt) - toMinutes(from.endsAt);
      if (gap < needed) {
        warnings.push({ fromSlotId: from.id, toSlotId: to.id, teacherId: from.teacherId, weekday: from.weekday, gapMinutes: gap, neededMinutes: needed });
      }
    });
  }
  return warnings;
}

/** Monday of the ISO week of a YYYY-MM-DD day. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  return new Date(date.getTime() - (weekday - 1) * 86_400_000).toISOString().slice(0, 10);
}

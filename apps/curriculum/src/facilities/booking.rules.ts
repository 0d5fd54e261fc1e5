import type { BookingStatus, MessageCode } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';

export type BookingAction = 'approve' | 'reject' | 'cancel';

/** The conflict code of each action tried from a status it may not start from. */
const CANNOT: Record<BookingAction, MessageCode> = {
  approve: 'curriculum.booking.cannot-approve', reject: 'curriculum.booking.cannot-reject', cancel: 'curriculum.booking.cannot-cancel',
};

/** pending → approved | rejected; pending | approved → cancelled. Anything else is a conflict with the current state. */
export function nextStatus(current: BookingStatus, action: BookingAction): BookingStatus {
  switch (action) {
    case 'approve':
      if (current === 'pending') return 'approved';
      break;
    case 'reject':
      if (current === 'pending') return 'rejected';
      break;
    case 'cancel':
      if (current === 'pending' || current === 'approved') return 'cancelled';
      break;
  }
  throw ConflictError.of(CANNOT[action], { bookingStatus: current });
}

export const MAX_BOOKING_HOURS = 24;
export const MAX_DAYS_AHEAD = 366;

/** A slot must start in the future, end after it starts, last at most a day and lie within a year. */
export function checkBookingWindow(startsAt: Date, endsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) throw ValidationError.of('startsAt', 'curriculum.booking.starts-in-past');
  if (endsAt.getTime() <= startsAt.getTime()) throw ValidationError.of('endsAt', 'curriculum.booking.ends-before-start');
  if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 3600_000) {
    throw ValidationError.of('endsAt', 'curriculum.booking.too-long', { maxHours: MAX_BOOKING_HOURS });
  }
  if (startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000) {
    throw ValidationError.of('startsAt', 'curriculum.booking.too-far-ahead', { maxDays: MAX_DAYS_AHEAD });
  }
}

/** A slot's times in Beijing time, e.g. 2026-12-03 14:00–16:00 (the message names the zone). */
export function slotTimes(startsAt: Date, endsAt: Date): string {
  const fmt = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const start = fmt(startsAt);
  const end = fmt(endsAt);
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}

/** How a slot is named in messages: Beijing time, e.g. 2026-12-03 14:00–16:00 (Asia/Shanghai). */
export const describeSlot = (startsAt: Date, endsAt: Date): string => `${slotTimes(startsAt, endsAt)} (Asia/Shanghai)`;

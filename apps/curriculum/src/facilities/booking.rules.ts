import type { BookingStatus } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';

export type BookingAction = 'approve' | 'reject' | 'cancel';

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
  throw new ConflictError(`A ${current} booking cannot be ${action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'cancelled'}`);
}

export const MAX_BOOKING_HOURS = 24;
export const MAX_DAYS_AHEAD = 366;

/** A slot must start in the future, end after it starts, last at most a day and lie within a year. */
export function checkBookingWindow(startsAt: Date, endsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) throw ValidationError.field('startsAt', 'The booking must start in the future');
  if (endsAt.getTime() <= startsAt.getTime()) throw ValidationError.field('endsAt', 'The booking must end after it starts');
  if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 3600_000) {
    throw ValidationError.field('endsAt', `A booking lasts at most ${MAX_BOOKING_HOURS} hours`);
  }
  if (startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000) {
    throw ValidationError.field('startsAt', `Bookings open at most ${MAX_DAYS_AHEAD} days ahead`);
  }
}

/** How a slot is named in messages: Beijing time, e.g. 2026-12-03 14:00–16:00 (Asia/Shanghai). */
export function describeSlot(startsAt: Date, endsAt: Date): string {
  const fmt = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const start = fmt(startsAt);
  const end = fmt(endsAt);
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end} (Asia/Shanghai)`;
}

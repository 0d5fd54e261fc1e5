import type { BookingStatus } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';
import { checkBookingWindow, describeSlot, nextStatus, type BookingAction } from './booking.rules.js';

describe('booking rules', () => {
  it.each([
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'cancel', 'cancelled'],
    ['approved', 'cancel', 'cancelled'],
  ] as [BookingStatus, BookingAction, BookingStatus][])('moves a %s booking on %s to %s', (current, action, expected) => {
    expect(nextStatus(current, action)).toBe(expected);
  });

  it.each([
    ['approved', 'approve'], ['approved', 'reject'], ['rejected', 'approve'], ['rejected', 'cancel'], ['cancelled', 'approve'], ['cancelled', 'cancel'],
  ] as [BookingStatus, BookingAction][])('refuses %s → %s as a conflict', (current, action) => {
    expect(() => nextStatus(current, action)).toThrow(ConflictError);
  });

  const now = new Date('2026-12-01T00:00:00Z');
  const at = (iso: string): Date => new Date(iso);

  it('accepts a two-hour slot next week', () => {
    expect(() => checkBookingWindow(at('2026-12-08T06:00:00Z'), at('2026-12-08T08:00:00Z'), now)).not.toThrow();
  });

  it.each([
    ['in the past', '2026-11-30T06:00:00Z', '2026-11-30T08:00:00Z', 'startsAt'],
    ['ending before it starts', '2026-12-08T08:00:00Z', '2026-12-08T06:00:00Z', 'endsAt'],
    ['of zero length', '2026-12-08T08:00:00Z', '2026-12-08T08:00:00Z', 'endsAt'],
    ['longer than a day', '2026-12-08T00:00:00Z', '2026-12-09T01:00:00Z', 'endsAt'],
    ['more than a year ahead', '2028-01-08T00:00:00Z', '2028-01-08T01:00:00Z', 'startsAt'],
  ])('refuses a slot %s, naming %s', (_, start, end, field) => {
    let error: unknown;
    try { checkBookingWindow(at(start), at(end), now); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]?.field).toBe(field);
  });

  it('names a slot in Beijing time', () => {
    expect(describeSlot(at('2026-12-03T06:00:00Z'), at('2026-12-03T08:30:00Z'))).toBe('2026-12-03 14:00–16:30 (Asia/Shanghai)');
    expect(describeSlot(at('2026-12-03T14:00:00Z'), at('2026-12-03T17:00:00Z'))).toBe('2026-12-03 22:00–2026-12-04 01:00 (Asia/Shanghai)');
  });
});

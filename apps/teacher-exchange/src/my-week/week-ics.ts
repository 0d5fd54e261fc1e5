import type { WeekEntryKind, WeekEntryView } from '@jiaolian/contracts';
import { createEvents, type EventAttributes } from 'ics';

const KIND_NAMES: Record<WeekEntryKind, string> = { lesson: '走教课', activity: '联盟活动', booking: '场馆预约', mentorship: '师徒结对' };

/**
 * An RFC 5545 calendar of a teacher's entries: times in UTC (Z); UIDs stable per entry (a lesson's
 * names its slot and day), so a refreshed feed updates events instead of duplicating them.
 */
export function buildWeekCalendar(entries: WeekEntryView[], calName: string): string {
  const events: EventAttributes[] = entries.map((entry) => ({
    uid: `${entry.kind}-${entry.id}@jiaolian`,
    start: Date.parse(entry.startsAt), startInputType: 'utc', startOutputType: 'utc',
    end: Date.parse(entry.endsAt), endInputType: 'utc', endOutputType: 'utc',
    title: `【${KIND_NAMES[entry.kind]}】${entry.title}`,
    location: entry.place ?? undefined,
    status: entry.detail === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    categories: [KIND_NAMES[entry.kind]],
  }));
  if (!events.length) {
    // ics refuses an empty list; an empty calendar is still a valid subscription
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:jiaolian/teacher-exchange', 'METHOD:PUBLISH', `X-WR-CALNAME:${calName}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events, { productId: 'jiaolian/teacher-exchange', method: 'PUBLISH', calName });
  if (error || !value) throw error ?? new Error('the calendar could not be built');
  return value;
}

import { createEvents, type EventAttributes } from 'ics';
import type { ActivityRow } from '../activities/activities.store.js';
import { toRRule } from '../activities/recurrence.js';

const KIND_NAMES: Record<ActivityRow['kind'], string> = {
  demo: '展示课', discussion: '研讨课', competition: '竞赛课', delivered: '送教课', joint_meeting: '联席会议', festival: '节庆活动', sports_meet: '运动会',
  open_week: '开放周', labour_practice: '劳动实践', parent_lecture: '家长讲座', online_session: '线上教研', training: '培训',
};

function location(row: ActivityRow): string | undefined {
  if (row.place_kind === 'online') return row.place_url ?? undefined;
  return [row.place_school_name, row.place_facility].filter(Boolean).join(' ') || undefined;
}

/**
 * An RFC 5545 calendar of the activities: times in UTC (Z), repetitions as RRULE, cancelled ones
 * STATUS:CANCELLED so subscribed calendars drop them, single cancelled occurrences of a series as
 * EXDATE (`cancelledStarts` by activity id). UIDs are stable so updates replace events.
 */
export function buildCalendar(rows: ActivityRow[], calName: string, cancelledStarts: ReadonlyMap<string, Date[]> = new Map()): string {
  const events: EventAttributes[] = rows.map((row) => {
    const rrule = toRRule(row.recurrence);
    const excluded = rrule ? cancelledStarts.get(row.id) ?? [] : [];
    return {
      uid: `${row.id}@jiaolian`,
      start: row.starts_at.getTime(), startInputType: 'utc', startOutputType: 'utc',
      end: row.ends_at.getTime(), endInputType: 'utc', endOutputType: 'utc',
      title: `【${KIND_NAMES[row.kind]}】${row.title}`,
      description: [row.alliance_name, row.organiser_name ? `组织学校：${row.organiser_name}` : null, row.description].filter(Boolean).join('\n'),
      location: location(row),
      url: row.place_kind === 'online' ? row.place_url ?? undefined : undefined,
      status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      categories: [KIND_NAMES[row.kind]],
      lastModified: row.updated_at.getTime(),
      sequence: Math.floor(row.updated_at.getTime() / 1000) - Math.floor(row.created_at.getTime() / 1000),
      ...(rrule ? { recurrenceRule: rrule } : {}),
      ...(excluded.length ? { exclusionDates: excluded.map((at) => at.getTime()) } : {}),
    };
  });
  if (!events.length) {
    // ics refuses an empty list; an empty calendar is still a valid subscription
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:jiaolian/activities', 'METHOD:PUBLISH', `X-WR-CALNAME:${calName}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events, { productId: 'jiaolian/activities', method: 'PUBLISH', calName });
  if (error || !value) throw error ?? new Error('the calendar could not be built');
  return value;
}

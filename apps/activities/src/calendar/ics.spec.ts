import type { ActivityRow } from '../activities/activities.store.js';
import { buildCalendar } from './ics.js';

const row = (over: Partial<ActivityRow> = {}): ActivityRow => ({
  id: '11111111-1111-4111-8111-111111111111', district_id: 'd', alliance_id: 'a', organiser_school_id: 's', kind: 'joint_meeting', title: '联盟月度联席会议',
  description: '议程：上月工作回顾', starts_at: new Date('2026-10-15T06:00:00Z'), ends_at: new Date('2026-10-15T08:00:00Z'), place_kind: 'school',
  place_school_id: 's', place_facility: '三楼会议室', place_url: null, audience: { teachers: true, studentGrades: [], parents: false }, capacity_per_school: 3,
  recurrence: { freq: 'monthly', interval: 1, until: null, count: 10 }, last_occurrence_at: null, body_id: null, status: 'scheduled', cancel_reason: null, created_by: 'u',
  created_at: new Date('2026-09-01T00:00:00Z'), updated_at: new Date('2026-09-02T00:00:00Z'), alliance_name: '清溪县实验小学教联体', organiser_name: '清溪县实验小学',
  place_school_name: '清溪县实验小学', ...over,
});

describe(buildCalendar.name, () => {
  it('writes one VEVENT per activity with UTC times, its RRULE and a stable UID', () => {
    const sut = buildCalendar([row()], '联盟活动');
    expect(sut).toMatch(/^BEGIN:VCALENDAR/);
    expect(sut).toContain('UID:11111111-1111-4111-8111-111111111111@jiaolian');
    expect(sut).toContain('DTSTART:20261015T060000Z');
    expect(sut).toContain('DTEND:20261015T080000Z');
    expect(sut).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1;COUNT=10');
    expect(sut).toContain('SUMMARY:【联席会议】联盟月度联席会议');
    expect(sut).toContain('STATUS:CONFIRMED');
    expect(sut.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('marks cancelled activities CANCELLED and gives one-offs no RRULE', () => {
    const sut = buildCalendar([row({ status: 'cancelled', recurrence: null })], '联盟活动');
    expect(sut).toContain('STATUS:CANCELLED');
    expect(sut).not.toContain('RRULE');
  });

  it('leaves out single cancelled occurrences of a series as EXDATE, and only for that activity', () => {
    const other = row({ id: '22222222-2222-4222-8222-222222222222' });
    const sut = buildCalendar([row(), other], '联盟活动', new Map([[row().id, [new Date('2026-11-15T06:00:00Z'), new Date('2027-01-15T06:00:00Z')]]]));
    const [first, second] = sut.split('BEGIN:VEVENT').slice(1);
    expect(first).toContain('EXDATE:20261115T060000Z,20270115T060000Z');
    expect(second).not.toContain('EXDATE');
    expect(first).toContain('STATUS:CONFIRMED');
  });

  it('answers a valid empty calendar when there is nothing to show', () => {
    const sut = buildCalendar([], '联盟活动');
    expect(sut).toContain('BEGIN:VCALENDAR');
    expect(sut).toContain('END:VCALENDAR');
    expect(sut).not.toContain('VEVENT');
  });
});

import type { RecordMentorLessonDto } from '@jiaolian/contracts';
import { checkLesson, isMissed, nextMonth, teachingMonths } from './mentorship.rules.js';

describe('mentorship rules', () => {
  it.each([
    ['2026-2027-1', ['2026-09', '2026-10', '2026-11', '2026-12']],
    ['2026-2027-2', ['2027-03', '2027-04', '2027-05', '2027-06']],
  ])('gives the teaching months of %s', (term, months) => {
    expect(teachingMonths(term)).toEqual(months);
  });

  it('refuses a term whose years do not follow each other', () => {
    expect(() => teachingMonths('2026-2028-1')).toThrow(RangeError);
  });

  it('rolls a month over the year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });

  it.each([
    ['a past month with both lessons done', '2026-10', '2026-11-02', true, true, false],
    ['a past month with the report lesson missing', '2026-10', '2026-11-02', true, false, true],
    ['a past month with nothing done', '2026-10', '2027-03-01', false, false, true],
    ['the running month with nothing done yet', '2026-11', '2026-11-30', false, false, false],
    ['a future month', '2026-12', '2026-11-30', false, false, false],
  ])('%s is missed: %s', (_name, month, today, demo, report, missed) => {
    expect(isMissed(month, today, demo, report)).toBe(missed);
  });

  const lesson = (extra: Partial<RecordMentorLessonDto> = {}): RecordMentorLessonDto => ({
    month: '2026-10', kind: 'report', scheduledOn: '2026-10-15', startsAt: '09:00', place: '录播教室', ...extra,
  });

  it('accepts a scheduled lesson of a teaching month, and a done one with its plan and reflection', () => {
    expect(checkLesson(lesson(), '2026-2027-1', '2026-10-01')).toEqual([]);
    expect(checkLesson(lesson({ done: true, lessonPlanId: 'a0000000-0000-4000-8000-000000000001', reflection: '学生参与度高' }), '2026-2027-1', '2026-10-15')).toEqual([]);
    expect(checkLesson(lesson({ done: true, videoUrl: 'https://video.example.cn/1', reflection: '学生参与度高' }), '2026-2027-1', '2026-10-15')).toEqual([]);
  });

  it.each([
    ['a month outside the term', { month: '2027-01', scheduledOn: '2027-01-10' }, 'month'],
    ['a holiday month of the term', { month: '2026-08', scheduledOn: '2026-08-10' }, 'month'],
    ['a day outside the month', { scheduledOn: '2026-11-01' }, 'scheduledOn'],
    ['done before its day', { done: true, scheduledOn: '2026-10-20', lessonPlanId: 'a0000000-0000-4000-8000-000000000001', reflection: '好' }, 'done'],
    ['done with neither a lesson plan nor a video', { done: true, reflection: '好' }, 'lessonPlanId'],
    ['done with a blank reflection', { done: true, lessonPlanId: 'a0000000-0000-4000-8000-000000000001', reflection: '  ' }, 'reflection'],
  ])('refuses %s, naming the field', (_name, extra, field) => {
    expect(checkLesson(lesson(extra), '2026-2027-1', '2026-10-16').map((e) => e.field)).toEqual([field]);
  });
});

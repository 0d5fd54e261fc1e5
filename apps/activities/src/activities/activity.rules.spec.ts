import { ConflictError, ValidationError } from '@jiaolian/service-kit';
import { assertAdmits, assertAudience, assertCapacity, assertTimes, normalisePlace, normaliseRecurrence } from './activity.rules.js';

const start = new Date('2026-10-15T06:00:00Z');
const end = new Date('2026-10-15T08:00:00Z');

const fieldOf = (fn: () => unknown): string | undefined => {
  try { fn(); } catch (error) { return error instanceof ValidationError ? error.errors?.[0]?.field : `not a validation error: ${String(error)}`; }
  return undefined;
};

describe('activity rules', () => {
  it('refuses an end before the start and activities longer than a month', () => {
    expect(fieldOf(() => assertTimes(end, start))).toBe('endsAt');
    expect(fieldOf(() => assertTimes(start, new Date(start.getTime() + 32 * 86400_000)))).toBe('endsAt');
    expect(fieldOf(() => assertTimes(start, end))).toBeUndefined();
  });

  it.each([
    ['neither until nor count', { freq: 'weekly' as const, interval: 1 }, 'recurrence'],
    ['both until and count', { freq: 'weekly' as const, interval: 1, until: '2026-12-01', count: 3 }, 'recurrence'],
    ['until before the first occurrence', { freq: 'weekly' as const, interval: 1, until: '2026-10-14' }, 'recurrence.until'],
    ['a series over two years', { freq: 'monthly' as const, interval: 1, until: '2029-01-01' }, 'recurrence.until'],
  ])('refuses a repetition with %s', (_, dto, field) => {
    expect(fieldOf(() => normaliseRecurrence(dto, start, end))).toBe(field);
  });

  it('refuses occurrences that would overlap the next one', () => {
    expect(fieldOf(() => normaliseRecurrence({ freq: 'weekly', interval: 1, count: 3 }, start, new Date(start.getTime() + 8 * 86400_000)))).toBe('recurrence.interval');
  });

  it('normalises a valid repetition and answers null for none', () => {
    expect(normaliseRecurrence({ freq: 'monthly', interval: 1, count: 6 }, start, end)).toEqual({ freq: 'monthly', interval: 1, until: null, count: 6 });
    expect(normaliseRecurrence(null, start, end)).toBeNull();
  });

  it('keeps only what each kind of place uses', () => {
    expect(normalisePlace({ kind: 'online', url: 'https://m.example.org/1', schoolId: 'x' })).toEqual({ kind: 'online', schoolId: null, facilityName: null, url: 'https://m.example.org/1' });
    expect(normalisePlace({ kind: 'facility', facilityName: ' 少年宫 ' })).toEqual({ kind: 'facility', schoolId: null, facilityName: '少年宫', url: null });
    expect(fieldOf(() => normalisePlace({ kind: 'school' }))).toBe('place.schoolId');
    expect(fieldOf(() => normalisePlace({ kind: 'online' }))).toBe('place.url');
  });

  it('needs at least one audience', () => {
    expect(fieldOf(() => assertAudience({ teachers: false, studentGrades: [], parents: false }))).toBe('audience');
    expect(fieldOf(() => assertAudience({ teachers: false, studentGrades: [3], parents: false }))).toBeUndefined();
  });

  it.each([
    ['a teacher when only students may come', 'teacher' as const, undefined, 'participantKind'],
    ['a parent when parents may not come', 'parent' as const, undefined, 'participantKind'],
    ['a student of another grade', 'student' as const, 6, 'grade'],
    ['a student without a grade', 'student' as const, undefined, 'grade'],
  ])('refuses %s', (_, kind, grade, field) => {
    expect(fieldOf(() => assertAdmits({ teachers: false, studentGrades: [4, 5], parents: false }, kind, grade))).toBe(field);
  });

  it('admits a student of a listed grade', () => {
    expect(fieldOf(() => assertAdmits({ teachers: false, studentGrades: [4, 5], parents: false }, 'student', 5))).toBeUndefined();
  });

  it('lets the last place go and refuses the one after; no capacity means no limit', () => {
    expect(() => assertCapacity(3, 2)).not.toThrow();
    expect(() => assertCapacity(3, 3)).toThrow(ConflictError);
    expect(() => assertCapacity(null, 10_000)).not.toThrow();
  });
});

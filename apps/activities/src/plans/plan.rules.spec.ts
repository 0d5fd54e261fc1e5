import type { PlanAction, PlanStatus } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';
import {
  assertDueInTerm, assertProgress, completionDay, daysOverdue, isOnTime, isOverdue, nextStatus, onTimeRatio,
} from './plan.rules.js';

// 2026-11-30 23:30 in Asia/Shanghai is still 15:30 UTC on the 30th; 2026-12-01 00:30 there is 16:30 UTC on the 30th.
const LATE_ON_30TH = new Date('2026-11-30T15:30:00Z');
const EARLY_ON_1ST = new Date('2026-11-30T16:30:00Z');

describe('plan status flow', () => {
  it.each<[PlanStatus, PlanAction, PlanStatus]>([
    ['draft', 'submit', 'submitted'],
    ['submitted', 'approve', 'approved'],
    ['submitted', 'return', 'draft'],
    ['approved', 'close', 'closed'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each<[PlanStatus, PlanAction]>([
    ['draft', 'approve'], ['draft', 'close'], ['draft', 'return'], ['submitted', 'submit'], ['submitted', 'close'],
    ['approved', 'submit'], ['approved', 'approve'], ['approved', 'return'], ['closed', 'submit'], ['closed', 'approve'], ['closed', 'return'], ['closed', 'close'],
  ])('refuses %s --%s--> with a 409 naming both', (from, action) => {
    let error: unknown;
    try { nextStatus(from, action); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'activities.plan.illegal-transition', params: { planStatus: from, planAction: action } });
  });
});

describe('overdue in Asia/Shanghai', () => {
  it('is not overdue on its due day, even late in the evening there', () => {
    expect(isOverdue({ dueOn: '2026-11-30', completedOn: null }, LATE_ON_30TH)).toBe(false);
  });

  it('is overdue from the next Shanghai day on, while UTC still shows the due day', () => {
    expect(isOverdue({ dueOn: '2026-11-30', completedOn: null }, EARLY_ON_1ST)).toBe(true);
    expect(daysOverdue({ dueOn: '2026-11-30', completedOn: null }, EARLY_ON_1ST)).toBe(1);
    expect(daysOverdue({ dueOn: '2026-11-20', completedOn: null }, EARLY_ON_1ST)).toBe(11);
  });

  it('is never overdue once done, even done late', () => {
    expect(isOverdue({ dueOn: '2026-11-20', completedOn: '2026-11-25' }, EARLY_ON_1ST)).toBe(false);
    expect(daysOverdue({ dueOn: '2026-11-20', completedOn: '2026-11-25' }, EARLY_ON_1ST)).toBe(0);
  });
});

describe('on time', () => {
  it.each([
    ['2026-11-30', '2026-11-29', true],
    ['2026-11-30', '2026-11-30', true],
    ['2026-11-30', '2026-12-01', false],
    ['2026-11-30', null, null],
  ] as const)('due %s, done %s: %s', (dueOn, completedOn, expected) => {
    expect(isOnTime({ dueOn, completedOn })).toBe(expected);
  });

  it('counts milestones due in the term up to today, on time over due, and leaves later and other terms out', () => {
    const milestones = [
      { dueOn: '2026-09-30', completedOn: '2026-09-28' }, // on time
      { dueOn: '2026-10-31', completedOn: '2026-11-05' }, // late
      { dueOn: '2026-11-15', completedOn: null }, // overdue
      { dueOn: '2026-11-30', completedOn: '2026-11-30' }, // due today, done: on time
      { dueOn: '2026-12-20', completedOn: '2026-11-20' }, // not due yet: not counted
      { dueOn: '2026-07-31', completedOn: '2026-07-01' }, // previous term
      { dueOn: '2027-02-01', completedOn: null }, // next term
    ];
    expect(onTimeRatio(milestones, '2026-2027-1', LATE_ON_30TH)).toEqual({ numerator: 2, denominator: 4 });
  });

  it('has nothing due before the term starts', () => {
    expect(onTimeRatio([{ dueOn: '2026-09-30', completedOn: null }], '2026-2027-1', new Date('2026-08-15T00:00:00Z'))).toEqual({ numerator: 0, denominator: 0 });
  });
});

describe('milestone inputs', () => {
  it('keeps due days within the term, naming the field', () => {
    expect(() => assertDueInTerm('2026-2027-1', '2026-08-01', 'dueOn')).not.toThrow();
    expect(() => assertDueInTerm('2026-2027-1', '2027-01-31', 'dueOn')).not.toThrow();
    for (const day of ['2026-07-31', '2027-02-01']) {
      let error: unknown;
      try { assertDueInTerm('2026-2027-1', day, 'milestones.0.dueOn'); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [expect.objectContaining({ field: 'milestones.0.dueOn' })], params: expect.objectContaining({ from: '2026-08-01', to: '2027-01-31' }) });
    }
  });

  it('wants 100 percent for done', () => {
    expect(() => assertProgress('done', 90)).toThrow(ValidationError);
    expect(() => assertProgress('done', 100)).not.toThrow();
    expect(() => assertProgress('in_progress', 100)).not.toThrow();
  });

  it('keeps the first day reported done, and clears it when taken back', () => {
    expect(completionDay(null, 'done', '2026-11-03')).toBe('2026-11-03');
    expect(completionDay('2026-11-03', 'done', '2026-11-09')).toBe('2026-11-03');
    expect(completionDay('2026-11-03', 'in_progress', '2026-11-09')).toBeNull();
    expect(completionDay(null, 'in_progress', '2026-11-09')).toBeNull();
  });
});

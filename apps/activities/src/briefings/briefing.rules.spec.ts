import type { BriefingSchoolRow } from '@jiaolian/contracts';
import type { DomainError } from '@jiaolian/service-kit';
import { aggregateFacts, highlights, MAX_PERIOD_DAYS, periodTitle, resolvePeriod, schoolRows } from './briefing.rules.js';

const TODAY = '2026-12-07';

const codeOf = (fn: () => unknown): { field?: string; code?: string } => {
  try {
    fn();
  } catch (error) {
    const e = error as DomainError;
    return { field: e.errors?.[0]?.field, code: e.code };
  }
  return {};
};

describe('briefing periods', () => {
  it.each([
    [{ quarter: '2026-Q1' }, { kind: 'quarter', label: '2026-Q1', from: '2026-01-01', to: '2026-03-31', term: '2025-2026-2' }],
    [{ quarter: '2026-Q3' }, { kind: 'quarter', label: '2026-Q3', from: '2026-07-01', to: '2026-09-30', term: '2026-2027-1' }],
    [{ quarter: '2026-Q4' }, { kind: 'quarter', label: '2026-Q4', from: '2026-10-01', to: '2026-12-31', term: '2026-2027-1' }],
    [{ term: '2025-2026-2' }, { kind: 'term', label: '2025-2026-2', from: '2026-02-01', to: '2026-07-31', term: '2025-2026-2' }],
    [{ term: '2026-2027-1' }, { kind: 'term', label: '2026-2027-1', from: '2026-08-01', to: '2027-01-31', term: '2026-2027-1' }],
    [{ from: '2026-09-01', to: '2026-11-30' }, { kind: 'range', label: '2026-09-01~2026-11-30', from: '2026-09-01', to: '2026-11-30', term: '2026-2027-1' }],
    [{ from: '2026-11-30', to: '2026-11-30' }, { kind: 'range', label: '2026-11-30~2026-11-30', from: '2026-11-30', to: '2026-11-30', term: '2026-2027-1' }],
  ])('resolves %j with both ends included and the term of its last day', (dto, expected) => {
    expect(resolvePeriod(dto, TODAY)).toEqual(expected);
  });

  it.each([
    [{}, 'quarter', 'activities.briefing.period-one'],
    [{ quarter: '2026-Q4', term: '2026-2027-1' }, 'quarter', 'activities.briefing.period-one'],
    [{ term: '2026-2027-1', from: '2026-09-01', to: '2026-10-01' }, 'quarter', 'activities.briefing.period-one'],
    [{ from: '2026-09-01' }, 'to', 'activities.briefing.period-one'],
    [{ to: '2026-09-01' }, 'from', 'activities.briefing.period-one'],
    [{ from: '2026-10-02', to: '2026-10-01' }, 'to', 'activities.briefing.period-order'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'to', 'activities.briefing.period-too-long'],
    [{ term: '2026-2028-1' }, 'term', 'activities.plan.term-invalid'],
    [{ quarter: '2027-Q1' }, 'quarter', 'activities.briefing.period-in-future'],
    [{ from: '2026-12-08', to: '2026-12-31' }, 'from', 'activities.briefing.period-in-future'],
  ])('refuses %j naming %s', (dto, field, code) => {
    expect(codeOf(() => resolvePeriod(dto, TODAY))).toEqual({ field, code });
  });

  it(`takes a period of ${MAX_PERIOD_DAYS} days and not one more`, () => {
    expect(resolvePeriod({ from: '2025-12-07', to: '2026-12-07' }, TODAY).from).toBe('2025-12-07');
    expect(codeOf(() => resolvePeriod({ from: '2025-12-06', to: '2026-12-07' }, TODAY)).code).toBe('activities.briefing.period-too-long');
  });

  it.each([
    [{ kind: 'quarter', label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' }, '2026年第四季度'],
    [{ kind: 'term', label: '2026-2027-1', from: '2026-08-01', to: '2027-01-31' }, '2026-2027学年第一学期'],
    [{ kind: 'range', label: 'x', from: '2026-09-01', to: '2026-11-30' }, '2026-09-01至2026-11-30'],
  ] as const)('names %j in Chinese', (period, title) => {
    expect(periodTitle(period)).toBe(title);
  });
});

describe('briefing figures', () => {
  const scope = { schools: new Set(['core', 'village']), alliances: new Set(['a1']) };

  it('adds counts up over the scope and recomputes rates from numerators and denominators, leaving other schools out', () => {
    const sut = aggregateFacts([
      { key: 'placements.completed', schoolId: 'core', value: 3 },
      { key: 'placements.completed', schoolId: 'village', value: 1 },
      { key: 'placements.completed', schoolId: 'foreign', value: 50 },
      // the mean of the rates would be 0.55; 9 of 110 registrations is what happened
      { key: 'check-in-rate', schoolId: 'core', value: 0.1, numerator: 10, denominator: 100 },
      { key: 'check-in-rate', schoolId: 'village', value: 1, numerator: 10, denominator: 10 },
      { key: 'milestones-on-time', allianceId: 'a1', value: 0.5, numerator: 1, denominator: 2 },
      { key: 'milestones-on-time', allianceId: 'a2', value: 1, numerator: 5, denominator: 5 },
      { key: 'unscoped', value: 7 },
    ], scope);
    expect(sut).toEqual([
      { key: 'placements.completed', unit: 'count', value: 4 },
      { key: 'check-in-rate', unit: 'rate', value: 0.1818, numerator: 20, denominator: 110 },
      { key: 'milestones-on-time', unit: 'rate', value: 0.5, numerator: 1, denominator: 2 },
    ]);
  });

  it('leaves signed per-school figures such as 超均率 out of the scope figures: their sum means nothing', () => {
    const sut = aggregateFacts([
      { key: 'assessment.exams.above-mean-ratio', schoolId: 'core', value: 0.12 },
      { key: 'assessment.exams.above-mean-ratio', schoolId: 'village', value: -0.2 },
      { key: 'teacher-exchange.placements.completed', schoolId: 'village', value: 2 },
    ], scope);
    expect(sut).toEqual([{ key: 'teacher-exchange.placements.completed', unit: 'count', value: 2 }]);
    expect(schoolRows([{ id: 'village', name: '下湾村小学' }], [{ key: 'assessment.exams.above-mean-ratio', schoolId: 'village', value: -0.2 }]))
      .toEqual([{ schoolId: 'village', name: '下湾村小学', figures: { 'assessment.exams.above-mean-ratio': -0.2 } }]);
  });

  it('answers nothing for facts that are all outside the scope', () => {
    expect(aggregateFacts([{ key: 'x', schoolId: 'foreign', value: 1 }], scope)).toEqual([]);
  });

  it('lists every school of the scope, with or without facts', () => {
    const sut = schoolRows([{ id: 'core', name: '清溪县实验小学' }, { id: 'village', name: '下湾村小学' }], [
      { key: 'held', schoolId: 'core', value: 2 }, { key: 'held', schoolId: 'foreign', value: 9 },
    ]);
    expect(sut).toEqual([
      { schoolId: 'core', name: '清溪县实验小学', figures: { held: 2 } },
      { schoolId: 'village', name: '下湾村小学', figures: {} },
    ]);
  });
});

describe('briefing highlights', () => {
  const schools: BriefingSchoolRow[] = [
    { schoolId: 'core', name: '清溪县实验小学', figures: { held: 3 } },
    { schoolId: 'village', name: '下湾村小学', figures: { held: 1 } },
    { schoolId: 'town', name: '临溪镇中心小学', figures: {} },
  ];
  const rate = (schoolId: string, numerator: number, denominator: number) => ({
    key: 'rate', schoolId, value: numerator / denominator, numerator, denominator,
  });

  it('names milestones, closed plans, the best check-in rate, the busiest organiser and the best evaluation', () => {
    const sut = highlights({
      schools, checkInKey: 'rate', heldKey: 'held', milestonesCompleted: 4, plansClosed: 1, topEvaluation: { name: '临溪镇中心小学', score: 92.5 },
    }, [rate('core', 18, 20), rate('village', 10, 10), rate('town', 3, 4)]);
    expect(sut).toEqual([
      { kind: 'milestones-completed', name: '', value: 4 },
      { kind: 'plans-closed', name: '', value: 1 },
      // town's 3 of 4 is too few registrations to count
      { kind: 'best-check-in', name: '下湾村小学', value: 1 },
      { kind: 'most-activities', name: '清溪县实验小学', value: 3 },
      { kind: 'top-evaluation', name: '临溪镇中心小学', value: 92.5 },
    ]);
  });

  it('says nothing it cannot back: no milestones, no registrations, no activities, no evaluation', () => {
    const sut = highlights({ schools: schools.map((s) => ({ ...s, figures: {} })), checkInKey: 'rate', heldKey: 'held', milestonesCompleted: 0, plansClosed: 0 }, []);
    expect(sut).toEqual([]);
  });
});

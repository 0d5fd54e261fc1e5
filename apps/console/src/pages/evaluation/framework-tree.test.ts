import { describe, expect, it } from 'vitest';
import type { DimensionInputDto } from './api';
import {
  addDimension, addIndicator, emptyDimensions, freeCode, removeDimension, removeIndicator, updateIndicator, weightProblems, weightSum,
} from './framework-tree';

const tree = (): DimensionInputDto[] => [
  {
    code: 'teacher', name: '教师成长', weight: 60, indicators: [
      { code: 'teacher.quota', name: '交流指标完成率', weight: 70, kind: 'computed', appliesTo: 'both', factKey: 'teacher-exchange.quota.completion', rule: 'ratio' },
      { code: 'teacher.growth', name: '教师专业发展', weight: 30, kind: 'evaluator', appliesTo: 'both', maxScore: 10, guidance: '听课记录' },
    ],
  },
  {
    code: 'quality', name: '教学质量', weight: 40, indicators: [
      { code: 'quality.above-mean', name: '超均率', weight: 100, kind: 'computed', appliesTo: 'both', factKey: 'assessment.exams.above-mean-ratio', rule: 'rank' },
    ],
  },
];

describe('framework tree', () => {
  it('finds no weight problem in a balanced tree', () => {
    expect(weightProblems(tree())).toEqual([]);
    expect(weightSum([33.33, 33.33, 33.34])).toBe(100);
  });

  it('adds a dimension with a fresh code, no weight and no indicators, leaving the others as they were', () => {
    const before = tree();
    const sut = addDimension(before, '资源共享');
    expect(sut).toHaveLength(3);
    expect(sut[2]).toEqual({ code: 'dim-1', name: '资源共享', weight: 0, indicators: [] });
    expect(before).toHaveLength(2);
    expect(emptyDimensions(sut)).toEqual([2]);
    expect(addDimension(sut)[3]!.code).toBe('dim-2');
  });

  it('adds an evaluator-scored indicator under the chosen dimension with a code unused in the whole tree', () => {
    const sut = addIndicator(tree(), 0, 'evaluator');
    expect(sut[0]!.indicators.map((i) => i.code)).toEqual(['teacher.quota', 'teacher.growth', 'teacher-1']);
    expect(sut[0]!.indicators[2]).toMatchObject({ kind: 'evaluator', weight: 0, maxScore: 10, appliesTo: 'both' });
    expect(sut[1]!.indicators).toHaveLength(1);
    expect(addIndicator(sut, 0, 'computed')[0]!.indicators[3]).toMatchObject({ code: 'teacher-2', kind: 'computed', rule: 'ratio' });
  });

  it('keeps generated codes within what the service accepts', () => {
    const long = [{ ...tree()[0]!, code: 'a'.repeat(40) }];
    expect(freeCode(long, long[0]!.code)).toMatch(/^[a-z0-9][a-z0-9_.-]{0,39}$/);
  });

  it('names each group whose weights do not sum to 100, with its sum', () => {
    const sut = updateIndicator(addIndicator(tree(), 0, 'evaluator'), 0, 2, { weight: 20 });
    expect(weightProblems(sut)).toEqual([{ path: 'dimensions.0.indicators', dimension: 0, sum: 120 }]);
    const rebalanced = updateIndicator(updateIndicator(sut, 0, 0, { weight: 50 }), 0, 1, { weight: 30 });
    expect(weightProblems(rebalanced)).toEqual([]);
    expect(weightProblems(addDimension(rebalanced).map((d, i) => (i === 2 ? { ...d, weight: 5 } : d)))).toEqual([{ path: 'dimensions', sum: 105 }]);
  });

  it('removes an indicator or a whole dimension and the weights check follows', () => {
    const withoutGrowth = removeIndicator(tree(), 0, 1);
    expect(withoutGrowth[0]!.indicators.map((i) => i.code)).toEqual(['teacher.quota']);
    expect(weightProblems(withoutGrowth)).toEqual([{ path: 'dimensions.0.indicators', dimension: 0, sum: 70 }]);
    const withoutTeacher = removeDimension(tree(), 0);
    expect(withoutTeacher.map((d) => d.code)).toEqual(['quality']);
    expect(weightProblems(withoutTeacher)).toEqual([{ path: 'dimensions', sum: 40 }]);
  });

  it('switching an indicator to evaluator-scored drops its fact and rule and keeps its name and weight', () => {
    const sut = updateIndicator(tree(), 0, 0, { kind: 'evaluator' })[0]!.indicators[0]!;
    expect(sut).toMatchObject({ code: 'teacher.quota', name: '交流指标完成率', weight: 70, kind: 'evaluator', maxScore: 10 });
    expect(sut.factKey).toBeUndefined();
    expect(sut.rule).toBeUndefined();
  });
});

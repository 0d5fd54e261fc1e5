import { ValidationError } from '@jiaolian/service-kit';
import { TERM_FACT_CATALOGUE, type DimensionInputDto } from '@jiaolian/contracts';
import { checkTree, termFactViews } from './framework.rules.js';
import { DEFAULT_FRAMEWORK } from './default-framework.js';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return (error.errors ?? []).map((e) => `${e.field} ${e.code}`);
    throw error;
  }
  return [];
};

const tree = (): DimensionInputDto[] => structuredClone(DEFAULT_FRAMEWORK.dimensions);

describe(checkTree.name, () => {
  it('accepts the shipped default framework', () => {
    const sut = checkTree(tree());
    expect(sut.map((d) => d.code)).toEqual(['teacher', 'student', 'quality', 'sharing', 'satisfaction']);
    expect(sut.flatMap((d) => d.indicators).find((i) => i.code === 'satisfaction.survey')?.factKey).toBe('assessment.surveys.satisfaction');
  });

  it('names every level whose siblings do not sum to 100, with the sum', () => {
    const dimensions = tree();
    dimensions[0]!.weight = 30;
    dimensions[2]!.indicators[0]!.weight = 45;
    let errors: ValidationError | undefined;
    try { checkTree(dimensions); } catch (e) { errors = e as ValidationError; }
    expect(errors?.errors?.map((e) => [e.field, e.params?.['sum']])).toEqual([['dimensions', 105], ['dimensions.2.indicators', 95]]);
  });

  it('accepts weights with decimals that sum to 100', () => {
    const dimensions = tree();
    dimensions[4]!.indicators[0]!.weight = 66.67;
    dimensions[4]!.indicators[1]!.weight = 33.33;
    expect(() => checkTree(dimensions)).not.toThrow();
  });

  it('refuses repeated codes, unknown facts, a computed indicator without a rule and a linear rule without bounds', () => {
    const dimensions = tree();
    dimensions[1]!.indicators[0]!.code = 'teacher.quota';
    dimensions[0]!.indicators[0]!.factKey = 'teacher-exchange.nothing';
    dimensions[0]!.indicators[1]!.rule = undefined;
    dimensions[0]!.indicators[2]!.target = 0;
    dimensions[0]!.indicators[3]!.maxScore = undefined;
    expect(fieldsOf(() => checkTree(dimensions))).toEqual([
      'dimensions.0.indicators.0.factKey assessment.framework.fact-unknown',
      'dimensions.0.indicators.1.rule assessment.framework.rule-missing',
      'dimensions.0.indicators.2.target assessment.framework.linear-bounds',
      'dimensions.0.indicators.3.maxScore assessment.framework.max-score-missing',
      'dimensions.1.indicators.0.code assessment.framework.code-repeated',
    ]);
  });
});

describe(termFactViews.name, () => {
  it('lists every catalogue fact with its zh-CN and English meaning, including the survey satisfaction', () => {
    const sut = termFactViews();
    expect(sut).toHaveLength(Object.keys(TERM_FACT_CATALOGUE).length);
    expect(sut.find((f) => f.key === 'assessment.surveys.satisfaction')).toMatchObject({ service: 'assessment', kind: 'rate', description: expect.stringContaining('满意度') });
    expect(sut.every((f) => f.description && f.descriptionEn && f.description !== f.descriptionEn)).toBe(true);
  });
});

import { checkRubric, DEFAULT_RUBRIC, dimensionView, meanPercent, percentOf, sameRubric, scoreObservation } from './rubric.rules.js';

describe('observation rubric rules', () => {
  const dimensions = DEFAULT_RUBRIC.map(dimensionView);

  it('gives the default rubric five dimensions worth 100 in all', () => {
    expect(dimensions.map((d) => d.name)).toEqual(['教学目标', '教学内容', '教学方法', '学生参与', '教学效果']);
    expect(dimensions.reduce((sum, d) => sum + d.maxScore, 0)).toBe(100);
    expect(checkRubric(DEFAULT_RUBRIC)).toEqual([]);
  });

  it('refuses repeated keys and levels that do not go down', () => {
    const bad = [
      { key: 'goals', name: '目标', levels: [{ label: '好', score: 10 }, { label: '差', score: 5 }] },
      { key: 'goals', name: '目标二', levels: [{ label: '好', score: 5 }, { label: '差', score: 5 }] },
    ];
    expect(checkRubric(bad).map((e) => e.field)).toEqual(['dimensions.1.key', 'dimensions.1.levels']);
  });

  it('sees a rubric saved again unchanged as the same, and a changed score as a new one', () => {
    expect(sameRubric(dimensions, DEFAULT_RUBRIC.map(dimensionView))).toBe(true);
    const changed = DEFAULT_RUBRIC.map((d, i) => (i === 0 ? { ...d, levels: [{ label: '优秀', score: 30 }, ...d.levels.slice(1)] } : d)).map(dimensionView);
    expect(sameRubric(dimensions, changed)).toBe(false);
  });

  it('totals valid scores', () => {
    expect(scoreObservation({ goals: 18, content: 20, methods: 12, participation: 18, outcomes: 8 }, dimensions)).toEqual({ errors: [], total: 76, maxTotal: 100 });
  });

  it('names each missing, out-of-range, fractional and unknown score', () => {
    const { errors } = scoreObservation({ goals: 21, content: -1, methods: 12.5, participation: 18, extra: 3 }, dimensions);
    expect(errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      'scores.goals exchange.observation.score-range', 'scores.content exchange.observation.score-range', 'scores.methods exchange.observation.score-range',
      'scores.outcomes exchange.observation.score-missing', 'scores.extra exchange.observation.score-unknown',
    ]);
  });

  it('averages percentages to one decimal, none when there is nothing', () => {
    expect(percentOf(76, 100)).toBe(76);
    expect(percentOf(47, 60)).toBe(78.3);
    expect(meanPercent(76 + 78.3 + 90, 3)).toBe(81.4);
    expect(meanPercent(0, 0)).toBeNull();
  });
});

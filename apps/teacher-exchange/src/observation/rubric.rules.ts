import type { FieldError, RubricDimensionDto, RubricDimensionView } from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';

/**
 * The rubric a district starts with (课堂教学评价量表): five dimensions of 20 points each, so that a
 * total reads as a percentage; four levels whose scores follow the usual 优秀/良好/合格/待改进
 * thresholds of 90/80/60 percent, with a floor of 8 for a lesson that was given at all.
 */
export const DEFAULT_RUBRIC: RubricDimensionDto[] = [
  ['goals', '教学目标'], ['content', '教学内容'], ['methods', '教学方法'], ['participation', '学生参与'], ['outcomes', '教学效果'],
].map(([key, name]) => ({
  key: key as string, name: name as string,
  levels: [{ label: '优秀', score: 20 }, { label: '良好', score: 18 }, { label: '合格', score: 12 }, { label: '待改进', score: 8 }],
}));

/** Checks a rubric on its own: unique keys, levels from the highest score down, strictly. */
export function checkRubric(dimensions: RubricDimensionDto[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  dimensions.forEach((d, i) => {
    if (seen.has(d.key)) errors.push(fieldError(`dimensions.${i}.key`, 'exchange.rubric.key-repeated'));
    seen.add(d.key);
    if (d.levels.some((level, j) => j > 0 && level.score >= (d.levels[j - 1] as { score: number }).score)) {
      errors.push(fieldError(`dimensions.${i}.levels`, 'exchange.rubric.levels-order'));
    }
  });
  return errors;
}

/** A dimension as stored and shown: its levels and its best score. */
export const dimensionView = (d: RubricDimensionDto): RubricDimensionView => ({
  key: d.key, name: d.name.trim(), levels: d.levels.map((l) => ({ label: l.label.trim(), score: l.score })), maxScore: Math.max(...d.levels.map((l) => l.score)),
});

/** Two rubrics the same in every key, name, level and score: saving the current one again makes no new version. */
export const sameRubric = (a: RubricDimensionView[], b: RubricDimensionView[]): boolean =>
  JSON.stringify(a.map(dimensionView)) === JSON.stringify(b.map(dimensionView));

/**
 * Checks an observation's scores against the rubric version it names: every dimension scored, a whole
 * number from 0 to the dimension's best score, no key the rubric lacks. Returns the total when valid.
 */
export function scoreObservation(scores: Record<string, unknown>, dimensions: RubricDimensionView[]): { errors: FieldError[]; total: number; maxTotal: number } {
  const errors: FieldError[] = [];
  let total = 0;
  for (const d of dimensions) {
    const score = scores[d.key];
    if (score === undefined || score === null) errors.push(fieldError(`scores.${d.key}`, 'exchange.observation.score-missing'));
    else if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > d.maxScore) {
      errors.push(fieldError(`scores.${d.key}`, 'exchange.observation.score-range', { max: d.maxScore }));
    } else total += score;
  }
  const known = new Set(dimensions.map((d) => d.key));
  for (const key of Object.keys(scores)) if (!known.has(key)) errors.push(fieldError(`scores.${key}`, 'exchange.observation.score-unknown'));
  return { errors, total, maxTotal: dimensions.reduce((sum, d) => sum + d.maxScore, 0) };
}

/** A total as a percentage of the rubric's maximum, one decimal (rubric versions differ in maxima; percentages compare). */
export const percentOf = (total: number, maxTotal: number): number => Math.round((total / maxTotal) * 1000) / 10;

/** The mean of percentages, one decimal; null when there is none. */
export function meanPercent(sum: number, count: number): number | null {
  return count ? Math.round((sum / count) * 10) / 10 : null;
}

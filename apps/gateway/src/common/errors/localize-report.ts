import type { FieldError, Locale } from '@jiaolian/contracts';
import { rendered } from './problem.js';

/**
 * Field errors in the caller's language, by the rule `localizeProblem` applies to a problem's errors:
 * English keeps the service's text, Chinese renders each catalogued code; codes and parameters stay.
 */
export function localizeFieldErrors<E extends FieldError>(errors: E[], locale: Locale): E[] {
  if (locale === 'en') return errors;
  return errors.map((e) => {
    const message = rendered(e.code, e.params ?? { field: e.field }, locale);
    return message === undefined ? e : { ...e, message };
  });
}

/**
 * An import's report (a dry run's preview, or a valid-only import that skipped rows) with its row errors
 * in the caller's language: a successful answer carries row errors too, not only a 400 problem.
 */
export function localizeImportReport<R extends { errors: FieldError[]; rowOutcomes: { errors: FieldError[] }[] }>(report: R, locale: Locale): R {
  if (locale === 'en') return report;
  return {
    ...report,
    errors: localizeFieldErrors(report.errors, locale),
    rowOutcomes: report.rowOutcomes.map((o) => ({ ...o, errors: localizeFieldErrors(o.errors, locale) })),
  };
}

import { localizeFieldErrors, localizeImportReport } from './localize-report.js';

const negative = {
  row: 7, field: '数学', message: 'the score -5 must be 0 or more', code: 'assessment.score-import.score-negative', params: { field: '数学', score: '-5' },
};
const uncoded = { row: 8, field: '学校', message: 'written by an older service' };

describe(localizeImportReport.name, () => {
  const report = { dryRun: true, errors: [negative, uncoded], rowOutcomes: [{ row: 7, outcome: 'rejected', errors: [negative] }, { row: 9, outcome: 'inserted', errors: [] }] };

  it('renders every row error of a successful import report in Chinese, in the list and per row, keeping code and parameters', () => {
    const sut = localizeImportReport(report, 'zh-CN');
    expect(sut.errors).toEqual([{ ...negative, message: '成绩“-5”不能是负数' }, uncoded]);
    expect(sut.rowOutcomes).toEqual([{ row: 7, outcome: 'rejected', errors: [{ ...negative, message: '成绩“-5”不能是负数' }] }, { row: 9, outcome: 'inserted', errors: [] }]);
    expect(sut.dryRun).toBe(true);
  });

  it("keeps the service's English text and leaves the report it was given unchanged", () => {
    expect(localizeImportReport(report, 'en')).toBe(report);
    localizeImportReport(report, 'zh-CN');
    expect(report.errors[0]?.message).toBe('the score -5 must be 0 or more');
  });
});

describe(localizeFieldErrors.name, () => {
  it('keeps a message whose parameters are missing rather than show a placeholder', () => {
    const partial = { ...negative, params: { field: '数学' } };
    expect(localizeFieldErrors([partial], 'zh-CN')).toEqual([partial]);
  });
});

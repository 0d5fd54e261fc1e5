import { assertAcceptsScores, assertEditable, assertTerm, nextStatus, normalizeSchools, normalizeSubjects } from './exam.rules.js';

describe('exam rules', () => {
  describe(normalizeSubjects.name, () => {
    it('fills in 60% / 85% / 40% of full marks where no line is given, keeping given ones', () => {
      const sut = normalizeSubjects([{ name: ' 数学 ', fullMarks: 150 }, { name: '英语', fullMarks: 100, passLine: 72 }]);
      expect(sut).toEqual([
        { name: '数学', fullMarks: 150, passLine: 90, excellentLine: 127.5, lowLine: 60 },
        { name: '英语', fullMarks: 100, passLine: 72, excellentLine: 85, lowLine: 40 },
      ]);
    });

    it('reports every problem at once', () => {
      expect(() => normalizeSubjects([
        { name: '数学', fullMarks: 100, excellentLine: 120 },
        { name: '数学', fullMarks: 100, lowLine: 70 },
        { name: '学号', fullMarks: 100 },
      ])).toThrow(expect.objectContaining({
        kind: 'validation-failed',
        errors: [
          expect.objectContaining({ field: 'subjects.0.excellentLine', message: 'excellentLine must not exceed fullMarks', code: 'assessment.exam.excellent-above-full' }),
          expect.objectContaining({
            field: 'subjects.1.name', message: 'subject 数学 is listed twice', code: 'assessment.exam.subject-repeated', params: { field: 'subjects.1.name', subject: '数学' },
          }),
          expect.objectContaining({ field: 'subjects.1.lowLine', message: 'lowLine must not exceed passLine', code: 'assessment.exam.low-above-pass' }),
          expect.objectContaining({
            field: 'subjects.2.name', message: '学号 is a fixed column of the score sheet and cannot be a subject', code: 'assessment.exam.subject-is-fixed-column',
          }),
        ],
      }));
    });
  });

  it.each(['2026-2027-1', '2026-2027-2'])('accepts the term %s', (term) => {
    expect(() => assertTerm(term)).not.toThrow();
  });

  it.each(['2026-2026-1', '2026-2027-3', '26-27-1'])('refuses the term %s', (term) => {
    expect(() => assertTerm(term)).toThrow(expect.objectContaining({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'term' })] }));
  });

  it('dedupes classes and refuses a school listed twice', () => {
    const id = '3f0c5bb5-8c5f-4b55-9c0e-2ad1c7f5b0a1';
    expect(normalizeSchools([{ schoolId: id, classes: [' 七(1)班', '七(1)班', ''] }])).toEqual([{ schoolId: id, classes: ['七(1)班'] }]);
    expect(() => normalizeSchools([{ schoolId: id }, { schoolId: id }])).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'schools.1.schoolId' })] }));
  });

  it.each([
    ['draft', 'open', 'open'],
    ['open', 'publish', 'published'],
    ['published', 'archive', 'archived'],
  ] as const)('moves %s on with %s to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    ['open', 'open'],
    ['draft', 'publish'],
    ['archived', 'archive'],
    ['open', 'archive'],
  ] as const)('refuses %s → %s with a conflict', (from, action) => {
    expect(() => nextStatus(from, action)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });

  it('edits drafts only and takes scores only while open', () => {
    expect(() => assertEditable('draft')).not.toThrow();
    expect(() => assertEditable('open')).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(() => assertAcceptsScores('open')).not.toThrow();
    for (const status of ['draft', 'published', 'archived'] as const) expect(() => assertAcceptsScores(status)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});

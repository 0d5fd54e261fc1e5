import type { BodyCategory, BodyKind } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import { assertBodyShape, assertEndDate, assertMayJoin, assertNoCycle, assertSingleKindFree, assertTerm } from './body.rules.js';

const failure = (act: () => void): { kind: string; code: string; field?: string } | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { kind: error.kind, code: error.code, ...(error.errors?.[0] ? { field: error.errors[0].field } : {}) };
  }
};

describe('alliance body rules', () => {
  describe(assertBodyShape.name, () => {
    it.each<[BodyKind, BodyCategory | null, string | null]>([
      ['council', null, null],
      ['working_group', 'teaching_research', null],
      ['working_group', 'other', null],
      ['subject_centre', null, '数学'],
      ['studio', 'subject', '语文'],
      ['studio', 'master_teacher', null],
      ['studio', 'master_teacher', '英语'],
      ['studio', 'head_teacher', null],
    ])('accepts a %s of category %s with subject %s', (kind, category, subject) => {
      expect(failure(() => assertBodyShape(kind, category, subject))).toBeUndefined();
    });

    it.each<[BodyKind, BodyCategory | null, string | null, string, string]>([
      ['working_group', null, null, 'category', 'membership.body.category-required'],
      ['studio', null, null, 'category', 'membership.body.category-required'],
      ['working_group', 'subject', null, 'category', 'membership.body.category-not-allowed'],
      ['council', 'teaching_research', null, 'category', 'membership.body.category-not-allowed'],
      ['subject_centre', null, null, 'subject', 'membership.body.subject-required'],
      ['subject_centre', null, '  ', 'subject', 'membership.body.subject-required'],
      ['studio', 'subject', null, 'subject', 'membership.body.subject-required'],
      ['secretariat', null, '数学', 'subject', 'membership.body.subject-not-allowed'],
      ['studio', 'head_teacher', '数学', 'subject', 'membership.body.subject-not-allowed'],
    ])('refuses a %s of category %s with subject %s, naming %s', (kind, category, subject, field, code) => {
      expect(failure(() => assertBodyShape(kind, category, subject))).toEqual({ kind: 'validation-failed', code, field });
    });
  });

  it('lets an alliance have one council, secretariat and leadership group, and any number of working groups and studios', () => {
    expect(failure(() => assertSingleKindFree('council', ['council']))?.code).toBe('membership.body.single-kind-exists');
    expect(failure(() => assertSingleKindFree('secretariat', ['council']))).toBeUndefined();
    expect(failure(() => assertSingleKindFree('working_group', ['working_group', 'council']))).toBeUndefined();
    expect(failure(() => assertSingleKindFree('studio', ['studio']))).toBeUndefined();
  });

  it('refuses a parent that is the body itself or sits under it', () => {
    // council ← group ← subgroup
    const parentOf = new Map<string, string | null>([['council', null], ['group', 'council'], ['subgroup', 'group'], ['other', null]]);
    expect(failure(() => assertNoCycle('group', 'group', parentOf))?.field).toBe('parentId');
    expect(failure(() => assertNoCycle('group', 'subgroup', parentOf))?.field).toBe('parentId');
    expect(failure(() => assertNoCycle('subgroup', 'council', parentOf))).toBeUndefined();
    expect(failure(() => assertNoCycle('group', 'other', parentOf))).toBeUndefined();
  });

  it.each([
    ['2026-09-01', null, undefined],
    ['2026-09-01', '2026-09-01', undefined],
    ['2026-09-01', '2029-08-31', undefined],
    ['2026-09-01', '2032-09-01', undefined],
    ['2026-09-01', '2026-08-31', 'membership.body.term-invalid'],
    ['2026-09-01', '2032-09-02', 'membership.body.term-too-long'],
  ])('a term from %s to %s: %s', (from, to, code) => {
    const result = failure(() => assertTerm(from, to));
    expect(result?.code).toBe(code);
    if (code) expect(result?.field).toBe('termTo');
  });

  it('keeps one current membership per person and one current leader', () => {
    const current = [{ userId: 'u1', role: 'leader' as const, name: '王老师' }, { userId: 'u2', role: 'member' as const, name: '李老师' }];
    expect(failure(() => assertMayJoin(current, 'u2', 'member'))).toMatchObject({ kind: 'conflict', code: 'membership.body.already-member', field: 'userId' });
    expect(failure(() => assertMayJoin(current, 'u3', 'leader'))).toMatchObject({ kind: 'conflict', code: 'membership.body.leader-exists', field: 'role' });
    expect(failure(() => assertMayJoin(current, 'u3', 'deputy'))).toBeUndefined();
    expect(failure(() => assertMayJoin(current.slice(1), 'u3', 'leader'))).toBeUndefined();
  });

  it('ends a membership no earlier than its first day', () => {
    expect(failure(() => assertEndDate('2026-09-01', '2026-08-31'))).toMatchObject({ code: 'membership.body.end-before-start', field: 'endedOn' });
    expect(failure(() => assertEndDate('2026-09-01', '2026-09-01'))).toBeUndefined();
  });
});

import type { ExamStatus } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';

/*
 * Who may see what inside the assessment service, in one place so a get and a list cannot disagree.
 * District admins see their district's exams, alliance admins their alliances' exams, school staff the
 * non-draft exams their school sits, and within them only their own school's scores.
 */

export interface ExamRef {
  id: string;
  districtId: string;
  allianceId: string;
  status: ExamStatus;
}

export const canManageExam = (scope: AccessScope, exam: Pick<ExamRef, 'districtId' | 'allianceId'>): boolean =>
  scope.isAllianceAdmin(exam.allianceId, exam.districtId);

/** SQL condition on an exam alias `e`; `$n` placeholders start at `first`. Undefined means everything. */
export function examVisibility(scope: AccessScope, first: number): { sql: string; params: unknown[] } | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const [d, a, s] = [first, first + 1, first + 2];
  return {
    sql: `(e.district_id = ANY($${d}::uuid[]) OR e.alliance_id = ANY($${a}::uuid[])
      OR (e.status <> 'draft' AND EXISTS (SELECT 1 FROM exam_school es WHERE es.exam_id = e.id AND es.school_id = ANY($${s}::uuid[]))))`,
    params: [scope.adminDistrictIds(), scope.adminAllianceIds(), scope.schoolIds()],
  };
}

export function canSeeExam(scope: AccessScope, exam: ExamRef, schoolIds: string[]): boolean {
  if (canManageExam(scope, exam)) return true;
  return exam.status !== 'draft' && schoolIds.some((id) => scope.schoolIds().includes(id));
}

/**
 * The schools whose scores the caller may read in a visible exam: all of them for managers, else the
 * caller's own participating schools.
 */
export function readableSchools(scope: AccessScope, exam: ExamRef, participating: string[]): { all: boolean; schoolIds: string[] } {
  if (canManageExam(scope, exam)) return { all: true, schoolIds: participating };
  return { all: false, schoolIds: participating.filter((id) => scope.schoolIds().includes(id)) };
}

/** The schools whose scores the caller may import or correct: all for managers, else schools they administer. */
export function writableSchools(scope: AccessScope, exam: ExamRef, participating: string[]): string[] {
  if (canManageExam(scope, exam)) return participating;
  return participating.filter((id) => scope.adminSchoolIds().includes(id));
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

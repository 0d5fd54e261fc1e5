import type { QuotaCategory, TeacherRank } from '@jiaolian/contracts';

/** Whether a teacher counts in a quota category. */
export function inCategory(category: QuotaCategory, teacher: { rank: TeacherRank; middleManager: boolean }): boolean {
  switch (category) {
    case 'middle_manager': return teacher.middleManager;
    case 'backbone': return teacher.rank !== 'none';
    case 'any': return true;
  }
}

export const quotaState = (actual: number, min: number, max: number): 'behind' | 'met' | 'over' =>
  actual < min ? 'behind' : actual > max ? 'over' : 'met';

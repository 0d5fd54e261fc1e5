import type { TeacherView } from '@jiaolian/contracts';
import { NotFoundError, ValidationError, type AccessScope } from '@jiaolian/service-kit';
import type { EntityManager } from 'typeorm';
import { toTeacherView } from '../teachers/teachers.service.js';

/**
 * A roster teacher named by another school's record (a mentor or apprentice, an observer or observed
 * teacher): partner schools' teachers must be nameable, so any teacher of the caller's districts
 * answers; whether the caller may act on the pair or record is the caller's check. Outside the caller's
 * districts the teacher does not exist, named as the field when `field` is given.
 */
export async function rosterTeacher(scope: AccessScope, id: string, manager: EntityManager, field?: string): Promise<TeacherView> {
  const [row] = await manager.query('SELECT t.*, ds.name AS school_name FROM teacher t LEFT JOIN directory_school ds ON ds.id = t.school_id WHERE t.id = $1', [id]);
  if (!row || !scope.inDistrict(row.district_id)) {
    if (field) throw ValidationError.of(field, 'exchange.mentorship.teacher-not-found');
    throw new NotFoundError('teacher', id);
  }
  return toTeacherView(row);
}

import type { EmptyCellRule } from '@jiaolian/contracts';
import type { DataSource } from 'typeorm';
import type { Exam } from '../exams/exams.store.js';
import type { RowContext } from './score.rules.js';

/**
 * What the rows of an exam's score or item-score sheet are checked against: the schools of the district
 * (and the participating ones from elsewhere) by name and by code, which of them sit the exam, which the
 * caller may write, and each school's classes; with each school's name by id for the answer.
 */
export async function examRowContext(
  dataSource: DataSource, exam: Exam, writable: string[], subjects: RowContext['subjects'], empty: EmptyCellRule,
): Promise<{ ctx: RowContext; names: Map<string, string> }> {
  const all: { id: string; name: string; code: string | null }[] = await dataSource.query(
    'SELECT id, name, code FROM directory_school WHERE district_id = $1 OR id = ANY($2::uuid[])', [exam.districtId, exam.schools.map((s) => s.schoolId)]);
  const ids = new Set(exam.schools.map((s) => s.schoolId));
  const participating = new Map<string, string>();
  const known = new Set<string>();
  const names = new Map<string, string>();
  for (const school of all) {
    names.set(school.id, school.name);
    known.add(school.name);
    if (school.code) known.add(school.code);
    if (ids.has(school.id)) {
      participating.set(school.name, school.id);
      if (school.code) participating.set(school.code, school.id);
    }
  }
  return {
    ctx: { subjects, participating, known, writable: new Set(writable), empty, classes: new Map(exam.schools.map((s) => [s.schoolId, new Set(s.classes)])) },
    names,
  };
}

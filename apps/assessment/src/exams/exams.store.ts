import type { ExamStatus, FieldError, ExamSubjectView, ExamView } from '@jiaolian/contracts';
import { AccessScope, DirectoryService, fieldError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canManageExam, canSeeExam, iso, readableSchools, writableSchools, type ExamRef } from '../common/access.js';

/** An exam as the service works with it (rows never leave the service; views do). */
export interface Exam extends ExamRef {
  term: string;
  grade: string;
  name: string;
  subjects: ExamSubjectView[];
  schools: { schoolId: string; classes: string[] }[];
  createdAt: Date;
  updatedAt: Date;
}

interface ExamRow {
  id: string;
  district_id: string;
  alliance_id: string;
  term: string;
  grade: string;
  name: string;
  status: ExamStatus;
  subjects: ExamSubjectView[];
  created_at: Date;
  updated_at: Date;
  schools: { schoolId: string; classes: string[] }[] | null;
}

export const EXAM_COLUMNS = `e.id, e.district_id, e.alliance_id, e.term, e.grade, e.name, e.status, e.subjects, e.created_at, e.updated_at,
  (SELECT json_agg(json_build_object('schoolId', es.school_id, 'classes', es.classes) ORDER BY es.school_id) FROM exam_school es WHERE es.exam_id = e.id) AS schools`;

export const toExam = (row: ExamRow): Exam => ({
  id: row.id, districtId: row.district_id, allianceId: row.alliance_id, term: row.term, grade: row.grade, name: row.name, status: row.status,
  subjects: row.subjects, schools: row.schools ?? [], createdAt: row.created_at, updatedAt: row.updated_at,
});

/** Reads exams and turns them into views; every read is scoped by the caller. */
@Injectable()
export class ExamsStore {
  constructor(private readonly dataSource: DataSource, private readonly directory: DirectoryService) {}

  /** The exam if the caller may see it (locked for update when asked), else 404. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Exam> {
    const [row]: ExamRow[] = await manager.query(`SELECT ${EXAM_COLUMNS} FROM exam e WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`, [id]);
    const exam = row ? toExam(row) : undefined;
    if (!exam || !canSeeExam(scope, exam, exam.schools.map((s) => s.schoolId))) throw new NotFoundError('exam', id);
    return exam;
  }

  async views(scope: AccessScope, exams: Exam[], manager: EntityManager = this.dataSource.manager): Promise<ExamView[]> {
    if (!exams.length) return [];
    const schoolIds = [...new Set(exams.flatMap((e) => e.schools.map((s) => s.schoolId)))];
    const schools: { id: string; name: string; code: string | null }[] = await manager.query(
      'SELECT id, name, code FROM directory_school WHERE id = ANY($1::uuid[])', [schoolIds]);
    const byId = new Map(schools.map((s) => [s.id, s]));
    const alliances: { id: string; name: string | null }[] = await manager.query(
      'SELECT id, name FROM directory_alliance WHERE id = ANY($1::uuid[])', [[...new Set(exams.map((e) => e.allianceId))]]);
    const allianceNames = new Map(alliances.map((a) => [a.id, a.name]));
    // students the caller may see, per exam, in one round trip
    const readable = exams.map((e) => readableSchools(scope, e, e.schools.map((s) => s.schoolId)));
    const counts: { exam_id: string; students: number }[] = await manager.query(
      `SELECT x.exam_id, (SELECT count(DISTINCT sc.student_no)::int FROM score sc WHERE sc.exam_id = x.exam_id AND sc.school_id = ANY(x.school_ids)) AS students
         FROM jsonb_to_recordset($1::jsonb) AS x(exam_id uuid, school_ids uuid[])`,
      [JSON.stringify(exams.map((e, i) => ({ exam_id: e.id, school_ids: readable[i]?.schoolIds ?? [] })))],
    );
    const students = new Map(counts.map((c) => [c.exam_id, c.students]));
    return exams.map((exam) => ({
      id: exam.id,
      districtId: exam.districtId,
      allianceId: exam.allianceId,
      allianceName: allianceNames.get(exam.allianceId) ?? null,
      term: exam.term,
      grade: exam.grade,
      name: exam.name,
      status: exam.status,
      subjects: exam.subjects,
      schools: exam.schools.map((s) => ({ schoolId: s.schoolId, schoolName: byId.get(s.schoolId)?.name ?? null, schoolCode: byId.get(s.schoolId)?.code ?? null, classes: s.classes })),
      studentCount: students.get(exam.id) ?? 0,
      canManage: canManageExam(scope, exam),
      canEnterScores: exam.status === 'open' && writableSchools(scope, exam, exam.schools.map((s) => s.schoolId)).length > 0,
      createdAt: iso(exam.createdAt),
      updatedAt: iso(exam.updatedAt),
    }));
  }

  async view(scope: AccessScope, exam: Exam, manager?: EntityManager): Promise<ExamView> {
    const [view] = await this.views(scope, [exam], manager);
    return view as ExamView;
  }

  /** Which schools may join: active members of the alliance, checked in the same transaction. */
  async assertMembers(manager: EntityManager, allianceId: string, schoolIds: string[]): Promise<void> {
    const errors: FieldError[] = [];
    for (const [i, schoolId] of schoolIds.entries()) {
      if (!(await this.directory.isActiveMember(allianceId, schoolId, manager))) {
        errors.push(fieldError(`schools.${i}.schoolId`, 'assessment.exam.school-not-member'));
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }
}

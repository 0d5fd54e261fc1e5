import {
  AssessmentEvents, type CreateExamDto, type ExamEvent, type ExamTransition, type ExamView, type ListExamsQueryDto, type Page, type UpdateExamDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canManageExam, examVisibility } from '../common/access.js';
import { assertEditable, assertTerm, nextStatus, normalizeSchools, normalizeSubjects } from './exam.rules.js';
import { EXAM_COLUMNS, ExamsStore, toExam, type Exam } from './exams.store.js';

const snapshot = (e: Exam): Record<string, unknown> => ({
  term: e.term, grade: e.grade, name: e.name, status: e.status, subjects: e.subjects, schools: e.schools,
});

const TRANSITION_EVENTS: Record<ExamTransition, string> = {
  open: AssessmentEvents.examOpened,
  publish: AssessmentEvents.examPublished,
  archive: AssessmentEvents.examArchived,
};

@Injectable()
export class ExamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ExamsStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(scope: AccessScope, dto: CreateExamDto): Promise<ExamView> {
    assertTerm(dto.term);
    const subjects = normalizeSubjects(dto.subjects);
    const schools = normalizeSchools(dto.schools);
    return this.dataSource.transaction(async (manager) => {
      const [alliance]: { id: string; district_id: string }[] = await manager.query('SELECT id, district_id FROM directory_alliance WHERE id = $1', [dto.allianceId]);
      const visible = alliance && (scope.inDistrict(alliance.district_id) || scope.adminAllianceIds().includes(alliance.id));
      if (!alliance || !visible) throw new NotFoundError('alliance', dto.allianceId);
      if (!scope.isAllianceAdmin(alliance.id, alliance.district_id)) throw ForbiddenError.of('assessment.exam.create-forbidden');
      await this.store.assertMembers(manager, alliance.id, schools.map((s) => s.schoolId));
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO exam (district_id, alliance_id, term, grade, name, status, subjects, created_by)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7) RETURNING id`,
        [alliance.district_id, alliance.id, dto.term, dto.grade.trim(), dto.name.trim(), JSON.stringify(subjects), scope.caller.id],
      );
      await this.writeSchools(manager, id, schools);
      const exam = await this.store.visible(scope, id, manager);
      await this.audit.record(manager, scope.caller, { districtId: exam.districtId, action: 'exam.created', entityType: 'exam', entityId: exam.id, after: snapshot(exam) });
      await this.outbox.add<ExamEvent>(manager, scope.caller, { subject: AssessmentEvents.examCreated, districtId: exam.districtId, data: eventOf(exam) });
      return this.store.view(scope, exam, manager);
    });
  }

  async list(scope: AccessScope, query: ListExamsQueryDto): Promise<Page<ExamView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'e.created_at', term: 'e.term', name: 'e.name', status: 'e.status', grade: 'e.grade' }, '-createdAt');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown): void => { params.push(value); where.push(sql(params.length)); };
    const visibility = examVisibility(scope, 1);
    if (visibility) { params.push(...visibility.params); where.push(visibility.sql); }
    if (query.allianceId) add((n) => `e.alliance_id = $${n}`, query.allianceId);
    if (query.term) add((n) => `e.term = $${n}`, query.term);
    if (query.status) add((n) => `e.status = $${n}`, query.status);
    if (query.q) add((n) => `(e.name ILIKE $${n} OR e.grade ILIKE $${n})`, likePattern(query.q));
    params.push(window.pageSize, window.offset);
    const rows: (Parameters<typeof toExam>[0] & { total: number })[] = await this.dataSource.query(
      `SELECT ${EXAM_COLUMNS}, count(*) OVER ()::int AS total FROM exam e
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order.column} ${order.direction}, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows[0]?.total ?? (window.offset > 0 ? await this.count(where, params.slice(0, -2)) : 0);
    return toPage(await this.store.views(scope, rows.map(toExam)), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<ExamView> {
    return this.store.view(scope, await this.store.visible(scope, id));
  }

  async update(scope: AccessScope, id: string, changes: UpdateExamDto): Promise<ExamView> {
    return this.dataSource.transaction(async (manager) => {
      const exam = await this.store.visible(scope, id, manager, true);
      if (!canManageExam(scope, exam)) throw ForbiddenError.of('assessment.exam.update-forbidden');
      assertEditable(exam.status);
      if (changes.term !== undefined) assertTerm(changes.term);
      const subjects = changes.subjects ? normalizeSubjects(changes.subjects) : exam.subjects;
      const schools = changes.schools ? normalizeSchools(changes.schools) : undefined;
      if (schools) await this.store.assertMembers(manager, exam.allianceId, schools.map((s) => s.schoolId));
      await manager.query(
        'UPDATE exam SET term = $2, grade = $3, name = $4, subjects = $5, updated_at = now() WHERE id = $1',
        [exam.id, changes.term ?? exam.term, changes.grade?.trim() ?? exam.grade, changes.name?.trim() ?? exam.name, JSON.stringify(subjects)],
      );
      if (schools) {
        await manager.query('DELETE FROM exam_school WHERE exam_id = $1', [exam.id]);
        await this.writeSchools(manager, exam.id, schools);
      }
      const after = await this.store.visible(scope, id, manager);
      await this.audit.record(manager, scope.caller, { districtId: exam.districtId, action: 'exam.updated', entityType: 'exam', entityId: exam.id, before: snapshot(exam), after: snapshot(after) });
      await this.outbox.add<ExamEvent>(manager, scope.caller, { subject: AssessmentEvents.examUpdated, districtId: exam.districtId, data: eventOf(after) });
      return this.store.view(scope, after, manager);
    });
  }

  async transition(scope: AccessScope, id: string, action: ExamTransition): Promise<ExamView> {
    return this.dataSource.transaction(async (manager) => {
      const exam = await this.store.visible(scope, id, manager, true);
      if (!canManageExam(scope, exam)) throw ForbiddenError.of('assessment.exam.transition-forbidden');
      const status = nextStatus(exam.status, action);
      await manager.query('UPDATE exam SET status = $2, updated_at = now() WHERE id = $1', [exam.id, status]);
      const after = { ...exam, status };
      await this.audit.record(manager, scope.caller, {
        districtId: exam.districtId, action: `exam.${action}`, entityType: 'exam', entityId: exam.id, before: { status: exam.status }, after: { status },
      });
      await this.outbox.add<ExamEvent>(manager, scope.caller, { subject: TRANSITION_EVENTS[action], districtId: exam.districtId, data: eventOf(after) });
      return this.store.view(scope, await this.store.visible(scope, id, manager), manager);
    });
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM exam e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
    return total;
  }

  private async writeSchools(manager: EntityManager, examId: string, schools: { schoolId: string; classes: string[] }[]): Promise<void> {
    await manager.query(
      `INSERT INTO exam_school (exam_id, school_id, classes)
       SELECT $1, x.school_id, x.classes FROM jsonb_to_recordset($2::jsonb) AS x(school_id uuid, classes text[])`,
      [examId, JSON.stringify(schools.map((s) => ({ school_id: s.schoolId, classes: s.classes })))],
    );
  }
}

const eventOf = (exam: Exam): ExamEvent => ({
  examId: exam.id, allianceId: exam.allianceId, districtId: exam.districtId, term: exam.term, grade: exam.grade, name: exam.name, status: exam.status,
});

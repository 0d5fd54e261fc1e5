import type {
  ExamFileView, GroupGrowthView, GrowthQueryDto, GrowthShrinkageView, GrowthView, SchoolGrowthPointView, SchoolGrowthTrendView,
} from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, NotFoundError, ValidationError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canSeeExam, readableSchools } from '../common/access.js';
import { EXAM_COLUMNS, ExamsStore, toExam, type Exam } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { rankByShrunk, round, tScore, valueAdded, type GroupFigures, type ShrinkageModel, type ValueAdded } from './growth.maths.js';
import { LINKED_SCORES, SCHOOL_MEAN, SUBJECT_SCALE } from './growth.sql.js';
import { writeGrowthWorkbook } from './growth.workbook.js';

interface ScaleRow { n: number; mean: number; sd: number }
interface LinkedRow { student_no: string; school_id: string; class_name: string; current: number; prior: number }

/**
 * Growth and value-added of an exam against an earlier exam of the same district. The regression and
 * the shrinkage run over every linked student of the current exam (the alliance that sits it), whoever
 * asks: a school's figure is the same for the school and for the alliance, and school staff only see
 * fewer rows.
 */
@Injectable()
export class GrowthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  async growth(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<GrowthView> {
    const { exam, prior, schoolIds, all } = await this.readable(scope, examId, query);
    const { current, linked, result } = await this.compute(exam.id, prior.id, query.subject);
    const names = await this.schoolNames(exam.schools.map((s) => s.schoolId));
    const shown = new Set(schoolIds);
    const view = (row: GroupFigures<{ schoolId: string; className?: string }> & { rank: number }): GroupGrowthView => ({
      schoolId: row.key.schoolId, schoolName: names.get(row.key.schoolId) ?? null, className: row.key.className ?? null, n: row.n,
      priorMean: round(row.priorMean, 2), currentMean: round(row.currentMean, 2), growth: round(row.growth, 2),
      rawValueAdded: round(row.raw, 2), rawLow: round(row.rawLow, 2), rawHigh: round(row.rawHigh, 2),
      weight: round(row.weight, 4), valueAdded: round(row.shrunk, 2), low: round(row.low, 2), high: round(row.high, 2), rank: row.rank,
    });
    return {
      examId: exam.id, examName: exam.name, examTerm: exam.term, priorExamId: prior.id, priorExamName: prior.name, priorExamTerm: prior.term,
      subject: query.subject, currentStudents: current.n, linkedStudents: linked,
      regression: {
        n: result.regression.n, intercept: round(result.regression.intercept, 4), slope: round(result.regression.slope, 4), rSquared: round(result.regression.rSquared, 4),
      },
      schoolShrinkage: shrinkageView(result.schoolModel),
      classShrinkage: shrinkageView(result.classModel),
      schools: rankByShrunk(result.schools).filter((r) => shown.has(r.key.schoolId)).map(view),
      classes: rankByShrunk(result.classes).filter((r) => shown.has(r.key.schoolId)).map(view),
      limitedToSchools: !all,
    };
  }

  /** The fit and the group figures of the current exam against the prior one, over every linked student. */
  private async compute(examId: string, priorId: string, subject: string): Promise<{ current: ScaleRow; linked: number; result: ValueAdded }> {
    const [[current], [before]] = await Promise.all([
      this.dataSource.query(SUBJECT_SCALE, [examId, subject]) as Promise<ScaleRow[]>,
      this.dataSource.query(SUBJECT_SCALE, [priorId, subject]) as Promise<ScaleRow[]>,
    ]);
    const now = current ?? { n: 0, mean: 0, sd: 0 };
    const then = before ?? { n: 0, mean: 0, sd: 0 };
    const rows = (await this.dataSource.query(LINKED_SCORES, [examId, priorId, subject])) as LinkedRow[];
    const result = valueAdded(rows.map((r) => ({
      schoolId: r.school_id, className: r.class_name, prior: tScore(r.prior, then.mean, then.sd), current: tScore(r.current, now.mean, now.sd),
    })));
    return { current: now, linked: rows.length, result };
  }

  /**
   * 纵向: one school over the exams it sat that the caller may read, oldest first, in one subject: the
   * school's mean T in each exam and its value-added (shrunk, with the interval) against the exam before
   * it in the series. A school the caller may not see answers 404.
   */
  async trend(scope: AccessScope, schoolId: string, subject: string): Promise<SchoolGrowthTrendView> {
    const [school] = (await this.dataSource.query('SELECT id, district_id, name FROM directory_school WHERE id = $1', [schoolId])) as { id: string; district_id: string; name: string }[];
    if (!school || !(await this.canSeeSchool(scope, school))) throw new NotFoundError('school', schoolId);
    const rows = (await this.dataSource.query(
      `SELECT ${EXAM_COLUMNS} FROM exam e
        WHERE e.district_id = $1 AND EXISTS (SELECT 1 FROM exam_school es WHERE es.exam_id = e.id AND es.school_id = $2)
          AND e.subjects @> jsonb_build_array(jsonb_build_object('name', $3::text))
        ORDER BY e.term, e.created_at`, [school.district_id, schoolId, subject])) as Parameters<typeof toExam>[0][];
    const published = (e: Exam): boolean => e.status === 'published' || e.status === 'archived';
    const exams = rows.map(toExam).filter((e) => {
      const readable = readableSchools(scope, e, e.schools.map((s) => s.schoolId));
      return canSeeExam(scope, e, e.schools.map((s) => s.schoolId)) && readable.schoolIds.includes(schoolId) && (readable.all || published(e));
    });
    const points: SchoolGrowthPointView[] = [];
    for (const [i, exam] of exams.entries()) {
      const [own] = (await this.dataSource.query(SCHOOL_MEAN, [exam.id, subject, schoolId])) as { n: number; mean: number | null }[];
      const [scale] = (await this.dataSource.query(SUBJECT_SCALE, [exam.id, subject])) as ScaleRow[];
      const prior = exams[i - 1];
      const added = prior ? (await this.compute(exam.id, prior.id, subject)).result.schools.find((r) => r.key.schoolId === schoolId) : undefined;
      points.push({
        examId: exam.id, examName: exam.name, term: exam.term, grade: exam.grade, n: own?.n ?? 0,
        mean: own?.mean === null || own?.mean === undefined ? null : round(own.mean, 2),
        meanT: own?.n && scale ? round(tScore(own.mean as number, scale.mean, scale.sd), 2) : null,
        priorExamId: prior?.id ?? null, linked: added?.n ?? null,
        valueAdded: added ? round(added.shrunk, 2) : null, low: added ? round(added.low, 2) : null, high: added ? round(added.high, 2) : null,
      });
    }
    return { schoolId, schoolName: school.name, subject, points };
  }

  private async canSeeSchool(scope: AccessScope, school: { id: string; district_id: string }): Promise<boolean> {
    if (scope.isDistrictAdmin(school.district_id) || scope.schoolIds().includes(school.id)) return true;
    const alliances = scope.adminAllianceIds();
    if (!alliances.length) return false;
    const [member] = await this.dataSource.query('SELECT 1 FROM directory_member WHERE school_id = $1 AND alliance_id = ANY($2::uuid[]) AND active', [school.id, alliances]);
    return !!member;
  }

  /** The growth figures as an .xlsx workbook in the file store; the gateway streams it by key. */
  async export(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<ExamFileView> {
    const view = await this.growth(scope, examId, query);
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${view.examTerm}-${view.examName}-${view.subject}-增值评价.xlsx`,
      (out) => writeGrowthWorkbook(out, view));
  }

  /**
   * Both exams as the caller may read them (a foreign or unknown one answers 404), of one district, with
   * the subject in both. Managers read everything at any time; school staff read published exams, their
   * own school's rows.
   */
  private async readable(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<{ exam: Exam; prior: Exam; schoolIds: string[]; all: boolean }> {
    const exam = await this.exams.visible(scope, examId);
    const prior = await this.exams.visible(scope, query.priorExamId);
    if (prior.id === exam.id) throw ValidationError.of('priorExamId', 'assessment.growth.same-exam');
    if (prior.districtId !== exam.districtId) throw ValidationError.of('priorExamId', 'assessment.growth.other-district');
    const shared = exam.subjects.map((s) => s.name).filter((name) => prior.subjects.some((p) => p.name === name));
    if (!shared.includes(query.subject)) throw ValidationError.of('subject', 'assessment.growth.subject-unknown', { subjects: shared.join(', ') });
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    const published = (e: Exam): boolean => e.status === 'published' || e.status === 'archived';
    if (!readable.all && (!published(exam) || !published(prior))) throw ForbiddenError.of('assessment.analysis.not-published');
    return { exam, prior, schoolIds: readable.schoolIds, all: readable.all };
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

const shrinkageView = (model: ShrinkageModel): GrowthShrinkageView => ({
  groups: model.groups, withinVariance: round(model.withinVariance, 4), betweenVariance: round(model.betweenVariance, 4),
});

import type { PaperListView, PaperView, SavePaperDto } from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canManageExam, iso } from '../common/access.js';
import { ExamsStore, type Exam } from '../exams/exams.store.js';
import { assertKeepsScoring, normalizePaper } from './paper.rules.js';
import { PapersStore, type Paper } from './papers.store.js';

/**
 * Papers (试卷结构) of an exam's subjects. Everyone who sees the exam reads them; the alliance or district
 * admin writes them while the exam is not published. Once item scores are stored, only sections and
 * tags change (`assertKeepsScoring`).
 */
@Injectable()
export class PapersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    private readonly papers: PapersStore,
    private readonly audit: AuditWriter,
  ) {}

  async list(scope: AccessScope, examId: string): Promise<PaperListView> {
    const exam = await this.exams.visible(scope, examId);
    const counts = await this.papers.itemScoreCounts(exam.id);
    const papers: PaperView[] = [];
    for (const subject of exam.subjects) {
      const paper = await this.papers.find(exam, subject.name);
      papers.push(this.view(scope, exam, paper ?? { subject: subject.name, fullMarks: subject.fullMarks, items: [], updatedAt: null }, counts.get(subject.name) ?? 0));
    }
    return { examId: exam.id, papers };
  }

  async save(scope: AccessScope, examId: string, dto: SavePaperDto): Promise<PaperView> {
    return this.dataSource.transaction(async (manager) => {
      const exam = await this.exams.visible(scope, examId, manager, true);
      this.assertWritable(scope, exam);
      const { name, fullMarks } = this.papers.subjectOf(exam, dto.subject);
      const items = normalizePaper(dto.items, name, fullMarks);
      const stored = await this.papers.find(exam, name, manager, true);
      const students = (await this.papers.itemScoreCounts(exam.id, manager)).get(name) ?? 0;
      if (stored) assertKeepsScoring(stored.items, items, students);
      const [row]: { updated_at: Date }[] = await manager.query(
        `INSERT INTO paper (exam_id, subject, items, updated_by) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (exam_id, subject) DO UPDATE SET items = EXCLUDED.items, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING updated_at`,
        [exam.id, name, JSON.stringify(items), scope.caller.id]);
      await this.audit.record(manager, scope.caller, {
        districtId: exam.districtId, action: stored ? 'paper.updated' : 'paper.created', entityType: 'exam', entityId: exam.id,
        before: stored ? { subject: name, items: stored.items } : undefined, after: { subject: name, items },
      });
      return this.view(scope, exam, { subject: name, fullMarks, items, updatedAt: row?.updated_at ?? new Date() }, students);
    });
  }

  /** Removes a subject's paper; refused while item scores of it are stored. */
  async remove(scope: AccessScope, examId: string, subject: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const exam = await this.exams.visible(scope, examId, manager, true);
      this.assertWritable(scope, exam);
      const stored = await this.papers.find(exam, subject, manager, true);
      if (!stored) return;
      const students = (await this.papers.itemScoreCounts(exam.id, manager)).get(stored.subject) ?? 0;
      if (students > 0) throw ConflictError.of('assessment.paper.has-item-scores', { students });
      await manager.query('DELETE FROM paper WHERE exam_id = $1 AND subject = $2', [exam.id, stored.subject]);
      await this.audit.record(manager, scope.caller, {
        districtId: exam.districtId, action: 'paper.deleted', entityType: 'exam', entityId: exam.id, before: { subject: stored.subject, items: stored.items },
      });
    });
  }

  private assertWritable(scope: AccessScope, exam: Exam): void {
    if (!canManageExam(scope, exam)) throw ForbiddenError.of('assessment.paper.forbidden');
    if (exam.status === 'published' || exam.status === 'archived') throw ConflictError.of('assessment.paper.published', { examStatus: exam.status });
  }

  private view(scope: AccessScope, exam: Exam, paper: Paper, itemScoreCount: number): PaperView {
    return {
      examId: exam.id, subject: paper.subject, fullMarks: paper.fullMarks, items: paper.items, itemScoreCount,
      editable: canManageExam(scope, exam) && (exam.status === 'draft' || exam.status === 'open'),
      updatedAt: paper.updatedAt ? iso(paper.updatedAt) : null,
    };
  }
}

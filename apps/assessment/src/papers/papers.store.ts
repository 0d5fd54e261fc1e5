import type { PaperItemView } from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Exam } from '../exams/exams.store.js';

/** A stored paper: the exam subject's items in paper order. */
export interface Paper {
  subject: string;
  fullMarks: number;
  items: PaperItemView[];
  updatedAt: Date | null;
}

/** Reads papers; the caller has already been allowed to see the exam. */
@Injectable()
export class PapersStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The exam subject named, or a 400 listing the subjects. */
  subjectOf(exam: Exam, subject: string, field = 'subject'): { name: string; fullMarks: number } {
    const found = exam.subjects.find((s) => s.name === subject.trim());
    if (!found) throw ValidationError.of(field, 'assessment.paper.subject-unknown', { subjects: exam.subjects.map((s) => s.name).join(', ') });
    return found;
  }

  /** The subject's paper, or null when it has none. */
  async find(exam: Exam, subject: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Paper | null> {
    const { name, fullMarks } = this.subjectOf(exam, subject);
    const [row]: { items: PaperItemView[]; updated_at: Date }[] = await manager.query(
      `SELECT items, updated_at FROM paper WHERE exam_id = $1 AND subject = $2 ${lock ? 'FOR UPDATE' : ''}`, [exam.id, name]);
    return row ? { subject: name, fullMarks, items: row.items, updatedAt: row.updated_at } : null;
  }

  /** The subject's paper, or a 400 saying it has none. */
  async require(exam: Exam, subject: string, manager?: EntityManager): Promise<Paper> {
    const paper = await this.find(exam, subject, manager);
    if (!paper) throw ValidationError.of('subject', 'assessment.paper.missing', { subject: subject.trim() });
    return paper;
  }

  /** Students with item scores, per subject. */
  async itemScoreCounts(examId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: { subject: string; n: number }[] = await manager.query(
      'SELECT subject, count(*)::int AS n FROM item_score WHERE exam_id = $1 GROUP BY subject', [examId]);
    return new Map(rows.map((r) => [r.subject, r.n]));
  }
}

import type { AccessScope, FileStore } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ItemScoresService } from '../papers/item-scores.service.js';
import { PapersService } from '../papers/papers.service.js';
import { ASSESSMENT_FILES } from '../scores/assessment-files.js';
import { demoItemSheets, demoPaper } from './demo-items.js';
import { DEMO_SUBJECTS } from './demo-scores.js';

/**
 * The demo exam's papers and item scores, through the real paper save and item import, while the exam
 * is open: the items are generated from the subject scores as stored (after corrections), so they add
 * up to them. Answers what it seeded; an exam that has papers already is left alone.
 */
export async function seedDemoItems(app: INestApplicationContext, scope: AccessScope, examId: string): Promise<string> {
  const dataSource = app.get(DataSource);
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM paper WHERE exam_id = $1', [examId])) as [{ n: number }];
  if (n > 0) return 'papers exist already';
  const stored: { student_no: string; student_name: string; school: string; class_name: string; subject: string; score: string }[] = await dataSource.query(
    `SELECT sc.student_no, sc.student_name, s.name AS school, sc.class_name, sc.subject, sc.score
       FROM score sc JOIN directory_school s ON s.id = sc.school_id
      WHERE sc.exam_id = $1 AND sc.status = 'present' ORDER BY sc.student_no`, [examId]);
  const students = new Map<string, { cells: string[]; scores: Map<string, string> }>();
  for (const r of stored) {
    const student = students.get(r.student_no) ?? { cells: [r.student_no, r.student_name, r.school, r.class_name], scores: new Map<string, string>() };
    student.scores.set(r.subject, String(Number(r.score)));
    students.set(r.student_no, student);
  }
  const csv = [
    ['学号', '姓名', '学校', '班级', ...DEMO_SUBJECTS.map((s) => s.name)].join(','),
    ...[...students.values()].map((s) => [...s.cells, ...DEMO_SUBJECTS.map((subject) => s.scores.get(subject.name) ?? '')].join(',')),
  ].join('\n');
  const papers = app.get(PapersService);
  const items = app.get(ItemScoresService);
  const files = app.get<FileStore>(ASSESSMENT_FILES);
  const done: string[] = [];
  for (const [subject, sheet] of demoItemSheets(csv)) {
    await papers.save(scope, examId, { subject, items: demoPaper(subject) });
    const file = await files.put(Readable.from([Buffer.from(`\uFEFF${sheet.csv}`)]), {
      key: `assessment/imports/${randomUUID()}`, filename: `六年级期中统一检测${subject}小题分.csv`, contentType: 'text/csv', maxBytes: 10 * 1024 * 1024,
    });
    const report = await items.import(scope, examId, { subject, mode: 'all', dryRun: false }, file);
    done.push(`${subject} ${report.rowCounts.inserted}`);
  }
  return `papers and item scores (${done.join(', ')} students)`;
}

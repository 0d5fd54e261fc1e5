import { PLATFORM_DISTRICT, type Caller } from '@jiaolian/contracts';
import { AccessScope, type FileStore } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ExamsService } from '../exams/exams.service.js';
import { ASSESSMENT_FILES } from '../scores/assessment-files.js';
import { ScoresService } from '../scores/scores.service.js';
import { DEMO_ALLIANCE, DEMO_EXAM, DEMO_SCHOOLS, DEMO_SUBJECTS, demoScoreSheet } from './demo-scores.js';
import { seedDemoEvaluation } from './seed-evaluation.js';
import { seedDemoItems } from './seed-items.js';
import { seedDemoPriorExam } from './seed-growth.js';
import { seedDemoSurveys } from './seed-surveys.js';

const WAIT_MS = 60_000;

const systemCaller = (): Caller => ({
  kind: 'system', id: 'assessment:seed-demo', displayName: 'seed-demo', assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

interface DemoDirectory { allianceId: string; schools: Map<string, string> }

/** Polls the service's own directory until membership's demo alliance and its schools are there. */
async function waitForDirectory(dataSource: DataSource): Promise<DemoDirectory | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const rows: { alliance_id: string; school_id: string; name: string }[] = await dataSource.query(
      `SELECT a.id AS alliance_id, m.school_id, s.name FROM directory_alliance a
         JOIN directory_member m ON m.alliance_id = a.id AND m.active
         JOIN directory_school s ON s.id = m.school_id
        WHERE a.name = $1 AND a.status = 'active'`, [DEMO_ALLIANCE]);
    const schools = new Map(rows.map((r) => [r.name, r.school_id]));
    if (rows[0] && DEMO_SCHOOLS.every((s) => schools.has(s.name))) return { allianceId: rows[0].alliance_id, schools };
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * `node apps/assessment/dist/main.js seed-demo`, after membership's seed-demo: a published unified exam
 * of the demo 教联体 with a few hundred generated students whose schools differ in level, imported
 * through the real score import (so the analysis, audit and events are real), a parents' satisfaction
 * survey answered through one-time links (seed-surveys.ts). Each part runs once. The term evaluation
 * comes later (seedDemoReportsCommand), once every service runs and has its demo data.
 */
export async function seedDemoCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const directory = await waitForDirectory(dataSource);
  if (!directory) {
    process.stdout.write(`assessment seed-demo: the directory did not receive ${DEMO_ALLIANCE} within ${WAIT_MS / 1000} s; run membership's seed-demo first.\n`);
    process.exitCode = 1;
    return;
  }
  const surveys = await seedDemoSurveys(app, new AccessScope(systemCaller()), directory.allianceId, directory.schools);
  process.stdout.write(`assessment seed-demo: ${surveys}.\n`);
  const [existing] = await dataSource.query('SELECT id FROM exam WHERE alliance_id = $1 AND term = $2 AND name = $3', [directory.allianceId, DEMO_EXAM.term, DEMO_EXAM.name]);
  if (existing) process.stdout.write('assessment seed-demo: the demo exam exists already.\n');
  else await seedExam(app, directory);
  // growth and value-added (seed-growth.ts): the same students a term earlier
  process.stdout.write(`assessment seed-demo: ${await seedDemoPriorExam(app, directory.allianceId, directory.schools)}.\n`);
}

/**
 * `node apps/assessment/dist/main.js seed-demo-reports`, run by `npm start` once every service runs with its
 * demo data: the demo term evaluation (seed-evaluation.ts), whose indicators are computed from every
 * service's term facts (the exam's 超均率 and the survey's satisfaction among them). Runs once.
 */
export async function seedDemoReportsCommand(app: INestApplicationContext): Promise<void> {
  const directory = await waitForDirectory(app.get(DataSource));
  if (!directory) {
    process.stdout.write(`assessment seed-demo-reports: the directory did not receive ${DEMO_ALLIANCE} within ${WAIT_MS / 1000} s; run membership's seed-demo first.\n`);
    process.exitCode = 1;
    return;
  }
  const schoolIds = DEMO_SCHOOLS.map((s) => directory.schools.get(s.name) as string);
  process.stdout.write(`assessment seed-demo-reports: term evaluation: ${await seedDemoEvaluation(app, directory.allianceId, schoolIds)}.\n`);
}

async function seedExam(app: INestApplicationContext, directory: DemoDirectory): Promise<void> {
  const dataSource = app.get(DataSource);
  const scope = new AccessScope(systemCaller());
  const sheet = demoScoreSheet();
  const exams = app.get(ExamsService);
  const exam = await exams.create(scope, {
    allianceId: directory.allianceId, ...DEMO_EXAM,
    subjects: DEMO_SUBJECTS.map((s) => ({ name: s.name, fullMarks: s.fullMarks })),
    schools: DEMO_SCHOOLS.map((s) => ({ schoolId: directory.schools.get(s.name) as string, classes: sheet.classes.get(s.name) ?? [] })),
  });
  await exams.transition(scope, exam.id, 'open');
  const files = app.get<FileStore>(ASSESSMENT_FILES);
  const file = await files.put(Readable.from([Buffer.from(`\uFEFF${sheet.csv}`)]), {
    key: `assessment/imports/${randomUUID()}`, filename: '六年级期中统一检测成绩.csv', contentType: 'text/csv', maxBytes: 10 * 1024 * 1024,
  });
  const scores = app.get(ScoresService);
  const report = await scores.import(scope, exam.id, { mode: 'all', empty: 'keep', dryRun: false }, file);
  // one re-marked paper, so the corrections list and audit have a real entry
  const [paper]: { student_no: string; score: string }[] = await dataSource.query(
    "SELECT student_no, score FROM score WHERE exam_id = $1 AND subject = '数学' AND score <= 90 ORDER BY student_no LIMIT 1", [exam.id]);
  if (paper) await scores.correct(scope, exam.id, { studentNo: paper.student_no, subject: '数学', score: Number(paper.score) + 4, reason: '复核发现第18题漏判，加4分' });
  const items = await seedDemoItems(app, scope, exam.id);
  await exams.transition(scope, exam.id, 'publish');
  process.stdout.write(`assessment seed-demo: ${DEMO_ALLIANCE} ${DEMO_EXAM.term} ${DEMO_EXAM.grade}${DEMO_EXAM.name} published with ${sheet.students} students (${report.inserted} scores), ${items}.\n`);
}

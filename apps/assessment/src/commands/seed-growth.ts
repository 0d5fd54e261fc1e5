import { PLATFORM_DISTRICT, SCORE_COLUMNS, type Caller } from '@jiaolian/contracts';
import { AccessScope, type FileStore } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ExamsService } from '../exams/exams.service.js';
import { ASSESSMENT_FILES } from '../scores/assessment-files.js';
import { ScoresService } from '../scores/scores.service.js';
import { DEMO_SCHOOLS, DEMO_SUBJECTS, demoScoreSheet } from './demo-scores.js';

/** The demo's prior exam (前测): the same students a term earlier, in 五年级, for growth and value-added. */
export const DEMO_PRIOR_EXAM = { term: '2025-2026-2', grade: '五年级', name: '期末统一检测' };

/**
 * How far each demo school's students moved between the two exams, in points, beyond what their prior
 * score predicts: the village schools with their small classes grew most, so raw value-added puts them
 * on top, and shrinkage shows how much of that their few students can carry.
 */
export const DEMO_GAINS: Record<string, number> = {
  清溪县实验小学: 0, 临溪镇中心小学: -1, 白沙乡溪口村小学: 4, 临溪镇下湾村小学: 1, 临溪镇枫岭村小学: 6,
};

const systemCaller = (): Caller => ({
  kind: 'system', id: 'assessment:seed-demo', displayName: 'seed-demo', assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The prior exam's sheet from the demo exam's: the same student numbers, names and schools, classes a
 * grade lower, each score the current one less the school's gain plus noise (a missing cell stays missing).
 */
export function demoPriorScoreSheet(): string {
  const next = random(20260620);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const [header, ...rows] = demoScoreSheet().csv.trim().split('\n');
  const columns = (header as string).split(',');
  const at = (name: string): number => columns.indexOf(name);
  const lines = rows.map((line) => {
    const cells = line.split(',');
    const gain = DEMO_GAINS[cells[at(SCORE_COLUMNS.school)] as string] ?? 0;
    cells[at(SCORE_COLUMNS.className)] = (cells[at(SCORE_COLUMNS.className)] as string).replace('六', '五');
    for (const subject of DEMO_SUBJECTS) {
      const i = at(subject.name);
      if (!cells[i]) continue;
      const prior = Number(cells[i]) - gain + normal() * 5;
      cells[i] = String(Math.round(Math.min(subject.fullMarks, Math.max(5, prior)) * 2) / 2);
    }
    return cells.join(',');
  });
  return `${[header, ...lines].join('\n')}\n`;
}

/**
 * Seeds the published prior exam of the demo alliance once (found by alliance, term and name), imported
 * through the real score import; answers what it did for the seed's log.
 */
export async function seedDemoPriorExam(app: INestApplicationContext, allianceId: string, schools: Map<string, string>): Promise<string> {
  const dataSource = app.get(DataSource);
  const [existing] = await dataSource.query('SELECT id FROM exam WHERE alliance_id = $1 AND term = $2 AND name = $3', [allianceId, DEMO_PRIOR_EXAM.term, DEMO_PRIOR_EXAM.name]);
  if (existing) return 'the demo prior exam exists already';
  const scope = new AccessScope(systemCaller());
  const exams = app.get(ExamsService);
  const exam = await exams.create(scope, {
    allianceId, ...DEMO_PRIOR_EXAM,
    subjects: DEMO_SUBJECTS.map((s) => ({ name: s.name, fullMarks: s.fullMarks })),
    schools: DEMO_SCHOOLS.map((s) => ({ schoolId: schools.get(s.name) as string })),
  });
  await exams.transition(scope, exam.id, 'open');
  const files = app.get<FileStore>(ASSESSMENT_FILES);
  const file = await files.put(Readable.from([Buffer.from(`\uFEFF${demoPriorScoreSheet()}`)]), {
    key: `assessment/imports/${randomUUID()}`, filename: '五年级期末统一检测成绩.csv', contentType: 'text/csv', maxBytes: 10 * 1024 * 1024,
  });
  const report = await app.get(ScoresService).import(scope, exam.id, { mode: 'all', empty: 'keep', dryRun: false }, file);
  await exams.transition(scope, exam.id, 'publish');
  return `${DEMO_PRIOR_EXAM.term} ${DEMO_PRIOR_EXAM.grade}${DEMO_PRIOR_EXAM.name} published with ${report.inserted} scores (the prior exam for growth and value-added)`;
}

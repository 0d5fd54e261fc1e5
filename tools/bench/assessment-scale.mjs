#!/usr/bin/env node
// Benchmark: the assessment service at district scale. One unified exam of ~200,000 students × 6
// subjects is imported from a .csv through the gateway's public API, analysed and exported, as a
// district admin would do it; the same run measures the plain minimum on the same database server
// (pg-copy-streams COPY of the same scores into an equivalent table, the same analysis SQL run
// directly) and reports ratios and the peak memory of the gateway and the service. A smaller exam
// in the same invocation shows whether memory grows with the file.
//   npm run bench:assessment                          # 20,000 then 200,000 students; rewrites its section of docs/benchmarks.md
//   npm run bench:assessment -- --smoke               # 2,000 students, writes nothing (the benchmark stage of npm test runs this)
//   npm run bench:assessment -- --students 20000,50000 --no-write
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { api, cleanup, rssKiB, stackPids, startChild as startIn, waitFor } from './lib/children.mjs';
import { readSection, writeSection } from './lib/report-sections.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    students: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'keep-files': { type: 'boolean', default: false },
    // a stack already started with `npm start -- --ephemeral --services membership,assessment --state-file FILE`
    attach: { type: 'string' },
  },
});
const smoke = args.smoke;
const sizes = (args.students ?? (smoke ? '2000' : '20000,200000')).split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--students takes a comma-separated list of counts of at least 100');
const log = (line) => console.log(`bench:assessment | ${line}`);
const startChild = (...rest) => startIn(ROOT, ...rest);
const SECTION = 'assessment-scale';
const SAMPLE_MS = 100;

/** A junior-secondary 九年级 unified exam (中考 subjects with their usual full marks). */
const SUBJECTS = [
  { name: '语文', fullMarks: 120, mean: 88, spread: 13 },
  { name: '数学', fullMarks: 120, mean: 80, spread: 22 },
  { name: '英语', fullMarks: 120, mean: 84, spread: 20 },
  { name: '物理', fullMarks: 100, mean: 66, spread: 17 },
  { name: '化学', fullMarks: 100, mean: 70, spread: 15 },
  { name: '生物', fullMarks: 100, mean: 72, spread: 14 },
];
const CLASS_SIZE = 50;
const MAX_SCHOOLS = 100; // an exam takes at most 100 schools of 60 classes each

// ---- processes ---------------------------------------------------------------------------------
/** Samples the resident memory of each process while `run` runs: before, peak during, after. */
async function withMemory(pids, run) {
  if (!pids) return { result: await run(), memory: undefined };
  const names = Object.keys(pids).filter((n) => pids[n]);
  const before = Object.fromEntries(names.map((n) => [n, rssKiB(pids[n])]));
  const peak = { ...before };
  const timer = setInterval(() => {
    for (const n of names) peak[n] = Math.max(peak[n] ?? 0, rssKiB(pids[n]) ?? 0);
  }, SAMPLE_MS);
  try {
    const result = await run();
    for (const n of names) peak[n] = Math.max(peak[n] ?? 0, rssKiB(pids[n]) ?? 0);
    const mib = (kib) => Math.round((kib ?? 0) / 1024);
    return { result, memory: Object.fromEntries(names.map((n) => [n, { beforeMiB: mib(before[n]), peakMiB: mib(peak[n]), growthMiB: mib(peak[n] - before[n]) }])) };
  } finally {
    clearInterval(timer);
  }
}

// ---- API ----------------------------------------------------------------------------------------
function expectStatus(answer, statuses, what) {
  if (!statuses.includes(answer.status)) throw new Error(`${what} failed: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
  return answer.body;
}

/**
 * An alliance of `count` schools of the demo district, made as the district admin does it: the schools,
 * the alliance with invitations each school accepts, activation; then waits until the assessment
 * service's directory (fed by membership's events) has them all.
 */
async function seedAlliance(base, token, districtId, count) {
  const stamp = Date.now().toString(36).slice(-4);
  const schools = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const name = `统考基准第${String(i + 1).padStart(3, '0')}中学${stamp}`;
      const created = expectStatus(await api(base, 'POST', '/api/v1/schools', token, {
        districtId, code: `98${String(Date.now() % 100_000).padStart(5, '0')}${String(i).padStart(3, '0')}`, name, stage: 'junior',
        locale: ['urban', 'township', 'village'][i % 3], township: '城关镇', studentCount: 2000, teacherCount: 150, classCount: 40,
      }), [201], 'creating a school');
      schools[i] = { id: created.id, name, code: created.code };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const alliance = expectStatus(await api(base, 'POST', '/api/v1/alliances', token, {
    districtId, name: `统考基准教育联盟${stamp}`, kind: 'alliance', coreSchoolId: schools[0].id,
  }), [201], 'creating the alliance');
  next = 1;
  const member = async () => {
    while (next < count) {
      const school = schools[next++];
      const invited = expectStatus(await api(base, 'POST', `/api/v1/alliances/${alliance.id}/invitations`, token, { schoolId: school.id }), [201], 'inviting a school');
      expectStatus(await api(base, 'POST', `/api/v1/join-requests/${invited.id}/respond`, token, { decision: 'accept' }), [200], 'accepting an invitation');
    }
  };
  await Promise.all(Array.from({ length: 4 }, member));
  expectStatus(await api(base, 'POST', `/api/v1/alliances/${alliance.id}/activate`, token), [200], 'activating the alliance');
  const deadline = Date.now() + 120_000;
  for (;;) {
    const directory = expectStatus(await api(base, 'GET', '/api/v1/assessment/directory', token), [200], 'reading the assessment directory');
    const seen = directory.alliances?.find((a) => a.allianceId === alliance.id);
    if (seen?.status === 'active' && seen.schoolIds.length === count) break;
    if (Date.now() > deadline) throw new Error('the assessment directory did not receive the alliance within 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  return { allianceId: alliance.id, schools };
}

// ---- the score sheet ----------------------------------------------------------------------------
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾'.split('');
const GIVEN = ['子涵', '浩然', '欣怡', '梓轩', '雨桐', '宇航', '诗涵', '俊杰', '思彤', '博文', '佳怡', '嘉豪', '若曦', '一诺', '晨阳', '可馨', '明轩', '语嫣', '天佑', '雅琪'];

/** How `students` spread over the alliance: schools of 50-student classes, at most 60 classes a school. */
function layout(students, schoolCount) {
  const classes = Math.ceil(students / CLASS_SIZE);
  const perSchool = Math.ceil(classes / schoolCount);
  if (perSchool > 60) throw new Error(`${students} students need more than ${schoolCount} schools of 60 classes`);
  return Array.from({ length: schoolCount }, (_, s) => Math.max(0, Math.min(perSchool, classes - s * perSchool)));
}

/**
 * Writes the score sheet in the template's format (学号, 姓名, 学校, 班级, one column per subject) to
 * `file`, streamed, and returns the classes per school. Schools and classes differ in level, students
 * in ability; about 0.3 % missed a paper (empty cell). Schools are named by name or by code as the
 * template allows.
 */
async function writeSheet(file, students, schools, seed) {
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const out = createWriteStream(file);
  const write = async (line) => { if (!out.write(line)) await once(out, 'drain'); };
  await write(`\uFEFF学号,姓名,学校,班级,${SUBJECTS.map((s) => s.name).join(',')}\n`);
  const classesPerSchool = layout(students, schools.length);
  const classes = new Map();
  let written = 0;
  for (let s = 0; s < schools.length && written < students; s += 1) {
    const school = schools[s];
    const schoolShift = normal() * 7;
    const names = [];
    for (let c = 1; c <= classesPerSchool[s] && written < students; c += 1) {
      const className = `九(${c})班`;
      names.push(className);
      const classShift = normal() * 2.5;
      for (let n = 1; n <= CLASS_SIZE && written < students; n += 1) {
        const ability = normal() * 0.85;
        const studentNo = `${seed}${String(s + 1).padStart(3, '0')}${String(c).padStart(2, '0')}${String(n).padStart(2, '0')}`;
        const name = `${SURNAMES[Math.floor(next() * SURNAMES.length)]}${GIVEN[Math.floor(next() * GIVEN.length)]}`;
        const scores = SUBJECTS.map((subject) => {
          if (next() < 0.003) return '';
          const raw = subject.mean + schoolShift + classShift + subject.spread * (ability + normal() * 0.55);
          return String(Math.round(Math.min(subject.fullMarks, Math.max(0, raw)) * 2) / 2);
        });
        await write(`${studentNo},${name},${s % 2 ? school.code : school.name},${className},${scores.join(',')}\n`);
        written += 1;
      }
    }
    if (names.length) classes.set(school.id, names);
  }
  out.end();
  await once(out, 'finish');
  return { classes, students: written };
}

// ---- the platform side --------------------------------------------------------------------------
async function createExam(base, token, allianceId, name, classes) {
  const exam = expectStatus(await api(base, 'POST', '/api/v1/assessment/exams', token, {
    allianceId, term: '2026-2027-2', grade: '九年级', name,
    subjects: SUBJECTS.map((s) => ({ name: s.name, fullMarks: s.fullMarks })),
    schools: [...classes].map(([schoolId, names]) => ({ schoolId, classes: names })),
  }), [201], 'creating the exam');
  expectStatus(await api(base, 'POST', `/api/v1/assessment/exams/${exam.id}/transitions`, token, { action: 'open' }), [200], 'opening the exam');
  return exam;
}

async function uploadSheet(base, token, examId, file) {
  const form = new FormData();
  form.append('file', await openAsBlob(file, { type: 'text/csv' }), '九年级统一检测成绩.csv');
  const t0 = performance.now();
  const response = await fetch(`${base}/api/v1/assessment/exams/${examId}/scores/import?mode=all`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  const seconds = (performance.now() - t0) / 1000;
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: response.status, body, seconds };
}

async function timed(run) {
  const t0 = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - t0) / 1000 };
}

// ---- the baseline: the plain minimum on the same database server --------------------------------
const BASELINE_SCHEMA = 'bench_baseline';

async function baselineTable(client) {
  await client.query(`DROP SCHEMA IF EXISTS ${BASELINE_SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${BASELINE_SCHEMA}`);
  // the same columns and keys as the service's score table (the analysis needs the same access paths)
  await client.query(`CREATE TABLE ${BASELINE_SCHEMA}.score (
    exam_id uuid NOT NULL, student_no varchar(32) NOT NULL, subject varchar(16) NOT NULL, school_id uuid NOT NULL,
    class_name varchar(32) NOT NULL, student_name varchar(32) NOT NULL, status varchar(8) NOT NULL DEFAULT 'present', score numeric(6, 2) CHECK (score >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (exam_id, student_no, subject))`);
  await client.query(`CREATE INDEX ON ${BASELINE_SCHEMA}.score (exam_id, school_id, class_name, student_no)`);
}

/** Reads the same .csv and COPYs its scores (one line per student × subject) into the baseline table. */
async function baselineCopy(client, file, examId, schoolIds) {
  const t0 = performance.now();
  const copy = client.query(copyFrom(`COPY ${BASELINE_SCHEMA}.score (exam_id, student_no, subject, school_id, class_name, student_name, score) FROM STDIN`));
  let header;
  async function* lines() {
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      const cells = line.split(',');
      if (!header) { header = cells.map((c) => c.replace(/^\uFEFF/, '')); continue; }
      const school = schoolIds.get(cells[2]);
      let out = '';
      for (let i = 4; i < cells.length; i += 1) if (cells[i]) out += `${examId}\t${cells[0]}\t${header[i]}\t${school}\t${cells[3]}\t${cells[1]}\t${cells[i]}\n`;
      yield out;
    }
  }
  await pipeline(lines, copy);
  return { seconds: (performance.now() - t0) / 1000, rows: Number(copy.rowCount) };
}

async function baselineAnalysis(client, examId, subjects, sql) {
  await client.query(`SET search_path = ${BASELINE_SCHEMA}`);
  if (sql.ANALYSIS_WORK_MEM) await client.query(`SET work_mem = '${sql.ANALYSIS_WORK_MEM}'`);
  await client.query(`ANALYZE ${BASELINE_SCHEMA}.score`);
  const t0 = performance.now();
  const lines = JSON.stringify(subjects);
  const [aggregates, bands] = [await client.query(sql.AGGREGATES, [examId, lines]), await client.query(sql.BANDS, [examId, lines, sql.BAND_WIDTH])];
  const seconds = (performance.now() - t0) / 1000;
  await client.query('RESET search_path');
  await client.query('RESET work_mem');
  return { seconds, rows: aggregates.rowCount + bands.rowCount };
}

// ---- report -------------------------------------------------------------------------------------
function machine() {
  const list = cpus();
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  return {
    cpu: `${list.length} × ${list[0]?.model?.trim() ?? 'unknown CPU'}`, memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${platform()} ${release()}`, node: process.version, commit: dirty ? `${head} (with uncommitted changes)` : head,
  };
}

const f1 = (n) => (n === undefined ? '–' : n.toFixed(1));
const f2 = (n) => (n === undefined ? '–' : n.toFixed(2));
const ratio = (a, b) => (a && b ? a / b : undefined);

function previousRuns(file) {
  const text = readSection(file, SECTION);
  const start = text.indexOf('### Run history');
  return start < 0 ? [] : text.slice(start).split('\n').filter((line) => /^\| \d{4}-\d{2}-\d{2}/.test(line));
}

function writeReport(report) {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const big = report.runs.at(-1);
  const history = [
    `| ${report.date} ${report.time} | ${report.load.split(' ')[0]} | ${big.students} | ${f1(big.importSeconds)} | ${f2(big.copySeconds)} | ${f1(ratio(big.importSeconds, big.copySeconds))} | ${f2(big.analysisSeconds)} | ${f1(ratio(big.analysisSeconds, big.baselineAnalysisSeconds))} | ${big.memory?.gateway.peakMiB ?? '–'} / ${big.memory?.assessment.peakMiB ?? '–'} | ${report.machine.commit} |`,
    ...previousRuns(file),
  ].slice(0, 20);
  const rows = report.runs.map((r) => `| ${r.students.toLocaleString('en')} | ${r.scores.toLocaleString('en')} | ${f1(r.sheetMiB)} | ${f1(r.importSeconds)} | ${f2(r.copySeconds)} | **${f1(ratio(r.importSeconds, r.copySeconds))}** | ${f2(r.analysisSeconds)} | ${f2(r.baselineAnalysisSeconds)} | **${f1(ratio(r.analysisSeconds, r.baselineAnalysisSeconds))}** | ${f2(r.exportSeconds)} | ${r.distributionSeconds === undefined ? '–' : f2(r.distributionSeconds)} |`);
  const mem = report.runs.map((r) => `| ${r.students.toLocaleString('en')} | ${r.memory ? `${r.memory.gateway.beforeMiB} → ${r.memory.gateway.peakMiB}` : '–'} | ${r.memory ? `${r.memory.assessment.beforeMiB} → ${r.memory.assessment.peakMiB}` : '–'} | ${r.analysisMemory ? r.analysisMemory.assessment.peakMiB : '–'} |`);
  const text = `## Assessment at district scale: one unified exam of ${big.students.toLocaleString('en')} students × ${SUBJECTS.length} subjects

What it answers: whether the assessment service holds the exam ARCHITECTURE.md sizes it for. A
九年级 unified exam (${SUBJECTS.map((s) => s.name).join(' ')}) of an alliance of ${report.schools} schools, 50-student
classes, is imported from one .csv in the template's format and analysed, all through the gateway's
public API as the demo district admin (schools, alliance and exam are created through the API too).
In the same run, on the same PostgreSQL server, the plain minimum:

- **import** (upload + check + store, one \`POST …/scores/import\`) against **COPY**: \`pg-copy-streams\`
  reading the same .csv and COPYing its scores, one row per student × subject, into a table with the
  same columns and keys as the service's \`score\` table;
- **analysis** (\`GET …/analysis\`) against the service's own two analysis statements run directly on
  that table (\`apps/assessment/src/analysis/analysis.sql.ts\`);
- **export** (\`GET …/analysis/export\`, the .xlsx) and the **一分一段** of the total over all subjects in
  1-point bands (\`GET …/score-distribution?subject=total\`) are timed for the record; they have no baseline.

Memory is the resident set of the gateway and the assessment processes (\`VmRSS\` from /proc, sampled
every ${SAMPLE_MS} ms) before the import and at its peak. Each size runs in a fresh exam of the same stack.

### How to run

\`\`\`
npm run bench:assessment                       # ${report.runs.map((r) => r.students.toLocaleString('en')).join(' then ')} students; rewrites this section
npm run bench:assessment -- --smoke            # 2,000 students, writes nothing (the benchmark stage of npm test runs this)
npm run bench:assessment -- --students 20000,50000 --no-write
\`\`\`

### Result (${report.date})

| students | scores | sheet MiB | import s | COPY s | import / COPY | analysis s | SQL s | analysis / SQL | export s | 一分一段 s |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Resident memory in MiB (before the import → peak during it; the last column is the service's peak
during the analysis and export):

| students | gateway | assessment | assessment, analysis + export |
| ---: | ---: | ---: | ---: |
${mem.join('\n')}

${report.verdict}

Machine: ${report.machine.cpu}, ${report.machine.memory} RAM, ${report.machine.os}, Node ${report.machine.node}
(2 cores shared by the gateway, the service, PostgreSQL, NATS and the benchmark itself, and with other
engineers' work: load average ${report.load} when the run started). Commit ${report.machine.commit}.

### What the first run found, and what was changed

${report.findings}

### Run history

Every full run adds a line (newest first) for its largest exam.

| date (UTC) | load | students | import s | COPY s | ratio | analysis s | ratio | peak MiB gateway / assessment | commit |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${history.join('\n')}

Raw figures of the latest run:

\`\`\`json
${JSON.stringify(report.runs, null, 2)}
\`\`\`
`;
  writeSection(file, SECTION, text);
}

const FINDINGS = readFileSync(path.join(import.meta.dirname, 'assessment-scale.findings.md'), 'utf8').trim();

// ---- main ---------------------------------------------------------------------------------------
async function main() {
  const started = Date.now();
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const workDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-bench-assessment-'));
  const stateFile = args.attach ? path.resolve(args.attach) : path.join(workDir, 'state.json');
  if (!args.attach) log('starting an ephemeral stack (membership + assessment + gateway) ...');
  const stack = args.attach ? { name: 'stack', child: { exitCode: null, signalCode: null }, lines: [] } : startChild('stack', process.execPath, ['tools/dev/start.mjs', '--ephemeral', '--no-console', '--services', 'membership,assessment', '--state-file', stateFile, '--raw-logs', ...(args['skip-build'] ? ['--skip-build'] : [])], {
    RATE_LIMIT_DISABLED: 'true', LOG_LEVEL: 'warn', FORCE_COLOR: '0',
  });
  let db;
  let passed = 0;
  try {
    const state = await waitFor(() => existsSync(stateFile) && JSON.parse(readFileSync(stateFile, 'utf8')), stack, 300_000, 'the stack became ready');
    log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (gateway ${state.gatewayUrl})`);
    const sql = {
      ...(await import(path.join(ROOT, 'apps/assessment/dist/analysis/analysis.sql.js'))),
      BAND_WIDTH: (await import(path.join(ROOT, 'apps/assessment/dist/analysis/analysis.maths.js'))).BAND_WIDTH,
    };
    const login = state.logins.find((l) => l.role === 'district_admin');
    const session = expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/auth/login', undefined, { username: login.username, password: login.password }), [200, 201], 'logging in');
    const token = session.accessToken;
    const districtId = session.user.assignments.find((a) => a.role === 'district_admin')?.districtId;
    const schoolCount = Math.min(MAX_SCHOOLS, Math.max(...sizes.map((n) => Math.ceil(n / (CLASS_SIZE * 40)))), 100);
    const seeded = await seedAlliance(state.gatewayUrl, token, districtId, Math.max(schoolCount, 5));
    log(`alliance of ${seeded.schools.length} schools ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    passed += 1;
    const pids = stackPids(state.pid);
    const schoolIds = new Map(seeded.schools.flatMap((s) => [[s.name, s.id], [s.code, s.id]]));
    db = new pg.Client({ connectionString: state.databaseUrl });
    await db.connect();
    await baselineTable(db);

    const runs = [];
    for (const [index, students] of sizes.entries()) {
      const file = path.join(workDir, `scores-${students}.csv`);
      const sheet = await writeSheet(file, students, seeded.schools, 202600 + index);
      const sheetMiB = statSync(file).size / 2 ** 20;
      log(`${students} students: wrote a ${sheetMiB.toFixed(1)} MiB sheet`);
      const exam = await createExam(state.gatewayUrl, token, seeded.allianceId, `基准统一检测${index + 1}-${students}`, sheet.classes);
      const { result: upload, memory } = await withMemory(pids, () => uploadSheet(state.gatewayUrl, token, exam.id, file));
      if (upload.status !== 200 && upload.status !== 201) throw new Error(`${students} students: the import answered HTTP ${upload.status} after ${upload.seconds.toFixed(1)} s: ${JSON.stringify(upload.body).slice(0, 600)}`);
      const scores = upload.body.inserted;
      log(`${students} students: import ${upload.seconds.toFixed(2)} s (${scores} scores inserted, ${upload.body.skippedRows} rows skipped); peak RSS gateway ${memory?.gateway.peakMiB ?? '?'} MiB, assessment ${memory?.assessment.peakMiB ?? '?'} MiB`);
      if (upload.body.rows !== sheet.students || upload.body.skippedRows !== 0) throw new Error(`${students} students: the import read ${upload.body.rows} rows and skipped ${upload.body.skippedRows}`);
      passed += 1;

      const { result: analysed, memory: analysisMemory } = await withMemory(pids, async () => {
        const analysis = await timed(() => api(state.gatewayUrl, 'GET', `/api/v1/assessment/exams/${exam.id}/analysis`, token));
        const exported = await timed(async () => {
          const response = await fetch(`${state.gatewayUrl}/api/v1/assessment/exams/${exam.id}/analysis/export`, { headers: { authorization: `Bearer ${token}` } });
          const bytes = (await response.arrayBuffer()).byteLength;
          return { status: response.status, bytes };
        });
        return { analysis, exported };
      });
      const { analysis, exported } = analysed;
      expectStatus(analysis.result, [200], `${students} students: the analysis`);
      const counted = analysis.result.body.subjects.reduce((sum, s) => sum + (s.alliance?.count ?? 0), 0);
      if (counted !== scores) throw new Error(`${students} students: the analysis counts ${counted} scores, the import inserted ${scores}`);
      if (exported.result.status !== 200) throw new Error(`${students} students: the export answered HTTP ${exported.result.status}`);
      log(`${students} students: analysis ${analysis.seconds.toFixed(2)} s, export ${exported.seconds.toFixed(2)} s (${Math.round(exported.result.bytes / 1024)} KiB)`);
      passed += 1;

      // the 一分一段 of the total over all subjects, 1-point bands: every student's sum, then the bands
      const distribution = await timed(() => api(state.gatewayUrl, 'GET', `/api/v1/assessment/exams/${exam.id}/score-distribution?subject=total&step=1`, token));
      expectStatus(distribution.result, [200], `${students} students: the score distribution`);
      const last = distribution.result.body.rows.at(-1);
      if (!last || last.cumulative > sheet.students) throw new Error(`${students} students: the score distribution counts ${last?.cumulative} students of ${sheet.students}`);
      log(`${students} students: score distribution (total, 1-point bands) ${distribution.seconds.toFixed(2)} s, ${distribution.result.body.rows.length} bands, ${last.cumulative} complete students`);
      passed += 1;

      const baselineExam = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
      const copy = await baselineCopy(db, file, baselineExam, schoolIds);
      if (copy.rows !== scores) throw new Error(`${students} students: the baseline COPY loaded ${copy.rows} scores, the import ${scores}`);
      const direct = await baselineAnalysis(db, baselineExam, exam.subjects, sql);
      log(`${students} students: baseline COPY ${copy.seconds.toFixed(2)} s (import/COPY ${(upload.seconds / copy.seconds).toFixed(1)}), analysis SQL ${direct.seconds.toFixed(2)} s (analysis/SQL ${(analysis.seconds / direct.seconds).toFixed(1)})`);
      passed += 1;
      runs.push({
        students: sheet.students, scores, sheetMiB: Number(sheetMiB.toFixed(1)), importSeconds: Number(upload.seconds.toFixed(2)), copySeconds: Number(copy.seconds.toFixed(2)),
        analysisSeconds: Number(analysis.seconds.toFixed(2)), baselineAnalysisSeconds: Number(direct.seconds.toFixed(2)), exportSeconds: Number(exported.seconds.toFixed(2)),
        distributionSeconds: Number(distribution.seconds.toFixed(2)), memory, analysisMemory,
      });
      if (!args['keep-files']) rmSync(file, { force: true });
    }
    await db.query(`DROP SCHEMA IF EXISTS ${BASELINE_SCHEMA} CASCADE`);

    const [small, big] = [runs[0], runs.at(-1)];
    let verdict = '';
    if (runs.length > 1 && small.memory && big.memory) {
      const growth = (n) => `${small.memory[n].growthMiB} → ${big.memory[n].growthMiB} MiB`;
      const most = Math.max(big.memory.gateway.growthMiB, big.memory.assessment.growthMiB);
      verdict = `Peak growth of resident memory during the import, ${small.students.toLocaleString('en')} → ${big.students.toLocaleString('en')} students (${(big.students / small.students).toFixed(0)}× the rows): gateway ${growth('gateway')}, service ${growth('assessment')}. `
        + (most < 64
          ? 'It stays within tens of MiB and grows far less than the rows: nothing per row is kept. It is not perfectly flat either; most likely the garbage collector lets the heap grow over a longer stream.'
          : 'Memory grows with the file.');
      log(verdict);
    }
    console.log(JSON.stringify(runs));
    const report = { runs, schools: seeded.schools.length, load, machine: machine(), verdict, findings: FINDINGS, date: new Date().toISOString().slice(0, 10), time: new Date().toISOString().slice(11, 16) };
    if (!smoke && !args['no-write']) {
      writeReport(report);
      log('wrote its section of docs/benchmarks.md');
    }
    console.log(`${passed} passed, 0 failed`);
  } finally {
    await db?.end().catch(() => undefined);
    await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:assessment | failed: ${error.message}`);
  if (error.lines?.length) console.error(error.lines.map((l) => `  ${l}`).join('\n'));
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}

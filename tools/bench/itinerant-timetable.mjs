#!/usr/bin/env node
// Benchmark: the itinerant timetable (走教排课) of 40 teachers over 60 schools and 30 periods a week. The
// teacher-exchange service's own model (apps/teacher-exchange/dist/timetable/solver/timetable.model.js,
// the code the solve worker runs) is solved with HiGHS to a zero gap per independent component, so
// "optimal" is a proof of optimality, not a tolerance. Measured in the same run, as baselines:
//   - greedy: lessons with the fewest places first, each period where it adds the least travel and idle time;
//   - plain: the same formulation as one HiGHS model over all teachers (no decomposition), same time limit.
//   npm run bench:timetable                       # rewrites its section of docs/benchmarks.md
//   npm run bench:timetable -- --smoke            # 10 teachers, 15 schools, writes nothing
//   npm run bench:timetable -- --skip-build --no-write --no-plain
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSection } from './lib/report-sections.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    teachers: { type: 'string' },
    schools: { type: 'string' },
    'time-limit': { type: 'string' },
    'plain-limit': { type: 'string' },
    'no-plain': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const TEACHERS = Number(args.teachers ?? (args.smoke ? 10 : 40));
const SCHOOLS = Number(args.schools ?? (args.smoke ? 15 : 60));
const TIME_LIMIT_S = Number(args['time-limit'] ?? 60);
const TARGET_MS = 5000;
const PLAIN_LIMIT_S = Number(args['plain-limit'] ?? (args.smoke ? 5 : 60));
const SECTION = 'itinerant-timetable';
const log = (line) => console.log(`bench:timetable | ${line}`);

if (!args['skip-build']) {
  log('building teacher-exchange');
  const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/nx/bin/nx.js'), 'run', 'teacher-exchange:build', '--outputStyle=static'], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const dist = path.join(ROOT, 'apps/teacher-exchange/dist/timetable/solver');
const { evaluateTimetable, components, TIMETABLE_DEFAULTS } = await import(path.join(dist, 'timetable.model.js'));
const { solveTimetable } = await import(path.join(dist, 'timetable.solver.js'));
const { solveInWorker } = await import(path.join(dist, 'timetable.runner.js'));
const { greedyTimetable } = await import(path.join(dist, 'timetable.greedy.js'));

/** A small deterministic generator (mulberry32): every run solves the same county. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hhmm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A county of `schoolCount` schools over about 40 × 40 km, each with its own bell schedule (6 periods a
 * day, Monday to Friday: 30 a week; first bell 7:50–8:30, 40 or 45 minute periods, breaks of 10–20
 * minutes, afternoon from 14:00–14:30). Each of `teacherCount` itinerant teachers has a home school, one
 * or two of six subjects and 2–3 host schools among the 8 nearest; each host school asks for 2–3 classes
 * of 2 periods a week; a third of those lessons are open to any teacher of the subject there. A quarter
 * of the teachers are unavailable one afternoon; the daily travel limit is 120 minutes.
 */
function county(teacherCount, schoolCount) {
  const rnd = random(20261207);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const subjects = ['music', 'art', 'pe', 'english', 'science', 'it'];
  const classes = ['一年级1班', '二年级1班', '三年级1班', '四年级1班', '五年级1班', '六年级1班'];
  const schools = Array.from({ length: schoolCount }, (_, i) => {
    const first = 470 + 10 * Math.floor(rnd() * 5);
    const length = rnd() < 0.5 ? 40 : 45;
    const gap = 10 + 10 * Math.floor(rnd() * 2);
    const afternoon = 840 + 10 * Math.floor(rnd() * 4);
    const periods = [];
    for (let p = 0; p < 4; p++) periods.push({ startsAt: hhmm(first + p * (length + gap)), endsAt: hhmm(first + p * (length + gap) + length) });
    for (let p = 0; p < 2; p++) periods.push({ startsAt: hhmm(afternoon + p * (length + gap)), endsAt: hhmm(afternoon + p * (length + gap) + length) });
    return { id: `s${i}`, lat: 28 + rnd() * 0.36, lng: 112.6 + rnd() * 0.41, periods };
  });
  const near = (school) => schools.filter((s) => s !== school).sort((a, b) => Math.hypot(a.lat - school.lat, a.lng - school.lng) - Math.hypot(b.lat - school.lat, b.lng - school.lng));
  const teachers = [];
  const lessons = [];
  for (let i = 0; i < teacherCount; i++) {
    const home = schools[Math.floor(rnd() * schoolCount)];
    const mine = [pick(subjects)];
    if (rnd() < 0.3) mine.push(pick(subjects.filter((s) => s !== mine[0])));
    const candidates = near(home).slice(0, 8);
    const hosts = [];
    const hostCount = 2 + Math.floor(rnd() * 2);
    while (hosts.length < hostCount) {
      const s = pick(candidates);
      if (!hosts.includes(s.id)) hosts.push(s.id);
    }
    const unavailable = rnd() < 0.25 ? (() => { const weekday = 1 + Math.floor(rnd() * 5); return [{ weekday, startsAt: '12:00', endsAt: '18:00' }]; })() : [];
    const teacher = { id: `t${i}`, subjects: mine, schoolIds: hosts, homeSchoolId: home.id, unavailable, maxTravelMinutesPerDay: 120 };
    teachers.push(teacher);
    for (const schoolId of hosts) {
      const classCount = 2 + Math.floor(rnd() * 2);
      for (let c = 0; c < classCount; c++) {
        const subject = pick(mine);
        const className = pick(classes);
        if (lessons.some((l) => l.schoolId === schoolId && l.className === className && l.subject === subject)) continue;
        lessons.push({ id: `l${lessons.length}`, schoolId, subject, className, periodsPerWeek: 2, teacherId: rnd() < 0.67 ? teacher.id : null });
      }
    }
  }
  return { schools, teachers, lessons, params: { ...TIMETABLE_DEFAULTS, timeLimitSeconds: TIME_LIMIT_S } };
}

const input = county(TEACHERS, SCHOOLS);
const periods = input.lessons.reduce((sum, l) => sum + l.periodsPerWeek, 0);
const parts = components(input);
log(`${TEACHERS} teachers, ${SCHOOLS} schools, 30 periods a week; ${input.lessons.length} lessons, ${periods} lesson-periods; ${parts.length} components (largest ${Math.max(...parts.map((p) => p.teacherIds.length))} teachers)`);

await solveTimetable({ ...input, lessons: input.lessons.slice(0, 1) }); // loads the WebAssembly module once, outside every measurement

let started = performance.now();
const greedy = greedyTimetable(input);
const greedyMs = performance.now() - started;
log(`greedy: ${greedyMs.toFixed(0)} ms, travel ${greedy.evaluation.travelMinutes} min, idle ${greedy.evaluation.idleMinutes} min, objective ${greedy.evaluation.objective.toFixed(1)}, ${greedy.evaluation.violations.length} violations (${greedy.assignments.length} of ${periods} periods placed)`);

// the service's way: in a worker thread, while this thread's event loop keeps ticking (its longest stall is measured)
let longestStall = 0;
let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longestStall = Math.max(longestStall, now - lastTick - 10);
  lastTick = now;
}, 10);
started = performance.now();
const cpuBefore = process.cpuUsage();
let progressReports = 0;
const model = await solveInWorker(input, () => progressReports++).result;
const modelMs = performance.now() - started;
const modelCpuMs = process.cpuUsage(cpuBefore).user / 1000;
clearInterval(ticker);
const check = evaluateTimetable(input, model.assignments);
const slowest = Math.max(...model.components.map((c) => c.solveMs));
log(`model (worker thread): ${modelMs.toFixed(0)} ms wall, ${modelCpuMs.toFixed(0)} ms CPU; main thread's longest stall ${longestStall.toFixed(0)} ms; ${progressReports} progress reports`);
log(`model: ${modelMs.toFixed(0)} ms, status ${model.status} (gap ${model.gap}), travel ${model.travelMinutes} min, idle ${model.idleMinutes} min, objective ${model.objective.toFixed(1)}, ${check.violations.length} violations; slowest component ${slowest.toFixed(0)} ms`);
const columns = model.components.reduce((sum, c) => sum + c.columns, 0);

let plain;
if (!args['no-plain']) {
  started = performance.now();
  const result = await solveTimetable({ ...input, params: { ...input.params, timeLimitSeconds: PLAIN_LIMIT_S } }, { plain: true });
  plain = { result, ms: performance.now() - started };
  log(`plain: ${plain.ms.toFixed(0)} ms, status ${result.status} (gap ${result.gap.toFixed(4)}), objective ${result.objective.toFixed(1)}, ${result.components[0]?.columns} columns, ${result.components[0]?.rows} rows`);
}

const saved = greedy.evaluation.travelMinutes - model.travelMinutes;
const failures = [];
if (model.status !== 'optimal') failures.push(`status ${model.status}, not proven optimal`);
if (check.violations.length) failures.push(`${check.violations.length} hard-rule violations in the model's timetable`);
// the target is measured in CPU time of the solving thread: on a shared machine the wall clock measures the neighbours
if (!args.smoke && modelCpuMs > TARGET_MS) failures.push(`solve took ${modelCpuMs.toFixed(0)} ms of CPU, over the ${TARGET_MS} ms target`);

if (!args.smoke && !args['no-write'] && failures.length === 0) {
  const today = new Date().toISOString().slice(0, 10);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const plainRow = plain
    ? plain.result.assignments.length === 0
      ? `| plain: one HiGHS model, no decomposition | no timetable within ${PLAIN_LIMIT_S} s | ${(plain.ms / 1000).toFixed(1)} s | – | – | – |`
      : `| plain: one HiGHS model, no decomposition | ${plain.result.status === 'optimal' ? 'optimal' : `${plain.result.status}, stopped at the ${PLAIN_LIMIT_S} s limit: gap ${(plain.result.gap * 100).toFixed(1)} % against its bound`} | ${(plain.ms / 1000).toFixed(1)} s | ${plain.result.travelMinutes} | ${plain.result.idleMinutes} | ${plain.result.objective.toFixed(1)} |`
    : '| plain | not run (--no-plain) | | | | |';
  writeSection(path.join(ROOT, 'docs/benchmarks.md'), SECTION, `
## Itinerant timetable: ${TEACHERS} teachers, ${SCHOOLS} schools, 30 periods a week, proven optimal

What it answers: whether the teacher-exchange service's timetable model (the rules are stated at the top
of apps/teacher-exchange/src/timetable/solver/timetable.model.ts, the day-plan formulation that solves
them at the top of timetable.solver.ts next to it) proves an optimal weekly
timetable for a county's itinerant teachers fast enough to wait for, and how much travel it saves
against filling the timetable by hand. The county is generated (deterministic seed): ${SCHOOLS} schools,
each with its own bell schedule (6 periods a day, first bell 7:50–8:30, 40 or 45 minute periods);
${TEACHERS} teachers with a home school, 1–2 subjects and 2–3 host schools nearby; ${input.lessons.length} lessons
(${periods} lesson-periods a week, a third open to any teacher of the subject at the school); a quarter of
the teachers unavailable one afternoon; at most 120 minutes of travel a day. Travel minutes are the
haversine distance × road factor ${TIMETABLE_DEFAULTS.roadFactor} at ${TIMETABLE_DEFAULTS.speedKmh} km/h, counted from home to the first
lesson, between lessons and back; the objective is travel minutes + ${TIMETABLE_DEFAULTS.idleWeight} × idle minutes between lessons.

In the same run: **greedy**, lessons with the fewest places first, each period where it adds the least
to the teacher's day; **plain**, a period-indexed formulation of the same rules and cost (timetable.plain.ts: a flow
through each teacher-day's periods) as one HiGHS model over every teacher, with a ${PLAIN_LIMIT_S} s limit. Every timetable is checked against every hard rule by the same evaluation.

### How to run

\`\`\`
npm run bench:timetable                  # builds teacher-exchange, rewrites this section
npm run bench:timetable -- --smoke       # 10 teachers, 15 schools, writes nothing
npm run bench:timetable -- --skip-build --no-write --no-plain
\`\`\`

### Result (${today})

| method | status | time | travel min/week | idle min/week | objective |
| --- | --- | ---: | ---: | ---: | ---: |
| greedy baseline | ${greedy.evaluation.violations.length ? `${greedy.evaluation.violations.length} rules broken` : 'feasible'} | ${greedyMs.toFixed(0)} ms | ${greedy.evaluation.travelMinutes} | ${greedy.evaluation.idleMinutes} | ${greedy.evaluation.objective.toFixed(1)} |
| model: day plans, ${parts.length} components, each to gap 0, in a worker thread | ${model.status} | ${(modelCpuMs / 1000).toFixed(2)} s CPU (${(modelMs / 1000).toFixed(2)} s wall) | ${model.travelMinutes} | ${model.idleMinutes} | ${model.objective.toFixed(1)} |
${plainRow}

**Travel saved against greedy: ${saved} minutes a week (${((saved / Math.max(1, greedy.evaluation.travelMinutes)) * 100).toFixed(1)} %).**
The decomposed model has ${columns} columns in all; its slowest component took ${slowest.toFixed(0)} ms (wall).
While it solved, the main thread's event loop never stalled longer than ${longestStall.toFixed(0)} ms.
Target: proven optimal in under ${TARGET_MS / 1000} s of CPU. The model's time is the worker's CPU time, because the
machine is shared: wall time is the CPU time stretched by the load average shown below.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}
(load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} when the run started). Commit ${commit}.
`);
  log('wrote docs/benchmarks.md');
}

if (failures.length) {
  for (const f of failures) log(`FAILED: ${f}`);
  process.exit(1);
}

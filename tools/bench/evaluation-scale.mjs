#!/usr/bin/env node
// Benchmark: the term evaluation of a district of 300 schools in 60 alliances. The district is built
// through the gateway's public API (schools, alliances, invitations, activation), a term of data is
// written into the services' own tables (placements and quotas, shared resources and their downloads,
// a published unified exam per alliance), then the district admin opens the term's evaluations (every
// service answers its term facts; 360 evaluations are created), opens it again (all 360 refreshed) and
// reads the ranking. Time and the peak resident memory of the assessment service and the gateway.
//   npm run bench:evaluation                  # rewrites its section of docs/benchmarks.md
//   npm run bench:evaluation -- --smoke       # 20 schools in 4 alliances, writes nothing
import pg from 'pg';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { api, cleanup, rssKiB, stackPids, startChild as startIn, waitFor } from './lib/children.mjs';
import { writeSection } from './lib/report-sections.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const ALLIANCES = args.smoke ? 4 : 60;
const PER_ALLIANCE = 5;
const STUDENTS_PER_SCHOOL = 120;
const TERM = '2026-2027-1';
const TARGET_S = 10;
const log = (line) => console.log(`bench:evaluation | ${line}`);
const startChild = (...rest) => startIn(ROOT, ...rest);
const SECTION = 'evaluation-scale';

function expectStatus(answer, statuses, what) {
  if (!statuses.includes(answer.status)) throw new Error(`${what} failed: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
  return answer.body;
}

/** Runs `run`, timing it and sampling the processes' resident memory every 50 ms. */
async function measured(pids, run) {
  const names = Object.keys(pids ?? {}).filter((n) => pids[n]);
  const before = Object.fromEntries(names.map((n) => [n, rssKiB(pids[n]) ?? 0]));
  const peak = { ...before };
  const timer = setInterval(() => { for (const n of names) peak[n] = Math.max(peak[n], rssKiB(pids[n]) ?? 0); }, 50);
  const started = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    for (const n of names) peak[n] = Math.max(peak[n], rssKiB(pids[n]) ?? 0);
    const mib = (kib) => Math.round(kib / 1024);
    return { result, seconds, memory: Object.fromEntries(names.map((n) => [n, { before: mib(before[n]), peak: mib(peak[n]) }])) };
  } finally {
    clearInterval(timer);
  }
}

/** 60 alliances of 5 schools each, made as the district admin makes them; waits until assessment's directory has them. */
async function seedDistrict(base, token, districtId) {
  const stamp = Date.now().toString(36).slice(-4);
  const total = ALLIANCES * PER_ALLIANCE;
  const schools = [];
  let next = 0;
  const createSchools = async () => {
    while (next < total) {
      const i = next++;
      const created = expectStatus(await api(base, 'POST', '/api/v1/schools', token, {
        districtId, code: `97${String(Date.now() % 100_000).padStart(5, '0')}${String(i).padStart(3, '0')}`, name: `评价基准第${i + 1}学校${stamp}`, stage: 'primary',
        locale: ['urban', 'township', 'village'][i % 3], township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 12,
      }), [201], 'creating a school');
      schools[i] = created.id;
    }
  };
  await Promise.all(Array.from({ length: 4 }, createSchools));
  const alliances = [];
  let a = 0;
  const createAlliances = async () => {
    while (a < ALLIANCES) {
      const i = a++;
      const members = schools.slice(i * PER_ALLIANCE, (i + 1) * PER_ALLIANCE);
      const alliance = expectStatus(await api(base, 'POST', '/api/v1/alliances', token, { districtId, name: `评价基准教联体${i + 1}-${stamp}`, kind: 'alliance', coreSchoolId: members[0] }), [201], 'creating an alliance');
      for (const school of members.slice(1)) {
        const invited = expectStatus(await api(base, 'POST', `/api/v1/alliances/${alliance.id}/invitations`, token, { schoolId: school }), [201], 'inviting a school');
        expectStatus(await api(base, 'POST', `/api/v1/join-requests/${invited.id}/respond`, token, { decision: 'accept' }), [200], 'accepting an invitation');
      }
      expectStatus(await api(base, 'POST', `/api/v1/alliances/${alliance.id}/activate`, token), [200], 'activating an alliance');
      alliances[i] = { id: alliance.id, schools: members };
    }
  };
  await Promise.all(Array.from({ length: 4 }, createAlliances));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const directory = expectStatus(await api(base, 'GET', '/api/v1/assessment/directory', token), [200], 'reading the assessment directory');
    const ready = alliances.filter((x) => directory.alliances?.some((d) => d.allianceId === x.id && d.status === 'active' && d.schoolIds.length === PER_ALLIANCE));
    if (ready.length === ALLIANCES) break;
    if (Date.now() > deadline) throw new Error(`the assessment directory has ${ready.length} of ${ALLIANCES} alliances after 180 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return alliances;
}

/**
 * A term of data per school, written straight into the services' tables (only the evaluation is
 * measured): 4 teachers, 2 placements completed in the term, the alliance's quota; 8 shared resources
 * with 20 downloads by others; one published 3-subject unified exam per alliance with 120 students a school.
 */
async function seedTerm(db, districtId, alliances) {
  const plan = JSON.stringify(alliances.flatMap((a) => a.schools.map((s) => ({ alliance_id: a.id, school_id: s }))));
  const rows = `jsonb_to_recordset($2::jsonb) AS x(alliance_id uuid, school_id uuid)`;
  await db.query(`INSERT INTO teacher_exchange.teacher (district_id, school_id, staff_no, name, gender, subjects, title, rank, middle_manager)
    SELECT $1, x.school_id, 'B' || n, '教师' || n, 'female', '{数学}', 'first', CASE WHEN n <= 2 THEN 'backbone' ELSE 'none' END, n = 1
      FROM ${rows} CROSS JOIN generate_series(1, 4) AS n`, [districtId, plan]);
  await db.query(`INSERT INTO teacher_exchange.placement (district_id, alliance_id, teacher_id, home_school_id, kind, status, starts_on, ends_on, proposed_by)
    SELECT $1, x.alliance_id, t.id, x.school_id, 'rotation', 'completed', '2026-09-01', '2026-12-31', 'bench'
      FROM ${rows} JOIN teacher_exchange.teacher t ON t.school_id = x.school_id AND t.staff_no IN ('B1', 'B2')`, [districtId, plan]);
  await db.query(`INSERT INTO teacher_exchange.exchange_quota (alliance_id, year, category, district_id, min_count, max_count, updated_by)
    SELECT DISTINCT x.alliance_id, 2026, c.category, $1::uuid, c.min, c.max, 'bench' FROM ${rows}
      CROSS JOIN (VALUES ('middle_manager', 1, 2), ('backbone', 2, 4)) AS c(category, min, max)`, [districtId, plan]);
  await db.query(`INSERT INTO curriculum.resource (district_id, school_id, owner_id, owner_name, type, title, subject, grade, licence, visibility, file_key, file_name,
                                                    file_size, file_sha256, content_type, search, created_at)
    SELECT $1, x.school_id, 'bench-owner', '教师', 'lesson_plan', '基准教案' || n, '数学', '三年级', 'CC BY', 'alliance', 'k', 'a.pdf', 1, repeat('0', 64),
           'application/pdf', ''::tsvector, '2026-09-15T02:00:00Z'
      FROM ${rows} CROSS JOIN generate_series(1, 8) AS n`, [districtId, plan]);
  await db.query(`INSERT INTO curriculum.resource_download (resource_id, district_id, actor_id, actor_kind, downloaded_at)
    SELECT r.id, $1, 'reader-' || n, 'user', '2026-10-10T02:00:00Z' FROM curriculum.resource r CROSS JOIN generate_series(1, 3) AS n
     WHERE r.district_id = $1 AND r.owner_id = 'bench-owner'`, [districtId]);
  for (const alliance of alliances) {
    const { rows: [exam] } = await db.query(`INSERT INTO assessment.exam (district_id, alliance_id, term, grade, name, status, subjects, created_by)
      VALUES ($1, $2, $3, '六年级', '期末统一检测', 'published', $4, 'bench') RETURNING id`,
    [districtId, alliance.id, TERM, JSON.stringify(['语文', '数学', '英语'].map((name) => ({ name, fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 })))]);
    await db.query(`INSERT INTO assessment.exam_school (exam_id, school_id) SELECT $1, unnest($2::uuid[])`, [exam.id, alliance.schools]);
    await db.query(`INSERT INTO assessment.score (exam_id, student_no, subject, school_id, class_name, student_name, score)
      SELECT $1, s.i || '-' || n, sub, s.school_id, '六(1)班', '学生' || n, round((55 + s.i * 6 + random() * 30)::numeric, 1)
        FROM unnest($2::uuid[]) WITH ORDINALITY AS s(school_id, i) CROSS JOIN generate_series(1, $3) AS n CROSS JOIN unnest(ARRAY['语文', '数学', '英语']) AS sub`,
    [exam.id, alliance.schools, STUDENTS_PER_SCHOOL]);
  }
}

function report(run) {
  const m = (phase, n) => `${phase.memory[n]?.before ?? '?'} → ${phase.memory[n]?.peak ?? '?'}`;
  return `## Term evaluation of a district: 300 schools in 60 alliances

What it answers: whether the term evaluation comes in under ${TARGET_S} s for a district of the size
ARCHITECTURE.md names. The district is built through the gateway's public API (schools, alliances,
invitations, activation); a term of data is written straight into the services' own tables (per school:
4 teachers with 2 placements completed in the term and the alliance's yearly quota; 8 shared resources
downloaded 24 times by others; per alliance one published 3-subject unified exam, 120 students a school,
${(run.schools * STUDENTS_PER_SCHOOL * 3).toLocaleString('en')} scores in all). Then, as the district admin through the gateway:

- **open**: \`POST /api/v1/evaluation/evaluations\` with the default framework: assessment asks
  activities, teacher exchange and curriculum for their term facts over NATS, computes its own
  (超均率 and its change from the exams), scores every indicator of every alliance and member school (rank-based ones
  among their peers) and writes the ${run.evaluations} new evaluations with their frozen facts, one transaction;
- **refresh**: the same request again: every unpublished evaluation of the term gathered and rewritten;
- **refresh of one alliance**: the same with \`allianceId\`: the same gathering and computing, 6 rows written;
- **ranking**: \`GET /api/v1/evaluation/rankings\` of the district's alliances.

The stack is \`npm start -- --ephemeral\`, so the district is the demo district: its own demo alliances (seeded with
their evaluations) are evaluated too, which is why the counts are a few above 360. Memory is the resident set
(\`VmRSS\`, sampled every 50 ms) before → peak; the steps run one after the other in one stack, so each starts where the last ended.

### How to run

\`\`\`
npm run bench:evaluation                # rewrites this section
npm run bench:evaluation -- --smoke     # 20 schools in 4 alliances, writes nothing
\`\`\`

### Result (${new Date().toISOString().slice(0, 10)})

| step | seconds | assessment MiB | gateway MiB |
| --- | ---: | ---: | ---: |
| open (${run.evaluations} created) | **${run.open.seconds.toFixed(2)}** | ${m(run.open, 'assessment')} | ${m(run.open, 'gateway')} |
| refresh (${run.refresh.result.refreshed} refreshed) | ${run.refresh.seconds.toFixed(2)} | ${m(run.refresh, 'assessment')} | ${m(run.refresh, 'gateway')} |
| refresh of one alliance (${run.one.result.refreshed} written) | ${run.one.seconds.toFixed(2)} | ${m(run.one, 'assessment')} | ${m(run.one, 'gateway')} |
| ranking of ${run.ranking.result.items.length} alliances | ${run.ranking.seconds.toFixed(2)} | ${m(run.ranking, 'assessment')} | ${m(run.ranking, 'gateway')} |

Target: under ${TARGET_S} s for the open: **${run.open.seconds < TARGET_S ? 'met' : 'NOT met'}**.
What dominates: refreshing one alliance still gathers the whole district's facts from four services and
computes every target, but writes ${run.one.result.refreshed} rows instead of ${run.refresh.result.refreshed}: ${run.one.seconds.toFixed(2)} s of the ${run.refresh.seconds.toFixed(2)} s of a full
refresh, so ${run.one.seconds / run.refresh.seconds > 0.5 ? 'gathering and computing dominate, not writing' : 'writing the evaluations (one UPDATE each, with their facts as jsonb) dominates, not gathering'}.
Services whose facts did not come: ${run.unavailable.length ? run.unavailable.join(', ') : 'none'}.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}
(cores shared by the gateway, five services, PostgreSQL, NATS and the benchmark; load average ${run.load} when it started).
`;
}

async function main() {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const workDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-bench-evaluation-'));
  const stateFile = path.join(workDir, 'state.json');
  log('starting an ephemeral stack (all services + gateway) ...');
  const stack = startChild('stack', process.execPath, ['tools/dev/start.mjs', '--ephemeral', '--no-console', '--services', 'membership,activities,teacher-exchange,curriculum,assessment',
    '--state-file', stateFile, '--raw-logs', ...(args['skip-build'] ? ['--skip-build'] : [])], { RATE_LIMIT_DISABLED: 'true', LOG_LEVEL: 'warn', FORCE_COLOR: '0' });
  let db;
  try {
    const state = await waitFor(() => existsSync(stateFile) && JSON.parse(readFileSync(stateFile, 'utf8')), stack, 400_000, 'the stack became ready');
    const login = state.logins.find((l) => l.role === 'district_admin');
    const session = expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/auth/login', undefined, { username: login.username, password: login.password }), [200, 201], 'logging in');
    const token = session.accessToken;
    const districtId = session.user.assignments.find((a) => a.role === 'district_admin')?.districtId;
    const seededAt = Date.now();
    const alliances = await seedDistrict(state.gatewayUrl, token, districtId);
    log(`${ALLIANCES} alliances of ${PER_ALLIANCE} schools ready in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);
    db = new pg.Client({ connectionString: state.databaseUrl });
    await db.connect();
    await seedTerm(db, districtId, alliances);
    log('a term of data written');
    const framework = expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/evaluation/frameworks', token, { districtId, name: '基准指标体系', term: TERM }), [201], 'copying the default framework');
    const pids = stackPids(state.pid);
    const body = { frameworkId: framework.id, term: TERM };
    const open = await measured(pids, async () => expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/evaluation/evaluations', token, body), [201], 'opening the term'));
    log(`open: ${open.seconds.toFixed(2)} s, ${JSON.stringify(open.result)}`);
    const refresh = await measured(pids, async () => expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/evaluation/evaluations', token, body), [201], 'opening the term again'));
    log(`refresh: ${refresh.seconds.toFixed(2)} s, ${JSON.stringify(refresh.result)}`);
    // one alliance: the district's facts are gathered and every target computed as before, but 6 evaluations written
    const one = await measured(pids, async () => expectStatus(await api(state.gatewayUrl, 'POST', '/api/v1/evaluation/evaluations', token, { ...body, allianceId: alliances[0].id }), [201], 'opening one alliance again'));
    log(`one alliance: ${one.seconds.toFixed(2)} s, ${JSON.stringify(one.result)}`);
    const ranking = await measured(pids, async () => expectStatus(await api(state.gatewayUrl, 'GET', `/api/v1/evaluation/rankings?term=${TERM}&districtId=${districtId}`, token), [200], 'reading the ranking'));
    const ranked = ranking.result.items.filter((i) => i.total !== null).length;
    log(`ranking: ${ranking.seconds.toFixed(2)} s, ${ranked} alliances with a total`);
    const evaluations = open.result.created;
    if (open.result.unavailable.length) log(`warning: no facts from ${open.result.unavailable.join(', ')}`);
    const run = { schools: ALLIANCES * PER_ALLIANCE, evaluations, open, refresh, one, ranking, unavailable: open.result.unavailable, load };
    if (!args.smoke && !args['no-write']) {
      writeSection(path.join(ROOT, 'docs/benchmarks.md'), SECTION, report(run));
      log('wrote its section of docs/benchmarks.md');
    }
    console.log(open.seconds < TARGET_S ? '1 passed, 0 failed' : '0 passed, 1 failed');
  } finally {
    await db?.end().catch(() => undefined);
    await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:evaluation | failed: ${error.message}`);
  if (error.lines?.length) console.error(error.lines.map((l) => `  ${l}`).join('\n'));
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}

#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure:
// prerequisites, build, lint + typecheck + unit tests, integration tests, API tests, browser
// tests, deployment checks, benchmark smoke run. A stage is skipped only when nothing defines it
// yet (no project has the target, or the tool's file does not exist). Ends with one line:
// `N passed, N failed`.
//   npm test                      # everything
//   npm test -- --stages build,unit   # a subset while iterating locally (the full run is what counts)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aptInstall, findChromium, findNatsServer, installHint } from '../dev/lib/prereqs.mjs';
import { ensurePostgresCanReach } from '../dev/lib/postgres-access.mjs';
import { ROOT, nxBin, postgresPrograms } from '../dev/lib/stack.mjs';
import { paint, useColour } from '../dev/lib/log-format.mjs';
import { parseTestCounts, stageContribution } from './lib/counts.mjs';

const { values: args } = parseArgs({ options: { stages: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
const colour = useColour();
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '' };
Object.assign(process.env, NX_ENV);

const nx = (...nxArgs) => ({ command: process.execPath, args: [nxBin(), ...nxArgs, '--outputStyle=static'] });
const STAGES = [
  { key: 'prerequisites', title: 'prerequisites (nats-server, Chromium)', run: prerequisites },
  { key: 'build', title: 'build', targets: ['build'], ...nx('run-many', '-t', 'build', '--parallel=2') },
  { key: 'unit', title: 'lint, typecheck, unit tests', targets: ['lint', 'typecheck', 'test'], ...nx('run-many', '-t', 'lint', 'typecheck', 'test', '--parallel=2') },
  { key: 'int', title: 'integration tests', targets: ['int-test'], ...nx('run-many', '-t', 'int-test', '--parallel=1') },
  { key: 'api', title: 'API tests', targets: ['api-test'], ...nx('run-many', '-t', 'api-test', '--parallel=1') },
  { key: 'e2e', title: 'browser tests', targets: ['e2e'], ...nx('run-many', '-t', 'e2e', '--parallel=1') },
  { key: 'deploy', title: 'deployment checks', file: 'tools/deploy-check/check.mjs', command: process.execPath, args: ['tools/deploy-check/check.mjs'] },
  {
    key: 'bench', title: 'benchmark smoke run (not timed)', file: 'tools/bench/run.mjs',
    commands: [
      { command: process.execPath, args: ['tools/bench/run.mjs', '--smoke'] },
      { command: process.execPath, args: ['tools/bench/assessment-scale.mjs', '--smoke', '--skip-build'] },
      { command: process.execPath, args: ['tools/bench/webhooks-fanout.mjs', '--smoke', '--skip-build'] },
      { command: process.execPath, args: ['tools/bench/resource-search.mjs', '--smoke', '--skip-build'] },
      { command: process.execPath, args: ['tools/bench/pairing-suggestions.mjs', '--smoke', '--skip-build'] },
      { command: process.execPath, args: ['tools/bench/itinerant-timetable.mjs', '--smoke', '--skip-build'] },
    ],
  },
];

if (args.help) {
  console.log(`Usage: npm test [-- --stages ${STAGES.map((s) => s.key).join(',')}]`);
  process.exit(0);
}
const selected = args.stages ? new Set(args.stages.split(',')) : undefined;
const targetCache = new Map();

function projectsWithTarget(target) {
  if (!targetCache.has(target)) {
    const result = spawnSync(process.execPath, [nxBin(), 'show', 'projects', '--with-target', target, '--json'], { cwd: ROOT, encoding: 'utf8', env: process.env });
    if (result.status !== 0) throw new Error(`nx show projects failed:\n${result.stderr || result.stdout}`);
    targetCache.set(target, JSON.parse(result.stdout.trim().split('\n').pop() || '[]'));
  }
  return targetCache.get(target);
}

async function prerequisites() {
  const problems = [];
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 24) problems.push(`Node.js 24 or newer is needed (this is ${process.versions.node}); \`source tools/ci/use-node24.sh\` fetches it from the npm registry`);
  if (!existsSync(path.join(ROOT, 'node_modules/.bin/nx'))) problems.push('dependencies are not installed: run npm install');
  const nats = findNatsServer();
  console.log(`nats-server: ${nats ?? 'MISSING'}`);
  if (!nats) problems.push(`nats-server is needed by the integration, API and browser tests:\n${installHint('nats-server')}`);
  const needsBrowser = projectsWithTarget('e2e').length > 0;
  const chromium = findChromium();
  console.log(`chromium:    ${chromium ?? 'MISSING'}${needsBrowser ? '' : ' (no project has browser tests yet)'}`);
  if (!chromium && needsBrowser) problems.push(`Chromium is needed by the browser tests:\n${installHint('chromium')}`);
  // as root, the test servers' PostgreSQL runs as the `postgres` user: it must reach its programs and the temp folder
  try {
    ensurePostgresCanReach({ programs: await postgresPrograms(), folders: [tmpdir()] }, { install: (packages) => aptInstall(packages, console.log) });
  } catch (error) {
    problems.push(error.message);
  }
  for (const problem of problems) console.error(paint(`✗ ${problem}`, 31, colour));
  return { ok: problems.length === 0 };
}

function runCommand(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ ok: code === 0, code, signal, output });
    });
  });
}

/** Runs a stage's commands one after the other, stopping at the first that fails; the output is all of theirs. */
async function runCommands(commands) {
  let output = '';
  for (const { command, args: commandArgs } of commands) {
    const outcome = await runCommand(command, commandArgs);
    output += outcome.output;
    if (!outcome.ok) return { ...outcome, output };
  }
  return { ok: true, output };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const results = [];
let failed = false;
for (const stage of STAGES) {
  const result = { key: stage.key, title: stage.title, status: 'not run', ms: 0 };
  results.push(result);
  if (failed) continue;
  if (selected && !selected.has(stage.key)) {
    result.status = 'skipped';
    result.note = 'not selected';
    continue;
  }
  let defined = true;
  try {
    defined = !stage.targets || stage.targets.some((t) => projectsWithTarget(t).length > 0);
  } catch (error) {
    console.error(paint(`\n▶ ${stage.title}: cannot list the projects: ${error.message}`, 31, colour));
    result.status = 'failed';
    failed = true;
    continue;
  }
  if (!defined) {
    result.status = 'skipped';
    result.note = `no project defines ${stage.targets.join('/')} yet`;
    console.log(paint(`\n▶ ${stage.title}: skipped, ${result.note}`, 33, colour));
    continue;
  }
  if (stage.file && !existsSync(path.join(ROOT, stage.file))) {
    result.status = 'skipped';
    result.note = `${stage.file} does not exist yet`;
    console.log(paint(`\n▶ ${stage.title}: skipped, ${result.note}`, 33, colour));
    continue;
  }
  console.log(paint(`\n▶ ${stage.title}${stage.targets ? ` (${stage.targets.map((t) => `${t}: ${projectsWithTarget(t).join(', ') || '-'}`).join('; ')})` : ''}`, 1, colour));
  const t0 = Date.now();
  let outcome;
  try {
    outcome = stage.run ? await stage.run() : stage.commands ? await runCommands(stage.commands) : await runCommand(stage.command, stage.args);
  } catch (error) {
    console.error(paint(error.message, 31, colour));
    outcome = { ok: false };
  }
  result.ms = Date.now() - t0;
  result.status = outcome.ok ? 'passed' : 'failed';
  result.counts = outcome.output ? parseTestCounts(outcome.output) : undefined;
  console.log(paint(`▶ ${stage.title}: ${result.status} in ${seconds(result.ms)}`, outcome.ok ? 32 : 31, colour));
  if (!outcome.ok) failed = true;
}

let passedTotal = 0;
let failedTotal = 0;
console.log(paint('\nSummary', 1, colour));
for (const result of results) {
  const { passed, failed: fails } = stageContribution(result);
  passedTotal += passed;
  failedTotal += fails;
  const tests = result.counts?.found ? `${result.counts.passed} passed, ${result.counts.failed} failed` : result.status === 'passed' || result.status === 'failed' ? 'no test counts (counted as one check)' : '';
  const code = { passed: 32, failed: 31, skipped: 33, 'not run': 90 }[result.status];
  console.log(`  ${paint(result.status.padEnd(8), code, colour)} ${result.title.padEnd(36)} ${result.ms ? seconds(result.ms).padStart(8) : ''.padStart(8)}  ${result.note ?? tests}`);
}
console.log(`${passedTotal} passed, ${failedTotal} failed`);
process.exit(failed ? 1 : 0);

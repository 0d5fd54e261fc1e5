#!/usr/bin/env node
// Local launcher: `npm start`. Builds what is not built, starts PostgreSQL and NATS (data kept in
// .data/), migrates, seeds the demo once, starts the services, the gateway and the console, and
// prints where to go and how to log in. While it runs it supervises them: a child that exits
// unexpectedly is restarted with backoff (tools/dev/lib/supervisor.mjs) and the states are published
// for the gateway's /api/v1/system/processes. Ctrl-C stops everything in order, in seconds.
//
//   npm start                         # persistent data in .data/, usual ports when free
//   npm start -- --ephemeral          # throw-away data and free ports (tests)
//   npm start -- --state-file FILE    # write URLs and logins as JSON once ready
//   npm start -- --no-console         # without the console
//   npm start -- --services membership   # only these services (comma-separated) and the gateway
//   npm start -- --skip-build --raw-logs
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PrerequisiteError } from './lib/prereqs.mjs';
import { DEMO_LOGINS, StartError, startStack } from './lib/stack.mjs';
import { paint, useColour } from './lib/log-format.mjs';

const HELP = `Usage: npm start -- [options]
  --ephemeral          temporary data directory and free ports; everything is deleted on exit
  --state-file FILE    write {consoleUrl, gatewayUrl, apiDocsUrl, metricsUrl, logins, ...} as JSON when ready
  --no-console         do not start the console
  --services LIST      comma-separated services to start (default: all)
  --skip-build         do not run the Nx build first
  --raw-logs           show the apps' JSON log lines as they are
  --data-dir DIR       where to keep data (default .data, or JIAOLIAN_DATA_DIR)
Environment: LOG_LEVEL (info), JIAOLIAN_PG_PORT (54329), JIAOLIAN_NATS_PORT (4222),
  JIAOLIAN_GATEWAY_PORT (3000), JIAOLIAN_GATEWAY_METRICS_PORT (3100), JIAOLIAN_CONSOLE_PORT (5173);
  a taken port is replaced by a free one.`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      ephemeral: { type: 'boolean', default: false },
      'state-file': { type: 'string' },
      'no-console': { type: 'boolean', default: false },
      services: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      'raw-logs': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const colour = useColour();
const stateFile = args['state-file'] ? path.resolve(args['state-file']) : undefined;
if (stateFile) rmSync(stateFile, { force: true });

let stack;
let exiting = false;
async function shutdown(code, reason) {
  if (exiting) return;
  exiting = true;
  if (reason) console.log(`\n${paint(reason, 33, colour)}`);
  const t0 = Date.now();
  await stack?.stop();
  if (stateFile) rmSync(stateFile, { force: true });
  if (stack?.ready) {
    const parts = Object.entries(stack.stopTimings).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`);
    console.log(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s (${parts.join(', ')})`);
  }
  process.exit(code);
}
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts > 1 && signal === 'SIGINT') console.log('still stopping: services get up to 5 s to finish what they are doing, PostgreSQL up to 20 s for its checkpoint ...');
    void shutdown(signal === 'SIGINT' ? 130 : 143, `${signal}: stopping the services and the gateway, then NATS, then PostgreSQL ...`);
  });
}

try {
  stack = await startStack({
    ephemeral: args.ephemeral,
    console: !args['no-console'],
    build: !args['skip-build'],
    services: args.services?.split(',').map((s) => s.trim()).filter(Boolean),
    dataDir: args['data-dir'],
    raw: args['raw-logs'],
    onCreated: (created) => { stack = created; },
  });
} catch (error) {
  if (exiting) await new Promise(() => undefined); // a signal is already shutting down
  const details = error instanceof StartError || error instanceof PrerequisiteError ? error.details ?? [] : [error.stack];
  console.error(`\n${paint('Jiaolian did not start:', 31, colour)} ${error.message}`);
  if (details.length) console.error(`${paint('last lines:', 90, colour)}\n${details.map((l) => `  ${l}`).join('\n')}`);
  await shutdown(1);
}

const { consoleUrl, gatewayUrl, apiDocsUrl, metricsUrl } = stack.urls;
if (stateFile) {
  const state = {
    consoleUrl, gatewayUrl, apiDocsUrl, metricsUrl,
    logins: DEMO_LOGINS.map(({ username, password, role }) => ({ username, password, role })),
    databaseUrl: stack.databaseUrl, natsUrl: stack.natsUrl, pid: process.pid,
  };
  writeFileSync(`${stateFile}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${stateFile}.tmp`, stateFile);
}
printBox(stack);

function displayWidth(text) {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function printBox(running) {
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const t = running.timings;
  const lines = [
    `教联 Jiaolian is running / 已启动   (${seconds(t.total)}${running.firstRun ? ', first run: data initialised' : ', data reused'})`,
    '',
    ...(consoleUrl ? [`控制台 Console        ${consoleUrl}/`] : []),
    `接口 API              ${gatewayUrl}/api/v1`,
    `接口文档 API docs     ${apiDocsUrl}`,
    ...(metricsUrl ? [`监控指标 Metrics      ${metricsUrl}   (内部端口 internal port)`] : []),
    '',
    '演示账号 Demo logins (密码 password: Jiaolian@2026)',
    ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(16)} ${l.zh} / ${l.en}`),
    '',
    `数据 Data   ${running.dataDir}`,
    `timings: ${Object.entries(t).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`,
    '按 Ctrl-C 停止 / Press Ctrl-C to stop',
  ];
  const width = Math.max(...lines.map(displayWidth));
  const border = '─'.repeat(width + 2);
  const out = [`┌${border}┐`, ...lines.map((l) => `│ ${l}${' '.repeat(width - displayWidth(l))} │`), `└${border}┘`];
  console.log(`\n${paint(out.join('\n'), 32, colour)}\n`);
}

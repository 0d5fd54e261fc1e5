#!/usr/bin/env node
// Where each profiled process spent its CPU, by package: every sample is charged to the nearest
// package on its stack (so a system call made by `pg` counts as "pg [native writev]", not as Node).
// Idle time is left out; the shares are of the time the process was busy.
//   node tools/bench/profile-summary.mjs DIR [--top 15]
// DIR holds V8 .cpuprofile files (node --cpu-prof) and, optionally, processes.json ({"pid": "name"}).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: profile-summary.mjs DIR [--top N]');
  process.exit(2);
}
const names = existsSync(path.join(dir, 'processes.json')) ? JSON.parse(readFileSync(path.join(dir, 'processes.json'), 'utf8')) : {};

/** The package a script belongs to: an npm package, a workspace app or lib, or undefined for Node's own. */
function packageOf(url) {
  if (!url || url.startsWith('node:')) return undefined;
  const npm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (npm) return npm[1];
  const workspace = url.match(/\/((?:apps|libs|tools)\/[^/]+)\//);
  return workspace ? workspace[1] : path.basename(url);
}

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const time = new Map();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const shares = new Map();
  let busy = 0;
  for (const [id, micros] of time) {
    const leaf = byId.get(id).callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') continue;
    busy += micros;
    let label = leaf === '(garbage collector)' ? 'garbage collector' : undefined;
    let native;
    for (let cursor = id; !label && cursor !== undefined; cursor = parent.get(cursor)) {
      const frame = byId.get(cursor).callFrame;
      if (!frame.url && !native && frame.functionName) native = frame.functionName;
      const owner = packageOf(frame.url);
      if (owner) label = native ? `${owner} [native ${native}]` : owner;
    }
    label ??= `node internals (${leaf || 'anonymous'})`;
    shares.set(label, (shares.get(label) ?? 0) + micros);
  }
  return { busyMs: busy / 1000, shares: [...shares].sort((a, b) => b[1] - a[1]).map(([label, micros]) => ({ label, share: micros / busy })) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (!files.length) console.log(`no .cpuprofile files in ${dir}`);
  for (const file of files) {
    const pid = file.split('.')[3];
    const { busyMs, shares } = summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    console.log(`\n${names[pid] ?? `pid ${pid}`} (${file}): busy ${(busyMs / 1000).toFixed(1)} s`);
    for (const { label, share } of shares.slice(0, Number(values.top))) console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${label}`);
  }
}

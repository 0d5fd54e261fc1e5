#!/usr/bin/env node
// Benchmark: webhook fan-out. Domain events (school renames) are published on JetStream as the outbox
// relay publishes them; the integrations service records each in the change log, writes one delivery
// per subscription in the same transaction, and its worker posts them, signed, to 20 local HTTP
// receivers that answer 200 at once. Measured in the same run, on the same NATS:
//   - paced: events at a steady rate; the delay from publish to each receiver's arrival (p50, p99), against
//     the bare JetStream publish → consume delay of the same number of messages at the same rate;
//   - burst: 10,000 events published as fast as NATS takes them; deliveries per second until all arrived.
//   npm run bench:webhooks                       # rewrites its section of docs/benchmarks.md
//   npm run bench:webhooks -- --smoke            # 200 events to 4 endpoints, writes nothing
//   npm run bench:webhooks -- --events 10000 --endpoints 20 --rate 5 --paced-seconds 15 --no-write
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { api, cleanup, startChild as startIn, waitFor } from './lib/children.mjs';
import { writeSection } from './lib/report-sections.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    events: { type: 'string' },
    endpoints: { type: 'string' },
    rate: { type: 'string' },
    'paced-seconds': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const smoke = args.smoke;
const EVENTS = Number(args.events ?? (smoke ? 200 : 10_000));
const ENDPOINTS = Number(args.endpoints ?? (smoke ? 4 : 20));
// paced: a rate the pipeline keeps up with (5 events × 20 endpoints = 100 deliveries/s), so the delay measured is latency, not queueing
const RATE = Number(args.rate ?? 5);
const PACED_SECONDS = Number(args['paced-seconds'] ?? (smoke ? 2 : 15));
const OBJECTS = 500;
const SECTION = 'webhooks-fanout';
const log = (line) => console.log(`bench:webhooks | ${line}`);
const startChild = (...rest) => startIn(ROOT, ...rest);

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** ENDPOINTS receivers answering 200 at once; each arrival's delay from the publish time carried in the event. */
async function startReceivers() {
  const arrivals = [];
  const servers = [];
  for (let i = 0; i < ENDPOINTS; i += 1) {
    const server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const now = Date.now();
        res.writeHead(200).end('ok');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        arrivals.push({ endpoint: i, id: req.headers['webhook-id'], delayMs: now - Date.parse(body.data.occurredAt), at: now });
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  return { arrivals, urls: servers.map((s) => `http://127.0.0.1:${s.address().port}/hooks`), close: () => servers.forEach((s) => { s.closeAllConnections(); s.close(); }) };
}

/** Publishes `count` school renames at `rate` per second (0: as fast as NATS acknowledges), stamping occurredAt at publish. */
async function publishRenames(js, districtId, schools, count, rate, offset) {
  const started = Date.now();
  const pending = [];
  for (let i = 0; i < count; i += 1) {
    if (rate > 0) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const n = offset + i;
    const event = {
      id: randomUUID(), subject: 'evt.membership.school.renamed.v1', occurredAt: new Date().toISOString(), districtId,
      data: { schoolId: schools[n % schools.length], districtId, code: String(3307000000 + (n % schools.length)), name: `基准学校${n}`, previousName: `基准学校${n - 1}`, version: n + 1 },
    };
    const ack = js.publish(event.subject, JSON.stringify(event), { msgID: event.id });
    if (rate > 0) await ack;
    else {
      pending.push(ack);
      if (pending.length >= 256) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  return (Date.now() - started) / 1000;
}

/** The bare JetStream delay: `count` messages at `rate` on a stream of their own, publish → consume. */
async function bareJetStream(nc, count, rate) {
  const stamp = randomUUID().slice(0, 8);
  const jsm = await jetstreamManager(nc);
  const stream = `BENCH_WEBHOOKS_${stamp}`;
  await jsm.streams.add({ name: stream, subjects: [`benchwh.${stamp}.>`] });
  await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, 'bench');
  const delays = [];
  const messages = await consumer.consume();
  const done = (async () => {
    for await (const m of messages) {
      delays.push(Date.now() - Number(m.string()));
      m.ack();
      if (delays.length >= count) break;
    }
  })();
  const started = Date.now();
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    await js.publish(`benchwh.${stamp}.x`, String(Date.now()));
  }
  await Promise.race([done, sleep(30_000)]);
  await messages.close();
  await jsm.streams.delete(stream);
  return stats(delays);
}

async function waitForArrivals(arrivals, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (arrivals.length < expected) {
    if (Date.now() > deadline) throw new Error(`${arrivals.length} of ${expected} deliveries arrived within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

function report(run) {
  const ms = (v) => `${Math.round(v)} ms`;
  return `
## Webhook fan-out: ${run.events.toLocaleString('en')} events to ${run.endpoints} endpoints

What it answers: how fast the integrations service turns committed changes into signed webhook
deliveries, and how long a change takes from its publication on JetStream (what the outbox relay does
right after a service commits) to a receiver's arrival, against the bare JetStream publish → consume
delay measured in the same run. Every event is a school rename in the demo district; ${run.endpoints}
subscriptions (\`school.renamed\`) each point at their own local HTTP receiver that answers 200 at once.
Each event goes through: the change log consumer (inbox, change log row, one delivery per subscription, NOTIFY, one
transaction), the delivery worker (claim with \`FOR UPDATE SKIP LOCKED\`, per-object order, Standard Webhooks
signature, HTTP POST over keep-alive, attempt logged). Renames cycle over ${OBJECTS} schools, so events about one
school queue behind each other as the ordering rule requires.

### How to run

\`\`\`
npm run bench:webhooks                  # rewrites this section
npm run bench:webhooks -- --smoke       # 200 events to 4 endpoints, writes nothing
npm run bench:webhooks -- --events 10000 --endpoints 20 --rate 5 --paced-seconds 15 --no-write
\`\`\`

### Latest run (${run.date})

Machine: ${run.machine}; load average ${run.load} when the run started.

| phase | events | deliveries | publish → delivery p50 | p99 | max | bare JetStream p50 | p99 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| paced, ${run.rate} events/s for ${run.pacedSeconds} s | ${run.paced.events} | ${run.paced.delivery.count} | ${ms(run.paced.delivery.p50)} | ${ms(run.paced.delivery.p99)} | ${ms(run.paced.delivery.max)} | ${ms(run.paced.bare.p50)} | ${ms(run.paced.bare.p99)} |
| burst | ${run.burst.events} | ${run.burst.delivery.count} | ${ms(run.burst.delivery.p50)} | ${ms(run.burst.delivery.p99)} | ${ms(run.burst.delivery.max)} | | |

- paced: p99 from publication to delivery ${ms(run.paced.delivery.p99)} (target < 100 ms when receivers are fast): ${(run.paced.delivery.p99 / Math.max(1, run.paced.bare.p99)).toFixed(1)}× the bare JetStream p99.
- burst: ${run.burst.events.toLocaleString('en')} events published in ${run.burst.publishSeconds.toFixed(1)} s; all ${run.burst.delivery.count.toLocaleString('en')} deliveries arrived after ${run.burst.seconds.toFixed(1)} s: **${Math.round(run.burst.events / run.burst.seconds)} events/s, ${Math.round(run.burst.delivery.count / run.burst.seconds)} deliveries/s**. The burst delays are queueing: an event waits behind the thousands published before it.
`;
}

async function main() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-bench-webhooks-'));
  const stateFile = path.join(workDir, 'state.json');
  const load = loadavg()[0].toFixed(2);
  const receivers = await startReceivers();
  log('starting an ephemeral stack (membership, integrations, gateway) ...');
  const stack = startChild('stack', process.execPath, ['tools/dev/start.mjs', '--ephemeral', '--no-console', '--services', 'membership,integrations',
    '--state-file', stateFile, '--raw-logs', ...(args['skip-build'] ? ['--skip-build'] : [])],
  { RATE_LIMIT_DISABLED: 'true', LOG_LEVEL: 'warn', FORCE_COLOR: '0', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOKS_CONCURRENCY: '64' });
  let nc;
  try {
    const state = await waitFor(() => existsSync(stateFile) && JSON.parse(readFileSync(stateFile, 'utf8')), stack, 400_000, 'the stack became ready');
    const login = state.logins.find((l) => l.role === 'district_admin');
    const session = await api(state.gatewayUrl, 'POST', '/api/v1/auth/login', undefined, { username: login.username, password: login.password });
    if (session.status !== 200) throw new Error(`logging in failed: HTTP ${session.status}`);
    const token = session.body.accessToken;
    const districtId = session.body.user.districtId ?? session.body.user.assignments.find((a) => a.role === 'district_admin').districtId;
    for (const url of receivers.urls) {
      const created = await api(state.gatewayUrl, 'POST', '/api/v1/webhooks/subscriptions', token, { url, eventTypes: ['school.renamed'], description: '基准测试接收端' });
      if (created.status !== 201) throw new Error(`subscribing failed: HTTP ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
    }
    nc = await connect({ servers: state.natsUrl });
    const js = jetstream(nc);
    const schools = Array.from({ length: OBJECTS }, () => randomUUID());

    // warm-up: connections, prepared plans, JIT
    await publishRenames(js, districtId, schools, 20, 0, 0);
    await waitForArrivals(receivers.arrivals, 20 * ENDPOINTS, 60_000);
    receivers.arrivals.length = 0;

    const pacedEvents = RATE * PACED_SECONDS;
    log(`paced: ${pacedEvents} events at ${RATE}/s to ${ENDPOINTS} endpoints`);
    await publishRenames(js, districtId, schools, pacedEvents, RATE, 20);
    await waitForArrivals(receivers.arrivals, pacedEvents * ENDPOINTS, 120_000);
    const pacedDelivery = stats(receivers.arrivals.map((a) => a.delayMs));
    log(`paced: publish → delivery p50 ${pacedDelivery.p50} ms, p99 ${pacedDelivery.p99} ms`);
    const bare = await bareJetStream(nc, pacedEvents, RATE);
    log(`bare JetStream: p50 ${bare.p50} ms, p99 ${bare.p99} ms`);
    receivers.arrivals.length = 0;

    log(`burst: ${EVENTS} events as fast as NATS takes them`);
    const burstStart = Date.now();
    const publishSeconds = await publishRenames(js, districtId, schools, EVENTS, 0, 20 + pacedEvents);
    await waitForArrivals(receivers.arrivals, EVENTS * ENDPOINTS, 1_800_000);
    const seconds = (receivers.arrivals.reduce((latest, a) => Math.max(latest, a.at), 0) - burstStart) / 1000;
    const burstDelivery = stats(receivers.arrivals.map((a) => a.delayMs));
    const ids = new Set(receivers.arrivals.map((a) => `${a.endpoint}/${a.id}`));
    if (ids.size !== EVENTS * ENDPOINTS) throw new Error(`${ids.size} distinct deliveries of ${EVENTS * ENDPOINTS}`);
    log(`burst: ${EVENTS} events, ${receivers.arrivals.length} deliveries in ${seconds.toFixed(1)} s (${Math.round(EVENTS / seconds)} events/s)`);

    const run = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`,
      load, events: EVENTS, endpoints: ENDPOINTS, rate: RATE, pacedSeconds: PACED_SECONDS,
      paced: { events: pacedEvents, delivery: pacedDelivery, bare },
      burst: { events: EVENTS, publishSeconds, seconds, delivery: burstDelivery },
    };
    if (!smoke && !args['no-write']) {
      writeSection(path.join(ROOT, 'docs/benchmarks.md'), SECTION, report(run));
      log('wrote docs/benchmarks.md');
    } else {
      console.log(report(run));
    }
  } finally {
    await nc?.close();
    receivers.close();
    await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch(async (error) => {
  console.error(`bench:webhooks | failed: ${error.message}`);
  if (error.lines) console.error(error.lines.join('\n'));
  await cleanup();
  process.exit(1);
});

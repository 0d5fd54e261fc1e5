#!/usr/bin/env node
// Offline checks of Jiaolian's deployment files: no Docker engine, kustomize, Helm or cluster.
//   node tools/deploy-check/check.mjs            run every check; exit 1 if any fails
//   node tools/deploy-check/check.mjs --render prod   print the rendered overlay as YAML
// Kustomize overlays are rendered by a small built-in renderer for the subset of kustomize this
// repository uses (lib/kustomize.mjs); anything outside that subset fails loudly.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { checkCompose, variablesUsed } from './lib/compose.mjs';
import { checkDockerfile, NODE_APPS } from './lib/dockerfile.mjs';
import { render } from './lib/kustomize.mjs';
import { checkContainers, checkObjects, isPinned, referencedSecrets } from './lib/policy.mjs';
import { validateObjects } from './lib/schemas.mjs';
import { loadAll, loadOne } from './lib/yaml-io.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const at = (...p) => join(root, ...p);
const read = (...p) => readFileSync(at(...p), 'utf8');
const OVERLAYS = ['dev', 'prod'];
const ROLES = ['gateway', 'membership', 'teacher_exchange', 'curriculum', 'activities', 'assessment', 'integrations'];
const GATEWAY_METRICS_PORT = 3100;
const HEALTH_PORTS = { gateway: 3000, membership: 3101, 'teacher-exchange': 3102, curriculum: 3103, activities: 3104, assessment: 3105, integrations: 3106 };

if (process.argv[2] === '--render') {
  const overlay = process.argv[3];
  if (!OVERLAYS.includes(overlay)) {
    console.error(`usage: check.mjs --render <${OVERLAYS.join('|')}>`);
    process.exit(2);
  }
  process.stdout.write(render(at('deploy/k8s/overlays', overlay)).map((o) => stringify(o)).join('---\n'));
  process.exit(0);
}

const results = [];
function run(name, fn) {
  const t0 = performance.now();
  let problems;
  let detail = '';
  try {
    const r = fn() ?? {};
    problems = r.problems ?? [];
    detail = r.detail ?? '';
  } catch (e) {
    problems = [e.message];
  }
  const ms = Math.round(performance.now() - t0);
  results.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length === 0 ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''} (${ms} ms)`);
  for (const p of problems.slice(0, 40)) console.log(`     - ${p}`);
  if (problems.length > 40) console.log(`     ... and ${problems.length - 40} more`);
}
const fmt = (v) => `${v.object}${v.container ? ` [${v.container}]` : ''}: ${v.rule}: ${v.message}`;

// ------------------------------------------------------------------ container build
run('dockerfile: pinned bases, non-root numeric USER, HEALTHCHECK, app targets', () => {
  const { problems, stages } = checkDockerfile(read('deploy/docker/Dockerfile'), isPinned);
  const ignoreFile = 'deploy/docker/Dockerfile.dockerignore';
  if (!existsSync(at(ignoreFile))) problems.push(`${ignoreFile} is missing`);
  else {
    const lines = read(ignoreFile).split('\n').map((l) => l.trim());
    for (const must of ['**/node_modules', '**/dist', '.git', '.env']) if (!lines.includes(must)) problems.push(`${ignoreFile} does not exclude ${must}`);
  }
  const hc = read('deploy/docker/healthcheck.mjs');
  for (const [app, port] of Object.entries(HEALTH_PORTS)) if (!new RegExp(`'?${app}'?: ${port}`).test(hc)) problems.push(`healthcheck.mjs: default port of ${app} is not ${port}`);
  for (const f of ['deploy/docker/nginx/nginx.conf', 'deploy/docker/nginx/console.conf.template']) if (!existsSync(at(f))) problems.push(`${f} is missing`);
  return { problems, detail: `${stages.length} stages` };
});

// ------------------------------------------------------------------ docker-compose
let composeText = '';
run('compose: image/build, healthchecks, depends_on conditions, no secret literals, volumes', () => {
  composeText = read('docker-compose.yml');
  const doc = loadOne(at('docker-compose.yml'));
  const problems = checkCompose(doc, {
    requiredServices: ['postgres', 'nats', ...NODE_APPS, 'console'],
    statefulServices: ['postgres', 'nats'],
  }).map((p) => `${p.service}: ${p.rule}: ${p.message}`);
  for (const app of NODE_APPS) {
    const env = doc.services[app]?.environment ?? {};
    for (const k of ['DATABASE_URL', 'NATS_URL', 'JIAOLIAN_JWT_SECRET']) if (!env[k]) problems.push(`${app}: ${k} is not set`);
    const expected = app === 'gateway' ? ['PORT', '3000'] : ['HEALTH_PORT', String(HEALTH_PORTS[app])];
    if (String(env[expected[0]]) !== expected[1]) problems.push(`${app}: ${expected[0]} should be ${expected[1]}`);
    // metrics stay on the compose network: the gateway's METRICS_PORT and the services' HEALTH_PORT are never published
    const metricsPort = app === 'gateway' ? String(env.METRICS_PORT) : String(HEALTH_PORTS[app]);
    if (app === 'gateway' && metricsPort !== String(GATEWAY_METRICS_PORT)) problems.push(`gateway: METRICS_PORT should be ${GATEWAY_METRICS_PORT}`);
    for (const published of doc.services[app]?.ports ?? []) {
      const target = String(typeof published === 'object' ? published.target : String(published).split(':').pop()).split('/')[0];
      if (target === metricsPort) problems.push(`${app}: publishes its metrics port ${metricsPort}`);
    }
  }
  return { problems, detail: `${Object.keys(doc.services).length} services` };
});

run('.env.example documents every compose variable (and nothing stale)', () => {
  const documented = new Set(read('.env.example').split('\n').map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter(Boolean));
  const used = variablesUsed(composeText || read('docker-compose.yml'));
  const problems = [];
  for (const v of used) if (!documented.has(v)) problems.push(`${v} is used by docker-compose.yml but not in .env.example`);
  for (const v of documented) if (!used.has(v)) problems.push(`${v} is in .env.example but docker-compose.yml never reads it`);
  return { problems, detail: `${documented.size} variables` };
});

run('postgres bootstrap SQL identical for compose and CloudNativePG, one role+schema per app', () => {
  const problems = [];
  const sql = read('deploy/postgres/init/10-schemas.sql');
  const cm = loadAll(at('deploy/k8s/base/postgres/bootstrap-sql.yaml')).find((o) => o.kind === 'ConfigMap');
  if (cm?.data?.['bootstrap.sql'] !== sql) problems.push('deploy/k8s/base/postgres/bootstrap-sql.yaml differs from deploy/postgres/init/10-schemas.sql');
  for (const r of ROLES) if (!sql.includes(`'${r}'`)) problems.push(`bootstrap SQL does not create role/schema ${r}`);
  const login = read('deploy/postgres/init/20-login.sh');
  for (const r of ROLES) if (!login.includes(`${r}:${r.toUpperCase()}_DB_PASSWORD`)) problems.push(`20-login.sh does not set the password of ${r}`);
  const cluster = loadAll(at('deploy/k8s/base/postgres/cluster.yaml')).find((o) => o.kind === 'Cluster');
  const managed = new Set((cluster?.spec?.managed?.roles ?? []).map((r) => r.name));
  for (const r of ROLES) if (!managed.has(r)) problems.push(`CloudNativePG Cluster does not manage role ${r}`);
  return { problems, detail: `${ROLES.length} roles` };
});

// ------------------------------------------------------------------ kubernetes
const rendered = {};
for (const overlay of OVERLAYS) {
  run(`k8s ${overlay}: render overlay (built-in kustomize subset)`, () => {
    const objects = render(at('deploy/k8s/overlays', overlay));
    rendered[overlay] = objects;
    const problems = [];
    const ns = objects.find((o) => o.kind === 'Namespace')?.metadata.name;
    if (!ns) problems.push('no Namespace');
    for (const o of objects) if (o.kind !== 'Namespace' && o.metadata.namespace !== ns) problems.push(`${o.kind}/${o.metadata.name} is not in namespace ${ns}`);
    const kinds = {};
    for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    return { problems, detail: `${objects.length} objects in ${ns}: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}` };
  });
  run(`k8s ${overlay}: schema validation (kubernetes-models; minimal CRD schemas)`, () => {
    if (!rendered[overlay]) return { problems: ['not rendered'] };
    return { problems: validateObjects(rendered[overlay]), detail: `${rendered[overlay].length} objects` };
  });
  run(`k8s ${overlay}: capacity (JetStream replicas vs NATS nodes, DB pools vs role connection limits)`, () => {
    const objects = rendered[overlay];
    if (!objects) return { problems: ['not rendered'] };
    const problems = [];
    const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    const shared = find('ConfigMap', 'jiaolian-config')?.data ?? {};
    const natsNodes = find('StatefulSet', 'nats')?.spec.replicas ?? 0;
    const streamReplicas = Number(shared.NATS_STREAM_REPLICAS ?? 1);
    if (streamReplicas > natsNodes) problems.push(`NATS_STREAM_REPLICAS ${streamReplicas} > ${natsNodes} NATS nodes`);
    if (streamReplicas < Math.min(3, natsNodes)) problems.push(`NATS_STREAM_REPLICAS ${streamReplicas}: streams would not be replicated across the ${natsNodes} NATS nodes`);
    const cluster = objects.find((o) => o.kind === 'Cluster');
    const limits = Object.fromEntries((cluster?.spec.managed?.roles ?? []).map((r) => [r.name, r.connectionLimit ?? -1]));
    let total = 0;
    for (const app of NODE_APPS) {
      const dep = find('Deployment', app);
      const hpa = find('HorizontalPodAutoscaler', app);
      let pool = 10;
      for (const e of dep?.spec.template.spec.containers[0].envFrom ?? []) {
        const v = find('ConfigMap', e.configMapRef?.name)?.data?.DB_POOL_SIZE;
        if (v !== undefined) pool = Number(v);
      }
      const role = app.replace(/-/g, '_');
      const need = (hpa?.spec.maxReplicas ?? 1) * pool;
      const limit = limits[role];
      if (limit === undefined) problems.push(`no managed role ${role}`);
      else if (limit >= 0 && need > limit) problems.push(`${app}: ${hpa.spec.maxReplicas} replicas x DB_POOL_SIZE ${pool} = ${need} > connectionLimit ${limit}`);
      total += limit >= 0 ? limit : need;
    }
    const max = Number(cluster?.spec.postgresql?.parameters?.max_connections ?? 100);
    if (total > max - 10) problems.push(`role connection limits sum to ${total}, too close to max_connections ${max}`);
    return { problems, detail: `stream replicas ${streamReplicas}/${natsNodes} nodes; ${total}/${max} PostgreSQL connections budgeted` };
  });
  run(`k8s ${overlay}: metrics on internal ports only (no Service, Ingress or NetworkPolicy path from outside)`, () => {
    const objects = rendered[overlay];
    if (!objects) return { problems: ['not rendered'] };
    return { problems: checkMetricsPorts(objects), detail: 'scrape ports annotated, off every public Service and Ingress, open to monitoring only' };
  });
  run(`k8s ${overlay}: policy (probes, resources, securityContext, pinned images, PDB/HPA, NetworkPolicy)`, () => {
    const objects = rendered[overlay];
    if (!objects) return { problems: ['not rendered'] };
    const problems = [...checkContainers(objects), ...checkObjects(objects, overlay)].map(fmt);
    const apps = [...NODE_APPS, 'console'];
    for (const app of apps) if (!objects.some((o) => o.kind === 'Deployment' && o.metadata.name === app)) problems.push(`no Deployment for ${app}`);
    if (overlay === 'prod') {
      for (const app of apps) {
        const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === app);
        if (!hpa || hpa.spec.minReplicas < 2) problems.push(`${app}: prod needs >= 2 replicas`);
      }
    }
    const containers = objects.flatMap((o) => o.spec?.template?.spec?.containers ?? []).length;
    return { problems, detail: `${containers} containers; secrets to create: ${referencedSecrets(objects).join(', ')}` };
  });
}

run('k8s: example Secrets are fake and excluded from every kustomization', () => {
  const problems = [];
  const kfiles = ['deploy/k8s/base', ...OVERLAYS.map((o) => `deploy/k8s/overlays/${o}`)].map((d) => `${d}/kustomization.yaml`);
  for (const f of kfiles) {
    const k = loadOne(at(f));
    for (const r of [...(k.resources ?? []), ...(k.patches ?? []).map((p) => p.path).filter(Boolean)]) {
      if (/\.example\./.test(r)) problems.push(`${f} lists ${r}`);
    }
  }
  const examples = loadAll(at('deploy/k8s/base/secrets.example.yaml'));
  for (const s of examples) {
    if (s.kind !== 'Secret') problems.push(`secrets.example.yaml holds a ${s.kind}`);
    for (const [key, value] of Object.entries({ ...(s.stringData ?? {}), ...(s.data ?? {}) })) {
      if (key === 'username') continue;
      if (!/FAKE-EXAMPLE/.test(String(value))) problems.push(`secrets.example.yaml ${s.metadata.name}.${key} is not an obviously fake value`);
    }
  }
  problems.push(...validateObjects(examples));
  return { problems, detail: `${examples.length} example Secrets` };
});

/**
 * Prometheus scrapes each node app on an internal port (the gateway's METRICS_PORT, the services'
 * HEALTH_PORT): the pod annotation names that port, no Service or Ingress leads to it, and only the
 * monitoring namespace may reach it. The gateway's public Service carries the API port alone.
 */
function checkMetricsPorts(objects) {
  const problems = [];
  const MONITORING = 'monitoring';
  const publicServices = new Set([
    ...objects.filter((o) => o.kind === 'Ingress').flatMap((o) => [
      o.spec?.defaultBackend?.service?.name,
      ...(o.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend?.service?.name)),
    ]).filter(Boolean),
    ...objects.filter((o) => o.kind === 'Service' && ['LoadBalancer', 'NodePort'].includes(o.spec?.type)).map((o) => o.metadata.name),
  ]);
  if (!publicServices.has('gateway')) problems.push('no Ingress routes to the gateway Service');
  for (const app of NODE_APPS) {
    const dep = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === app);
    if (!dep) continue;
    const annotations = dep.spec.template.metadata?.annotations ?? {};
    const port = Number(annotations['prometheus.io/port']);
    const expectedName = app === 'gateway' ? 'metrics' : 'health';
    const container = dep.spec.template.spec.containers[0];
    const named = (container.ports ?? []).find((p) => p.containerPort === port);
    if (annotations['prometheus.io/scrape'] !== 'true' || !port) problems.push(`${app}: pods are not annotated for scraping with a port`);
    else if (!named) problems.push(`${app}: prometheus.io/port ${port} is not a container port`);
    else if (named.name !== expectedName) problems.push(`${app}: metrics port ${port} is named "${named.name}", expected "${expectedName}"`);
    if (app === 'gateway') {
      const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
      if (String(env.METRICS_PORT) !== String(port)) problems.push(`gateway: METRICS_PORT ${env.METRICS_PORT} differs from the scraped port ${port}`);
      const http = (container.ports ?? []).find((p) => p.name === 'http');
      if (http && http.containerPort === port) problems.push('gateway: metrics are scraped on the public http port');
    }
    // public: routed by an Ingress or reachable from outside the cluster (the services' own ClusterIP
    // Services carry their health port on purpose, for the monitoring namespace only)
    const services = objects.filter((o) => o.kind === 'Service' && o.spec?.selector && publicServices.has(o.metadata.name)
      && Object.entries(o.spec.selector).every(([k, v]) => dep.spec.template.metadata?.labels?.[k] === v));
    for (const svc of services) {
      for (const p of svc.spec.ports ?? []) {
        if (p.targetPort === expectedName || p.targetPort === port || (p.targetPort === undefined && p.port === port)) {
          problems.push(`Service/${svc.metadata.name} exposes the metrics port of ${app} (${p.name ?? p.port})`);
        }
      }
    }
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.spec?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === app)
      ?? objects.find((o) => o.kind === 'NetworkPolicy' && o.spec?.podSelector?.matchLabels?.['app.kubernetes.io/component'] === dep.spec.template.metadata?.labels?.['app.kubernetes.io/component']);
    if (!policy) { problems.push(`${app}: no NetworkPolicy selects its pods`); continue; }
    let scrapeAllowed = false;
    for (const rule of policy.spec.ingress ?? []) {
      const opensMetrics = (rule.ports ?? []).some((p) => p.port === expectedName || p.port === port);
      if (!opensMetrics) continue;
      const fromMonitoringOnly = (rule.from ?? []).length > 0 && rule.from.every((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === MONITORING && !f.podSelector && !f.ipBlock);
      if (fromMonitoringOnly) scrapeAllowed = true;
      else problems.push(`NetworkPolicy/${policy.metadata.name}: the metrics port of ${app} is open to more than the ${MONITORING} namespace`);
    }
    if (!scrapeAllowed) problems.push(`NetworkPolicy/${policy.metadata.name}: Prometheus (${MONITORING}) may not reach the metrics port of ${app}`);
  }
  const gatewayMetrics = new Set(['metrics', 3100]);
  for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        if (backend?.name === 'gateway' && (gatewayMetrics.has(backend.port?.name) || gatewayMetrics.has(backend.port?.number))) problems.push(`Ingress/${ing.metadata.name} routes ${path.path} to the gateway's metrics port`);
        if (/metrics/.test(path.path ?? '')) problems.push(`Ingress/${ing.metadata.name} routes ${path.path}`);
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------------ docs
run('docs/deploy.md: every variable documented, no registry host or machine path', () => {
  const problems = [];
  const doc = read('docs/deploy.md');
  const vars = new Set(read('.env.example').split('\n').map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter(Boolean));
  for (const v of ['DATABASE_URL', 'NATS_URL', 'PORT', 'HEALTH_PORT', 'GATEWAY_UPSTREAM']) vars.add(v);
  for (const o of rendered.prod ?? []) if (o.kind === 'ConfigMap' && o.metadata.name !== 'jiaolian-pg-bootstrap' && o.metadata.name !== 'nats-config') Object.keys(o.data ?? {}).forEach((k) => vars.add(k));
  for (const v of vars) if (!new RegExp(`\\b${v}\\b`).test(doc)) problems.push(`${v} is not documented`);
  for (const m of doc.matchAll(/\b(docker\.io|ghcr\.io|quay\.io|gcr\.io|registry\.k8s\.io|[a-z0-9-]+\.azurecr\.io|[a-z0-9.-]*\.aliyuncs\.com|hub\.docker\.com)\b/gi)) problems.push(`names a registry host: ${m[0]}`);
  for (const m of doc.matchAll(/(^|[\s`("'])(\/(?:work|home|Users|root|opt|srv|mnt)\/[^\s`)"']*)/g)) problems.push(`names a machine path: ${m[2]}`);
  for (const section of ['Install', 'Configur', 'Upgrad', 'Back', 'Restor', 'Scal', 'Monitor']) if (!new RegExp(`^#+ .*${section}`, 'mi').test(doc)) problems.push(`no section about ${section}…`);
  return { problems, detail: `${vars.size} variables` };
});

// ------------------------------------------------------------------ self-test
run('self-test: the policy rejects fixtures/bad-deployment.yaml', () => {
  const objects = loadAll(join(here, 'fixtures/bad-deployment.yaml'));
  const violations = [...checkContainers(objects), ...checkObjects(objects, 'prod')];
  const fired = new Set(violations.map((v) => v.rule));
  const expected = ['probes', 'resources', 'non-root', 'privilege', 'capabilities', 'seccomp', 'read-only-root', 'pinned-image', 'pdb', 'hpa', 'replicas', 'network-policy', 'secrets', 'service-account-token'];
  const problems = expected.filter((r) => !fired.has(r)).map((r) => `rule "${r}" did not reject the bad fixture`);
  return { problems, detail: `${violations.length} violations, ${fired.size} rules fired` };
});

run('self-test: the compose check rejects fixtures/bad-compose.yml', () => {
  const doc = loadOne(join(here, 'fixtures/bad-compose.yml'));
  const found = checkCompose(doc, { requiredServices: ['postgres', 'app', 'nats'], statefulServices: ['postgres'] });
  const fired = new Set(found.map((p) => p.rule));
  const expected = ['services', 'image-or-build', 'pinned-image', 'healthcheck', 'secret-literal', 'depends-on', 'volumes'];
  const problems = expected.filter((r) => !fired.has(r)).map((r) => `rule "${r}" did not reject the bad compose fixture`);
  return { problems, detail: `${found.length} problems found` };
});

const failed = results.filter((r) => !r.ok);
console.log(`${failed.length === 0 ? 'OK' : 'FAILED'}: ${results.length - failed.length}/${results.length} deploy checks passed (${relative(process.cwd(), here) || '.'})`);
process.exit(failed.length === 0 ? 0 : 1);

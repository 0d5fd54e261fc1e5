// Deployment policy for rendered Kubernetes objects. Each violation names the object, the
// container (if any) and the rule, so the self-test can assert which rules fired.
import { parseImage, podSpecOf } from './kustomize.mjs';

// An image is pinned when it carries a digest, or a version tag (a number with at least one
// dot: 1.2, 2.12.8-alpine, 18.3-standard-trixie). "latest", "main", "stable", "20" are not.
export function isPinned(image) {
  const ref = parseImage(image ?? '');
  if (ref.digest) return /^sha256:[a-f0-9]{64}$/.test(ref.digest);
  if (!ref.tag) return false;
  return /^v?\d+\.\d+/.test(ref.tag);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet', 'Pod']);
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function v(list, o, container, rule, message) {
  list.push({ object: `${o.kind}/${o.metadata.name}`, container, rule, message });
}

function podLabels(o) {
  return o.kind === 'Pod' ? o.metadata.labels ?? {} : o.spec?.template?.metadata?.labels ?? {};
}

export function selectorMatches(selector, labels) {
  if (!selector) return false;
  const ml = selector.matchLabels ?? {};
  const ok = Object.entries(ml).every(([k, val]) => labels[k] === val);
  const ex = (selector.matchExpressions ?? []).every((e) => {
    if (e.operator === 'In') return e.values.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !e.values.includes(labels[e.key]);
    if (e.operator === 'Exists') return e.key in labels;
    if (e.operator === 'DoesNotExist') return !(e.key in labels);
    return false;
  });
  return ok && ex;
}

/** Per-container and per-pod rules. */
export function checkContainers(objects) {
  const out = [];
  for (const o of objects) {
    if (!WORKLOADS.has(o.kind)) continue;
    const spec = podSpecOf(o);
    if (!spec) continue;
    const psc = spec.securityContext ?? {};
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) v(out, o, null, 'host-namespaces', 'must not use hostNetwork/hostPID/hostIPC');
    if (spec.automountServiceAccountToken !== false) v(out, o, null, 'service-account-token', 'automountServiceAccountToken must be false (no app talks to the Kubernetes API)');
    const volumes = new Map((spec.volumes ?? []).map((vol) => [vol.name, vol]));
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      const isInit = (spec.initContainers ?? []).includes(c);
      if (LONG_RUNNING.has(o.kind) && !isInit) {
        if (!c.readinessProbe) v(out, o, c.name, 'probes', 'no readinessProbe');
        if (!c.livenessProbe) v(out, o, c.name, 'probes', 'no livenessProbe');
        const portNames = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
        for (const p of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
          const port = c[p]?.httpGet?.port ?? c[p]?.tcpSocket?.port;
          if (typeof port === 'string' && !portNames.has(port)) v(out, o, c.name, 'probes', `${p} uses port "${port}", which the container does not declare`);
        }
      }
      const r = c.resources ?? {};
      for (const k of ['cpu', 'memory']) {
        if (!r.requests?.[k]) v(out, o, c.name, 'resources', `no requests.${k}`);
        if (!r.limits?.[k]) v(out, o, c.name, 'resources', `no limits.${k}`);
      }
      const runAsNonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
      const runAsUser = sc.runAsUser ?? psc.runAsUser;
      if (runAsNonRoot !== true) v(out, o, c.name, 'non-root', 'runAsNonRoot must be true');
      if (runAsUser === 0) v(out, o, c.name, 'non-root', 'runAsUser must not be 0');
      if (sc.privileged) v(out, o, c.name, 'privilege', 'must not be privileged');
      if (sc.allowPrivilegeEscalation !== false) v(out, o, c.name, 'privilege', 'allowPrivilegeEscalation must be false');
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) v(out, o, c.name, 'capabilities', 'capabilities.drop must include ALL');
      if ((sc.capabilities?.add ?? []).length > 0) v(out, o, c.name, 'capabilities', 'must not add capabilities');
      const seccomp = (sc.seccompProfile ?? psc.seccompProfile)?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') v(out, o, c.name, 'seccomp', 'seccompProfile must be RuntimeDefault');
      if (sc.readOnlyRootFilesystem !== true) v(out, o, c.name, 'read-only-root', 'readOnlyRootFilesystem must be true');
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) v(out, o, c.name, 'read-only-root', 'needs an emptyDir volume mounted on /tmp');
      if (!isPinned(c.image)) v(out, o, c.name, 'pinned-image', `image "${c.image}" is not pinned to a version tag or digest`);
    }
  }
  return out;
}

/** Rules across objects. env: "dev" | "prod". */
export function checkObjects(objects, env) {
  const out = [];
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const deployments = of('Deployment');
  for (const d of deployments) {
    const labels = podLabels(d);
    if (!of('PodDisruptionBudget').some((p) => selectorMatches(p.spec?.selector, labels))) v(out, d, null, 'pdb', 'no PodDisruptionBudget selects its pods');
    const hpa = of('HorizontalPodAutoscaler').find((h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name);
    if (!hpa) v(out, d, null, 'hpa', 'no HorizontalPodAutoscaler targets it');
    if (env === 'prod') {
      if (d.spec.replicas !== undefined && d.spec.replicas < 2) v(out, d, null, 'replicas', `replicas ${d.spec.replicas} < 2 in prod`);
      if (hpa && (hpa.spec.minReplicas ?? 1) < 2) v(out, d, null, 'replicas', `HPA minReplicas ${hpa.spec.minReplicas ?? 1} < 2 in prod`);
    }
    if (!selectorMatches(d.spec.selector, labels)) v(out, d, null, 'selector', 'spec.selector does not match the pod template labels');
  }
  for (const s of of('StatefulSet')) {
    if (!of('PodDisruptionBudget').some((p) => selectorMatches(p.spec?.selector, podLabels(s)))) v(out, s, null, 'pdb', 'no PodDisruptionBudget selects its pods');
    if (env === 'prod' && (s.spec.replicas ?? 1) < 3) v(out, s, null, 'replicas', 'a clustered StatefulSet needs 3 replicas in prod');
  }
  for (const c of objects.filter((o) => o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/'))) {
    if (env === 'prod' && c.spec.instances < 3) v(out, c, null, 'replicas', `PostgreSQL instances ${c.spec.instances} < 3 in prod`);
  }

  // Network policies: a default deny, and every pod selected by a specific policy.
  const netpols = of('NetworkPolicy');
  const isDenyAll = (p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) && !p.spec.ingress && !p.spec.egress;
  if (!netpols.some(isDenyAll)) out.push({ object: 'NetworkPolicy/*', container: null, rule: 'network-policy', message: 'no default-deny (Ingress+Egress) NetworkPolicy' });
  for (const w of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const labels = podLabels(w);
    if (!netpols.some((p) => Object.keys(p.spec.podSelector ?? {}).length > 0 && selectorMatches(p.spec.podSelector, labels))) v(out, w, null, 'network-policy', 'no NetworkPolicy opens traffic for its pods');
  }

  // Services must select pods and target declared ports.
  const workloads = objects.filter((o) => WORKLOADS.has(o.kind));
  for (const s of of('Service')) {
    const sel = s.spec?.selector;
    if (!sel) continue;
    const targets = workloads.filter((w) => selectorMatches({ matchLabels: sel }, podLabels(w)));
    if (targets.length === 0) v(out, s, null, 'service', 'selector matches no workload');
    for (const p of s.spec.ports ?? []) {
      if (typeof p.targetPort !== 'string') continue;
      const declared = targets.some((w) => podSpecOf(w).containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)));
      if (targets.length && !declared) v(out, s, null, 'service', `targetPort "${p.targetPort}" is not declared by the selected pods`);
    }
  }

  // Only the gateway and the console are exposed.
  for (const i of of('Ingress')) {
    for (const rule of i.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const svc = path.backend?.service?.name;
        if (!['gateway', 'console'].includes(svc)) v(out, i, null, 'ingress', `routes ${path.path} to "${svc}"; only gateway and console may be exposed`);
      }
    }
  }

  // Secrets are referenced, never committed; ConfigMaps hold no secret-looking keys.
  for (const s of of('Secret')) v(out, s, null, 'secrets', 'Secret objects must not be committed (create them out of band)');
  for (const cm of of('ConfigMap')) {
    for (const key of Object.keys(cm.data ?? {})) {
      if (/(SECRET|PASSWORD|TOKEN|ACCESS_KEY|PRIVATE_KEY)/i.test(key)) v(out, cm, null, 'secrets', `ConfigMap key ${key} looks like a secret`);
    }
  }
  // Every referenced ConfigMap exists in the rendered set.
  const cms = new Set(of('ConfigMap').map((c) => c.metadata.name));
  for (const w of workloads) {
    const spec = podSpecOf(w);
    const refs = [];
    for (const c of spec.containers ?? []) {
      for (const e of c.envFrom ?? []) if (e.configMapRef) refs.push(e.configMapRef.name);
      for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) refs.push(e.valueFrom.configMapKeyRef.name);
    }
    for (const vol of spec.volumes ?? []) if (vol.configMap) refs.push(vol.configMap.name);
    for (const r of refs) if (!cms.has(r)) v(out, w, null, 'config', `references ConfigMap ${r}, which is not rendered`);
  }
  return out;
}

/** Names of Secrets the rendered objects expect to exist. */
export function referencedSecrets(objects) {
  const names = new Set();
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x && typeof x === 'object') {
      if (x.secretKeyRef?.name) names.add(x.secretKeyRef.name);
      if (x.passwordSecret?.name) names.add(x.passwordSecret.name);
      if (x.secretName) names.add(x.secretName);
      if (x.accessKeyId?.name) names.add(x.accessKeyId.name);
      Object.values(x).forEach(walk);
    }
  };
  walk(objects);
  return [...names].sort();
}

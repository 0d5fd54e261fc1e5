// A small kustomize renderer for the subset of kustomize this repository uses, so overlays can be
// rendered and checked offline without a kustomize binary. Anything outside the subset is an
// error (never silently ignored), so the rendered output cannot drift from what `kubectl -k`
// produces without this tool noticing.
//
// Supported kustomization fields:
//   resources   files (inside the kustomization root) and directories holding a kustomization
//   namespace   sets metadata.namespace of namespaced objects (and the name of a Namespace)
//   labels      [{pairs, includeSelectors: false, includeTemplates}] (selectors are never touched)
//   images      [{name, newName?, newTag?, digest?}] on pod-template containers and initContainers
//   replicas    [{name, count}] on Deployments/StatefulSets
//   patches     [{path | patch, target?}], one patch each: strategic-merge (built-in kinds: lists merged by their
//               Kubernetes merge keys; custom resources: JSON merge patch) or JSON 6902
//               (add/replace/remove); target: kind, name (regex), group, version, labelSelector
// Transformer order follows kustomize: patches, namespace, labels, images, replicas.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { clone, isObject, loadAll, loadOne } from './yaml-io.mjs';

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'IngressClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService',
]);
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export function groupOf(apiVersion) {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
export function isBuiltinGroup(group) {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}
export const idOf = (o) =>
  `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? '~'}/${o.metadata?.name}`;

function findKustomization(dir) {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

function insideRoot(root, p) {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Render the kustomization in `dir`; returns the list of objects. */
export function render(dir) {
  dir = resolve(dir);
  const kfile = findKustomization(dir);
  const k = loadOne(kfile);
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new Error(`${kfile}: field "${key}" is outside the renderer's subset`);
  }
  let objects = [];
  const seen = new Set();
  for (const r of k.resources ?? []) {
    const p = resolve(dir, r);
    if (!existsSync(p)) throw new Error(`${kfile}: resource ${r} does not exist`);
    let loaded;
    if (statSync(p).isDirectory()) loaded = render(p);
    else {
      if (!insideRoot(dir, p)) throw new Error(`${kfile}: file ${r} is outside the kustomization root (kustomize refuses it)`);
      loaded = loadAll(p);
    }
    for (const o of loaded) {
      if (!o.apiVersion || !o.kind || !o.metadata?.name) throw new Error(`${r}: object without apiVersion/kind/metadata.name`);
      const id = idOf(o);
      if (seen.has(id)) throw new Error(`${kfile}: duplicate object ${id}`);
      seen.add(id);
      objects.push(o);
    }
  }
  for (const [i, p] of (k.patches ?? []).entries()) applyPatch(objects, p, dir, `${kfile} patches[${i}]`);
  if (k.namespace) setNamespace(objects, k.namespace);
  for (const l of k.labels ?? []) addLabels(objects, l, kfile);
  for (const img of k.images ?? []) setImage(objects, img, kfile);
  for (const rep of k.replicas ?? []) setReplicas(objects, rep, kfile);
  return objects;
}

// ---------------------------------------------------------------- patches
function applyPatch(objects, p, dir, where) {
  const allowed = new Set(['path', 'patch', 'target']);
  for (const key of Object.keys(p)) if (!allowed.has(key)) throw new Error(`${where}: "${key}" is outside the renderer's subset`);
  let text;
  if (p.path) {
    const file = resolve(dir, p.path);
    if (!insideRoot(dir, file)) throw new Error(`${where}: patch file ${p.path} is outside the kustomization root`);
    text = readFileSync(file, 'utf8');
  } else if (typeof p.patch === 'string') text = p.patch;
  else throw new Error(`${where}: needs path or patch`);

  const docs = loadAll(where, text);
  if (docs.length === 1 && Array.isArray(docs[0])) {
    if (!p.target) throw new Error(`${where}: a JSON 6902 patch needs a target`);
    const targets = select(objects, p.target, where);
    for (const t of targets) applyJson6902(t, docs[0], `${where} on ${t.kind}/${t.metadata.name}`);
    return;
  }
  if (docs.length !== 1) throw new Error(`${where}: one strategic-merge patch per file/entry, found ${docs.length}`);
  for (const doc of docs) {
    if (!isObject(doc)) throw new Error(`${where}: a strategic-merge patch must be a YAML object`);
    const targets = p.target
      ? select(objects, p.target, where)
      : select(objects, { kind: doc.kind, name: escapeRegex(doc.metadata?.name ?? ''), group: groupOf(doc.apiVersion ?? '') }, where);
    for (const t of targets) {
      const body = clone(doc);
      if (p.target) { delete body.metadata?.name; delete body.apiVersion; delete body.kind; }
      strategicMerge(t, body, isBuiltinGroup(groupOf(t.apiVersion)), []);
    }
  }
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function select(objects, target, where = 'target') {
  const allowed = new Set(['kind', 'name', 'group', 'version', 'labelSelector']);
  for (const key of Object.keys(target)) if (!allowed.has(key)) throw new Error(`${where}: target.${key} is outside the renderer's subset`);
  const nameRe = target.name !== undefined ? new RegExp(`^(?:${target.name})$`) : null;
  const labels = target.labelSelector ? parseSelector(target.labelSelector, where) : null;
  const found = objects.filter((o) => {
    if (target.kind && o.kind !== target.kind) return false;
    if (nameRe && !nameRe.test(o.metadata.name)) return false;
    if (target.group !== undefined && groupOf(o.apiVersion) !== target.group) return false;
    if (target.version && o.apiVersion.split('/').pop() !== target.version) return false;
    if (labels && !Object.entries(labels).every(([k, v]) => o.metadata.labels?.[k] === v)) return false;
    return true;
  });
  if (found.length === 0) throw new Error(`${where}: target ${JSON.stringify(target)} matches no object`);
  return found;
}

function parseSelector(sel, where) {
  const out = {};
  for (const part of sel.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=!\s]+)=([^=\s]*)$/.exec(part);
    if (!m) throw new Error(`${where}: labelSelector "${part}" (only key=value terms are supported)`);
    out[m[1]] = m[2];
  }
  return out;
}

// Kubernetes' patchMergeKey for the lists this repository patches. Lists not named here are
// replaced, as strategic merge does for atomic lists.
function mergeKeyFor(field, items) {
  if (['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets'].includes(field)) return 'name';
  if (field === 'volumeMounts') return 'mountPath';
  if (field === 'ports') return items.every((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return null;
}

export function strategicMerge(target, patch, builtin, path) {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new Error(`patch directive ${key} at ${path.join('.')} is outside the renderer's subset`);
    if (value === null) { delete target[key]; continue; }
    const cur = target[key];
    if (isObject(value) && isObject(cur)) { strategicMerge(cur, value, builtin, [...path, key]); continue; }
    if (builtin && Array.isArray(value) && Array.isArray(cur)) {
      const mk = mergeKeyFor(key, [...cur, ...value]);
      if (mk && value.every((i) => isObject(i) && i[mk] !== undefined)) {
        for (const item of value) {
          const existing = cur.find((c) => isObject(c) && c[mk] === item[mk]);
          if (existing) strategicMerge(existing, item, builtin, [...path, `${key}[${mk}=${item[mk]}]`]);
          else cur.push(clone(item));
        }
        continue;
      }
    }
    target[key] = clone(value);
  }
}

function pointer(path) {
  if (!path.startsWith('/')) throw new Error(`JSON pointer "${path}" must start with /`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function applyJson6902(obj, ops, where) {
  for (const op of ops) {
    const parts = pointer(op.path);
    const last = parts.pop();
    let parent = obj;
    for (const p of parts) {
      parent = Array.isArray(parent) ? parent[Number(p)] : parent?.[p];
      if (parent === undefined) throw new Error(`${where}: path ${op.path} does not exist`);
    }
    const has = Array.isArray(parent) ? Number(last) < parent.length : Object.hasOwn(parent, last);
    switch (op.op) {
      case 'add':
        if (Array.isArray(parent)) {
          if (last === '-') parent.push(clone(op.value));
          else parent.splice(Number(last), 0, clone(op.value));
        } else parent[last] = clone(op.value);
        break;
      case 'replace':
        if (!has) throw new Error(`${where}: replace ${op.path}: no such value`);
        parent[last] = clone(op.value);
        break;
      case 'remove':
        if (!has) throw new Error(`${where}: remove ${op.path}: no such value`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      default:
        throw new Error(`${where}: op "${op.op}" is outside the renderer's subset`);
    }
  }
}

// ---------------------------------------------------------------- transformers
function setNamespace(objects, ns) {
  for (const o of objects) {
    if (o.kind === 'Namespace') o.metadata.name = ns;
    else if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = ns;
  }
}

function addLabels(objects, l, kfile) {
  if (l.includeSelectors) throw new Error(`${kfile}: labels.includeSelectors: true is outside the renderer's subset (and makes selectors immutable-breaking)`);
  for (const o of objects) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), ...l.pairs };
    if (l.includeTemplates && TEMPLATE_KINDS.has(o.kind) && o.spec?.template) {
      o.spec.template.metadata ??= {};
      o.spec.template.metadata.labels = { ...(o.spec.template.metadata.labels ?? {}), ...l.pairs };
    }
  }
}

export function podSpecOf(o) {
  if (TEMPLATE_KINDS.has(o.kind)) return o.spec?.template?.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  if (o.kind === 'Pod') return o.spec;
  return undefined;
}

export function parseImage(ref) {
  let rest = ref;
  let digest;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { name: rest, tag, digest };
}

function setImage(objects, img, kfile) {
  let hits = 0;
  for (const o of objects) {
    const spec = podSpecOf(o);
    if (!spec) continue;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const ref = parseImage(c.image ?? '');
      if (ref.name !== img.name) continue;
      hits++;
      const name = img.newName ?? ref.name;
      if (img.digest) c.image = `${name}@${img.digest}`;
      else c.image = `${name}:${img.newTag ?? ref.tag}${!img.newTag && ref.digest ? `@${ref.digest}` : ''}`;
    }
  }
  if (hits === 0) throw new Error(`${kfile}: images entry ${img.name} matches no container`);
}

function setReplicas(objects, rep, kfile) {
  const targets = objects.filter((o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === rep.name);
  if (targets.length === 0) throw new Error(`${kfile}: replicas entry ${rep.name} matches no workload`);
  for (const t of targets) t.spec.replicas = rep.count;
}


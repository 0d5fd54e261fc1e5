// Schema validation of rendered objects.
//   * Built-in kinds: the OpenAPI schemas bundled in `kubernetes-models` (via
//     @kubernetes-models/validate). Those schemas accept unknown fields, so the fields of the
//     objects we hand-write most (pod spec, container, security contexts, probes) are also
//     checked against the Kubernetes field lists below: a typo such as "readinesProbe" fails.
//   * Custom resources (CloudNativePG, Barman Cloud plugin): minimal structural schemas defined
//     here, closed (unknown fields rejected) where this repository uses them.
import { createRequire } from 'node:module';
import { groupOf } from './kustomize.mjs';
import { isObject } from './yaml-io.mjs';

const require = createRequire(import.meta.url);
const modelCache = new Map();

function modelFor(apiVersion, kind) {
  const group = groupOf(apiVersion);
  const version = apiVersion.split('/').pop();
  const spec = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  if (!modelCache.has(spec)) {
    let Model = null;
    try {
      Model = require(spec)[kind];
    } catch {
      Model = null;
    }
    modelCache.set(spec, Model);
  }
  return modelCache.get(spec);
}

// ---------------------------------------------------------------- field lists (Kubernetes 1.30)
const FIELDS = {
  podSpec: 'activeDeadlineSeconds affinity automountServiceAccountToken containers dnsConfig dnsPolicy enableServiceLinks ephemeralContainers hostAliases hostIPC hostNetwork hostPID hostUsers hostname imagePullSecrets initContainers nodeName nodeSelector os overhead preemptionPolicy priority priorityClassName readinessGates resourceClaims restartPolicy runtimeClassName schedulerName schedulingGates securityContext serviceAccount serviceAccountName setHostnameAsFQDN shareProcessNamespace subdomain terminationGracePeriodSeconds tolerations topologySpreadConstraints volumes',
  container: 'args command env envFrom image imagePullPolicy lifecycle livenessProbe name ports readinessProbe resizePolicy resources restartPolicy securityContext startupProbe stdin stdinOnce terminationMessagePath terminationMessagePolicy tty volumeDevices volumeMounts workingDir',
  podSecurityContext: 'appArmorProfile fsGroup fsGroupChangePolicy runAsGroup runAsNonRoot runAsUser seLinuxOptions seccompProfile supplementalGroups sysctls windowsOptions',
  securityContext: 'allowPrivilegeEscalation appArmorProfile capabilities privileged procMount readOnlyRootFilesystem runAsGroup runAsNonRoot runAsUser seLinuxOptions seccompProfile windowsOptions',
  probe: 'exec failureThreshold grpc httpGet initialDelaySeconds periodSeconds successThreshold tcpSocket terminationGracePeriodSeconds timeoutSeconds',
  resources: 'claims limits requests',
  metadata: 'annotations finalizers generateName labels name namespace ownerReferences',
};
const FIELD_SETS = Object.fromEntries(Object.entries(FIELDS).map(([k, v]) => [k, new Set(v.split(' '))]));

function unknownKeys(value, set, where, errors) {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) if (!FIELD_SETS[set].has(key)) errors.push(`${where}: unknown field "${key}"`);
}

function strictPodSpec(spec, where, errors) {
  unknownKeys(spec, 'podSpec', where, errors);
  unknownKeys(spec.securityContext, 'podSecurityContext', `${where}.securityContext`, errors);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const cw = `${where}.containers[${c.name}]`;
    unknownKeys(c, 'container', cw, errors);
    unknownKeys(c.securityContext, 'securityContext', `${cw}.securityContext`, errors);
    unknownKeys(c.resources, 'resources', `${cw}.resources`, errors);
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) unknownKeys(c[p], 'probe', `${cw}.${p}`, errors);
  }
}

// ---------------------------------------------------------------- a tiny JSON-schema subset
function check(schema, value, path, errors) {
  if (schema.type) {
    const ok = {
      object: isObject(value),
      array: Array.isArray(value),
      string: typeof value === 'string',
      integer: Number.isInteger(value),
      boolean: typeof value === 'boolean',
    }[schema.type];
    if (!ok) { errors.push(`${path} must be ${schema.type}`); return; }
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path} must be one of ${schema.enum.join(', ')}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) errors.push(`${path} "${value}" must match ${schema.pattern}`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${path} must be >= ${schema.minimum}`);
  if (schema.minItems !== undefined && Array.isArray(value) && value.length < schema.minItems) errors.push(`${path} needs at least ${schema.minItems} item(s)`);
  if (isObject(value)) {
    for (const r of schema.required ?? []) if (value[r] === undefined) errors.push(`${path}.${r} is required`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties?.[k]) check(schema.properties[k], v, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown field "${k}"`);
      else if (isObject(schema.additionalProperties)) check(schema.additionalProperties, v, `${path}.${k}`, errors);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => check(schema.items, v, `${path}[${i}]`, errors));
}

const str = { type: 'string' };
const bool = { type: 'boolean' };
const quantity = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$' };
const strMap = { type: 'object', additionalProperties: str };
const open = { type: 'object' };
const ref = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: str } };
const keyRef = { type: 'object', required: ['name', 'key'], additionalProperties: false, properties: { name: str, key: str } };
const storage = { type: 'object', required: ['size'], additionalProperties: false, properties: { size: quantity, storageClass: str, resizeInUseVolumes: bool, pvcTemplate: open } };
const metadata = {
  type: 'object', required: ['name'],
  properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }, namespace: str, labels: strMap, annotations: strMap },
};
const crd = (apiVersion, kind, spec) => ({
  type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'], additionalProperties: false,
  properties: { apiVersion: { type: 'string', enum: [apiVersion] }, kind: { type: 'string', enum: [kind] }, metadata, spec },
});

export const CRD_SCHEMAS = {
  'postgresql.cnpg.io/v1/Cluster': crd('postgresql.cnpg.io/v1', 'Cluster', {
    type: 'object', required: ['instances', 'storage'], additionalProperties: false,
    properties: {
      description: str,
      instances: { type: 'integer', minimum: 1 },
      // CloudNativePG reads the major version from the tag: it must start with one.
      imageName: { type: 'string', pattern: ':[0-9]+(\\.[0-9]+)?[^:@/]*(@sha256:[a-f0-9]{64})?$' },
      imageCatalogRef: open,
      primaryUpdateStrategy: { type: 'string', enum: ['unsupervised', 'supervised'] },
      primaryUpdateMethod: { type: 'string', enum: ['switchover', 'restart'] },
      enableSuperuserAccess: bool,
      superuserSecret: ref,
      storage, walStorage: storage,
      resources: { type: 'object', additionalProperties: false, properties: { requests: { type: 'object', additionalProperties: quantity }, limits: { type: 'object', additionalProperties: quantity } } },
      affinity: { type: 'object', additionalProperties: false, properties: { enablePodAntiAffinity: bool, topologyKey: str, podAntiAffinityType: { type: 'string', enum: ['preferred', 'required'] }, nodeSelector: strMap, tolerations: { type: 'array' } } },
      postgresql: { type: 'object', properties: { parameters: strMap, pg_hba: { type: 'array', items: str }, shared_preload_libraries: { type: 'array', items: str } } },
      bootstrap: {
        type: 'object', additionalProperties: false,
        properties: {
          initdb: {
            type: 'object', additionalProperties: false,
            properties: {
              database: str, owner: str, secret: ref, encoding: str, localeCollate: str, localeCType: str, locale: str,
              dataChecksums: bool, walSegmentSize: { type: 'integer' },
              postInitSQL: { type: 'array', items: str }, postInitApplicationSQL: { type: 'array', items: str }, postInitTemplateSQL: { type: 'array', items: str },
              postInitApplicationSQLRefs: { type: 'object', additionalProperties: false, properties: { configMapRefs: { type: 'array', items: keyRef }, secretRefs: { type: 'array', items: keyRef } } },
            },
          },
          recovery: open,
          pg_basebackup: open,
        },
      },
      managed: {
        type: 'object', additionalProperties: false,
        properties: {
          roles: {
            type: 'array',
            items: {
              type: 'object', required: ['name'], additionalProperties: false,
              properties: {
                name: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' }, ensure: { type: 'string', enum: ['present', 'absent'] }, comment: str,
                login: bool, superuser: bool, createdb: bool, createrole: bool, inherit: bool, replication: bool, bypassrls: bool,
                connectionLimit: { type: 'integer', minimum: -1 }, validUntil: str, inRoles: { type: 'array', items: str },
                passwordSecret: ref, disablePassword: bool,
              },
            },
          },
          services: open,
        },
      },
      plugins: {
        type: 'array',
        items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: str, enabled: bool, isWALArchiver: bool, parameters: strMap } },
      },
      backup: open,
      monitoring: { type: 'object', properties: { enablePodMonitor: bool } },
      certificates: open,
      env: { type: 'array' },
      nodeMaintenanceWindow: open,
    },
  }),
  'postgresql.cnpg.io/v1/ScheduledBackup': crd('postgresql.cnpg.io/v1', 'ScheduledBackup', {
    type: 'object', required: ['schedule', 'cluster'], additionalProperties: false,
    properties: {
      // Six fields: seconds first (robfig/cron), unlike a CronJob.
      schedule: { type: 'string', pattern: '^\\S+( \\S+){5}$' },
      cluster: ref,
      immediate: bool, suspend: bool,
      backupOwnerReference: { type: 'string', enum: ['none', 'self', 'cluster'] },
      method: { type: 'string', enum: ['barmanObjectStore', 'volumeSnapshot', 'plugin'] },
      target: { type: 'string', enum: ['primary', 'prefer-standby'] },
      pluginConfiguration: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: str, parameters: strMap } },
    },
  }),
  'barmancloud.cnpg.io/v1/ObjectStore': crd('barmancloud.cnpg.io/v1', 'ObjectStore', {
    type: 'object', required: ['configuration'], additionalProperties: false,
    properties: {
      retentionPolicy: { type: 'string', pattern: '^[1-9][0-9]*[dwm]$' },
      instanceSidecarConfiguration: open,
      configuration: {
        type: 'object', required: ['destinationPath'], additionalProperties: false,
        properties: {
          destinationPath: { type: 'string', pattern: '^(s3|gs|https?)://' },
          endpointURL: { type: 'string', pattern: '^https?://' },
          endpointCA: keyRef,
          s3Credentials: { type: 'object', additionalProperties: false, properties: { accessKeyId: keyRef, secretAccessKey: keyRef, region: keyRef, sessionToken: keyRef, inheritFromIAMRole: bool } },
          azureCredentials: open, googleCredentials: open,
          wal: { type: 'object', additionalProperties: false, properties: { compression: { type: 'string', enum: ['gzip', 'bzip2', 'snappy', 'lz4', 'xz', 'zstd'] }, maxParallel: { type: 'integer', minimum: 1 }, encryption: str } },
          data: { type: 'object', additionalProperties: false, properties: { compression: { type: 'string', enum: ['gzip', 'bzip2', 'snappy'] }, jobs: { type: 'integer', minimum: 1 }, encryption: str, immediateCheckpoint: bool } },
          tags: strMap, historyTags: strMap,
        },
      },
    },
  }),
};

/** Validate every object; returns a list of error strings. */
export function validateObjects(objects) {
  const errors = [];
  for (const o of objects) {
    const name = `${o.kind}/${o.metadata?.name}`;
    const crdSchema = CRD_SCHEMAS[`${o.apiVersion}/${o.kind}`];
    if (crdSchema) {
      const errs = [];
      check(crdSchema, o, name, errs);
      errors.push(...errs);
      continue;
    }
    const Model = modelFor(o.apiVersion, o.kind);
    if (!Model) {
      errors.push(`${name}: no schema for ${o.apiVersion} ${o.kind} (add one to tools/deploy-check/lib/schemas.mjs)`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      errors.push(`${name}: ${e.message}`);
    }
    unknownKeys(o.metadata, 'metadata', `${name}.metadata`, errors);
    const spec = o.spec?.template?.spec;
    if (spec) strictPodSpec(spec, `${name}.spec.template.spec`, errors);
  }
  return errors;
}

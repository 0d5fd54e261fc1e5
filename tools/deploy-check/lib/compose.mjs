// docker-compose.yml policy.
import { isPinned } from './policy.mjs';
import { isObject } from './yaml-io.mjs';

const SECRET_KEY = /(SECRET|PASSWORD|PASSWD|TOKEN|ACCESS_KEY|PRIVATE_KEY|API_KEY)/i;
// ${VAR}, ${VAR:?message}, ${VAR?message} or ${VAR:-} (empty default): no literal secret.
const REF_ONLY = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?\?[^}]*)|:-)?\}$/;
const VAR_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)/g;

function envEntries(env) {
  if (!env) return [];
  if (Array.isArray(env)) return env.map((e) => { const i = String(e).indexOf('='); return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)]; });
  return Object.entries(env).map(([k, val]) => [k, val === null ? undefined : String(val)]);
}

export function variablesUsed(text) {
  const names = new Set();
  for (const m of text.matchAll(VAR_REF)) names.add(m[1]);
  return names;
}

/**
 * @param doc parsed compose file
 * @param opts.requiredServices names that must exist
 * @param opts.statefulServices services that must keep data on a named volume
 */
export function checkCompose(doc, { requiredServices = [], statefulServices = [] } = {}) {
  const problems = [];
  const p = (service, rule, message) => problems.push({ service, rule, message });
  const services = doc?.services ?? {};
  const namedVolumes = new Set(Object.keys(doc?.volumes ?? {}));
  for (const name of requiredServices) if (!services[name]) p(name, 'services', 'service is missing');

  for (const [name, s] of Object.entries(services)) {
    if (!s.image && !s.build) p(name, 'image-or-build', 'has neither image nor build');
    if (s.image && !s.build && !isPinned(s.image)) p(name, 'pinned-image', `image "${s.image}" is not pinned to a version tag`);
    if (s.image && /:latest$/.test(s.image)) p(name, 'pinned-image', `image "${s.image}" uses latest`);
    const test = s.healthcheck?.test;
    if (!test || s.healthcheck?.disable || (Array.isArray(test) && test[0] === 'NONE')) p(name, 'healthcheck', 'no healthcheck');

    for (const [key, value] of envEntries(s.environment)) {
      if (value === undefined || value === '') continue;
      if (SECRET_KEY.test(key) && !REF_ONLY.test(value)) p(name, 'secret-literal', `${key} must be a \${VAR} reference, not a literal`);
      const url = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(value);
      if (url && url[1].includes(':')) {
        const password = url[1].slice(url[1].indexOf(':') + 1);
        if (!REF_ONLY.test(password)) p(name, 'secret-literal', `${key} embeds a literal password; use \${VAR}`);
      }
    }
    if (isObject(s.depends_on)) {
      for (const [dep, cond] of Object.entries(s.depends_on)) {
        if (!services[dep]) p(name, 'depends-on', `depends on unknown service ${dep}`);
        if (!cond?.condition) p(name, 'depends-on', `depends_on ${dep} has no condition`);
      }
    } else if (Array.isArray(s.depends_on)) p(name, 'depends-on', 'depends_on must use the long form with conditions');
  }

  for (const name of statefulServices) {
    const s = services[name];
    if (!s) continue;
    const vols = (s.volumes ?? []).map((vol) => (typeof vol === 'string' ? vol.split(':')[0] : vol.source));
    if (!vols.some((src) => namedVolumes.has(src))) p(name, 'volumes', 'keeps no data on a named volume');
  }
  return problems;
}

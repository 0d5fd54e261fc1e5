// Static checks of the Dockerfile (no Docker engine needed).
export const NODE_APPS = ['gateway', 'membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment', 'integrations'];

function instructions(text) {
  const out = [];
  let buf = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!buf && (line.startsWith('#') || line === '')) continue;
    if (buf && line.startsWith('#')) continue;
    if (line.endsWith('\\')) { buf += `${line.slice(0, -1)} `; continue; }
    buf += line;
    const m = /^(\S+)\s*(.*)$/s.exec(buf);
    out.push({ op: m[1].toUpperCase(), args: m[2] });
    buf = '';
  }
  return out;
}

export function checkDockerfile(text, isPinned) {
  const problems = [];
  const globalArgs = {};
  const stages = [];
  let stage = null;
  for (const ins of instructions(text)) {
    if (ins.op === 'ARG' && !stage) {
      const [k, ...rest] = ins.args.split('=');
      globalArgs[k.trim()] = rest.join('=').trim().replace(/^"|"$/g, '');
      continue;
    }
    if (ins.op === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args.trim());
      const image = m[1].replace(/\$\{?(\w+)\}?/g, (_, n) => globalArgs[n] ?? `<unset ${n}>`);
      stage = { name: m[2], from: image, ops: [] };
      stages.push(stage);
      continue;
    }
    stage?.ops.push(ins);
  }
  const names = new Set(stages.map((s) => s.name));
  for (const s of stages) {
    if (names.has(s.from)) continue;
    if (!isPinned(s.from)) problems.push(`stage ${s.name}: base image "${s.from}" is not pinned to an exact version`);
    if (!/:\d+\.\d+\.\d+/.test(s.from) && !s.from.includes('@sha256:')) problems.push(`stage ${s.name}: base image "${s.from}" needs an exact x.y.z tag`);
  }
  for (const target of ['node-app', 'console']) {
    const s = stages.find((x) => x.name === target);
    if (!s) { problems.push(`no "${target}" target`); continue; }
    // Walk back through parent stages for inherited USER/HEALTHCHECK.
    const chain = [];
    for (let cur = s; cur; cur = stages.find((x) => x.name === cur.from)) chain.unshift(cur);
    const ops = chain.flatMap((c) => c.ops);
    const users = ops.filter((o) => o.op === 'USER');
    const user = users.at(-1)?.args.trim();
    if (!user) problems.push(`${target}: no USER (runs as root)`);
    else if (!/^[1-9]\d*(:\d+)?$/.test(user)) problems.push(`${target}: USER "${user}" must be a numeric non-root uid (Kubernetes runAsNonRoot cannot verify names)`);
    if (!ops.some((o) => o.op === 'HEALTHCHECK' && !/^NONE/i.test(o.args))) problems.push(`${target}: no HEALTHCHECK`);
  }
  for (const app of NODE_APPS) if (!text.includes(app)) problems.push(`APP "${app}" is not accepted by the assemble stage`);
  return { problems, stages: stages.map((s) => s.name ?? s.from) };
}

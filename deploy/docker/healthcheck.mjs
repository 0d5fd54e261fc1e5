// Container HEALTHCHECK for the node apps (Docker and compose; Kubernetes uses its own probes).
// Usage: node healthcheck.mjs [path]   (default /health/ready)
// The gateway serves health on PORT; services serve it on HEALTH_PORT with per-app defaults.
const defaults = {
  gateway: 3000,
  membership: 3101,
  'teacher-exchange': 3102,
  curriculum: 3103,
  activities: 3104,
  assessment: 3105,
  integrations: 3106,
};
const app = process.env.JIAOLIAN_APP ?? 'gateway';
const port =
  app === 'gateway'
    ? Number(process.env.PORT ?? defaults.gateway)
    : Number(process.env.HEALTH_PORT ?? defaults[app]);
const path = process.argv[2] ?? '/health/ready';

try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}

// The console for local use: serves the built single-page app (apps/console/dist) and forwards
// /api/* to the gateway, like the console container does in production. Chosen over `vite preview`
// because it behaves the same as production (SPA fallback, /api proxy, /healthz), starts in
// milliseconds and does not depend on how the console's Vite config sets up its preview proxy.
//   PORT=5173 JIAOLIAN_GATEWAY_URL=http://127.0.0.1:3000 node tools/dev/console-server.mjs [distDir]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../apps/console/dist'));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.CONSOLE_HOST ?? '127.0.0.1';
const gateway = new URL(process.env.JIAOLIAN_GATEWAY_URL ?? 'http://127.0.0.1:3000');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

function log(level, msg, extra = {}) {
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra })}\n`);
}

function proxy(req, res) {
  const upstream = request({
    hostname: gateway.hostname,
    port: gateway.port || 80,
    method: req.method,
    path: req.url,
    headers: { ...req.headers, host: gateway.host, 'x-forwarded-host': req.headers.host ?? '', 'x-forwarded-proto': 'http' },
  }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    log(50, 'gateway unreachable', { url: req.url, err: { message: error.message } });
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'The gateway is not reachable / 网关无法连接' }));
  });
  req.pipe(upstream);
}

/** Content codings the request accepts (q > 0), from its Accept-Encoding header. */
function acceptedCodings(header = '') {
  return new Set(header.split(',').flatMap((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding && (q === undefined || Number(q.slice(2)) > 0) ? [coding] : [];
  }));
}

/** The precompressed sibling the browser accepts (.br before .gz), written by the console build. */
function precompressed(file, acceptEncoding) {
  const accepted = acceptedCodings(acceptEncoding);
  for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepted.has(coding) && existsSync(file + suffix)) return { coding, path: file + suffix };
  }
  return undefined;
}

function serveFile(req, res, file) {
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  const encoded = precompressed(file, req.headers['accept-encoding']);
  const body = encoded?.path ?? file;
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': statSync(body).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'Accept-Encoding',
    ...(encoded ? { 'content-encoding': encoded.coding } : {}),
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(body).pipe(res);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://console');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return proxy(req, res);
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"status":"ok"}');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    return res.end();
  }
  let pathname;
  try { pathname = decodeURIComponent(url.pathname); } catch { pathname = '/'; }
  const file = path.resolve(root, `.${pathname}`);
  if (file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile()) return serveFile(req, res, file);
  // Unknown asset: 404; anything else is a client-side route of the single-page app.
  if (path.extname(pathname) && pathname.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('not found');
  }
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('The console is not built: run npx nx run console:build / 控制台尚未构建');
  }
  serveFile(req, res, index);
});

server.listen(port, host, () => log(30, `console on http://${host}:${port}/ (api -> ${gateway.origin})`, { root }));
const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

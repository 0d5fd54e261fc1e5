import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManagedProcess } from './lib/processes.mjs';
import { freePort } from './lib/ports.mjs';
import { waitForHttp } from './lib/stack.mjs';

let dist;
let upstream;
let sut;
let base;
const seen = [];
const BIG = `console.log(${JSON.stringify('教联'.repeat(2000))});`;

/** One raw GET (no automatic decompression), with its headers and body bytes. */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

before(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>教联</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'assets', 'big-5678.js'), BIG);
  writeFileSync(path.join(dist, 'assets', 'big-5678.js.gz'), gzipSync(BIG));
  writeFileSync(path.join(dist, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG));
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sut = new ManagedProcess({ name: 'console', command: process.execPath, args: [path.join(import.meta.dirname, 'console-server.mjs'), dist], quiet: true,
    env: { PORT: String(port), JIAOLIAN_GATEWAY_URL: `http://127.0.0.1:${upstream.address().port}` } }).start();
  await waitForHttp(`${base}/healthz`, { timeoutMs: 10_000, alive: () => sut.running });
});

after(async () => {
  await sut?.stop(3000);
  upstream?.close();
  rmSync(dist, { recursive: true, force: true });
});

test('serves the built files, hashed assets cached for good', async () => {
  const response = await fetch(`${base}/assets/app-1234.js`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /javascript/);
  assert.match(response.headers.get('cache-control'), /immutable/);
});

test('answers client-side routes with index.html, never cached', async () => {
  const response = await fetch(`${base}/alliances/123`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.match(await response.text(), /教联/);
});

test('a missing asset is a 404, not the app', async () => {
  assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
});

test('does not serve files outside the build folder', async () => {
  const response = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
  assert.doesNotMatch(await response.text(), /root:/);
});

test('forwards /api with method, path, body and headers, and relays the answer', async () => {
  const response = await fetch(`${base}/api/v1/schools?page=2`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{"a":1}' });
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('x-upstream'), 'yes');
  assert.deepEqual(seen.at(-1), { method: 'POST', url: '/api/v1/schools?page=2', body: '{"a":1}', auth: 'Bearer t' });
});

test('sends the precompressed file the browser accepts: brotli first, then gzip, else the plain file', async () => {
  const br = await rawGet(`${base}/assets/big-5678.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.body).toString(), BIG);
  assert.equal(Number(br.headers['content-length']), br.body.length);
  assert.match(br.headers.vary, /accept-encoding/i);
  assert.match(br.headers['content-type'], /javascript/);

  const gz = await rawGet(`${base}/assets/big-5678.js`, { 'accept-encoding': 'br;q=0, gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), BIG);

  const plain = await rawGet(`${base}/assets/big-5678.js`, {});
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), BIG);

  // a file the build did not compress (too small) is sent as it is, whatever the browser accepts
  const small = await rawGet(`${base}/assets/app-1234.js`, { 'accept-encoding': 'br, gzip' });
  assert.equal(small.headers['content-encoding'], undefined);
  assert.equal(small.body.toString(), 'console.log(1)');
});

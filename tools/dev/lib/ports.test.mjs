import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { isPortFree, pickPort } from './ports.mjs';

const listen = () => new Promise((resolve) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => resolve(server));
});

test('keeps the preferred port when it is free', async () => {
  const server = await listen();
  const port = server.address().port;
  await new Promise((resolve) => server.close(resolve));
  assert.equal(await pickPort(port), port);
});

test('picks another port when the preferred one is taken', async () => {
  const server = await listen();
  const port = server.address().port;
  try {
    assert.equal(await isPortFree(port), false);
    const picked = await pickPort(port);
    assert.notEqual(picked, port);
    assert.equal(await isPortFree(picked), true);
  } finally {
    server.close();
  }
});

test('never hands out the same port twice in one run', async () => {
  const taken = new Set();
  const first = await pickPort(0, taken);
  const second = await pickPort(first, taken);
  assert.notEqual(first, second);
});

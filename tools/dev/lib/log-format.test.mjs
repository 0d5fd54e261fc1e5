import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLogLine } from './log-format.mjs';

test('formats a pino line as time, level, message and the fields that matter', () => {
  const line = JSON.stringify({ level: 30, time: '2026-11-29T21:19:15.123Z', service: 'membership', pid: 1, msg: 'migrations applied', applied: ['A', 'B'] });
  assert.equal(formatLogLine(line), '21:19:15 INFO  migrations applied applied=["A","B"]');
});

test('shows the Nest context and the error message of an error line', () => {
  const line = JSON.stringify({ level: 50, time: '2026-11-29T21:19:15.123Z', context: 'Bus', msg: 'failed', err: { message: 'boom' } });
  assert.equal(formatLogLine(line), '21:19:15 ERROR [Bus] failed err=boom');
});

test('passes lines that are not JSON through unchanged', () => {
  assert.equal(formatLogLine('[123] [INF] Server is ready'), '[123] [INF] Server is ready');
  assert.equal(formatLogLine('{not json'), '{not json');
});

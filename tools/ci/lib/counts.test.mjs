import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTestCounts, stageContribution } from './counts.mjs';

test('sums Jest summaries of several projects', () => {
  const output = [
    'Test Suites: 2 passed, 2 total',
    'Tests:       12 passed, 12 total',
    '\u001b[1mTests:\u001b[22m       \u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m, 2 skipped, 7 passed, 10 total',
  ].join('\n');
  assert.deepEqual(parseTestCounts(output), { passed: 19, failed: 1, found: true });
});

test('reads Vitest, Playwright, node:test and plain summaries', () => {
  assert.deepEqual(parseTestCounts('      Tests  1 failed | 11 passed (12)'), { passed: 11, failed: 1, found: true });
  assert.deepEqual(parseTestCounts('  1 failed\n    [chromium] › login.spec.ts:3:1 › logs in\n  1 flaky\n  10 passed (31.2s)'), { passed: 11, failed: 1, found: true });
  // runs over a minute report their time in minutes, coloured
  assert.deepEqual(parseTestCounts('\u001b[32m  6 passed\u001b[39m\u001b[2m (1.4m)\u001b[22m'), { passed: 6, failed: 0, found: true });
  assert.deepEqual(parseTestCounts('# tests 5\n# pass 4\n# fail 1'), { passed: 4, failed: 1, found: true });
  assert.deepEqual(parseTestCounts('ℹ pass 6\nℹ fail 0'), { passed: 6, failed: 0, found: true });
  assert.deepEqual(parseTestCounts('check.mjs\n17 passed, 0 failed'), { passed: 17, failed: 0, found: true });
});

test('counts PASS/FAIL check lines only when no runner summary is present', () => {
  assert.deepEqual(parseTestCounts('PASS dockerfile: pinned bases\nPASS compose: ok\nFAIL k8s: policy'), { passed: 2, failed: 1, found: true });
  assert.deepEqual(parseTestCounts('PASS apps/x/a.spec.ts\nPASS apps/x/b.spec.ts\nTests:       9 passed, 9 total'), { passed: 9, failed: 0, found: true });
});

test('finds nothing in output without a runner summary', () => {
  assert.deepEqual(parseTestCounts('> nx run contracts:build\nSuccessfully ran target build'), { passed: 0, failed: 0, found: false });
});

test('a stage without counts is one check; a failed stage always adds a failure', () => {
  assert.deepEqual(stageContribution({ status: 'passed' }), { passed: 1, failed: 0 });
  assert.deepEqual(stageContribution({ status: 'failed' }), { passed: 0, failed: 1 });
  assert.deepEqual(stageContribution({ status: 'failed', counts: { passed: 9, failed: 0, found: true } }), { passed: 9, failed: 1 });
  assert.deepEqual(stageContribution({ status: 'passed', counts: { passed: 9, failed: 0, found: true } }), { passed: 9, failed: 0 });
  assert.deepEqual(stageContribution({ status: 'skipped' }), { passed: 0, failed: 0 });
});

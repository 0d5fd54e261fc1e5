// Reads test counts out of the output of the test runners the workspace uses (Jest, Vitest,
// Playwright, node:test, and tools that print `N passed, N failed` themselves).

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text) {
  return text.replace(ANSI, '');
}

const pick = (text, word) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);

/**
 * Sums the passed/failed tests reported in `output`; `found` is false when no runner summary was seen.
 * Flaky Playwright tests (failed, then passed on retry) count as passed.
 */
export function parseTestCounts(output) {
  const text = stripAnsi(output);
  let passed = 0;
  let failed = 0;
  let found = false;
  const add = (p, f) => { passed += p; failed += f; found = true; };
  // Tools without a summary that print one `PASS ...`/`FAIL ...` line per check (the deployment
  // checks); used only when no runner summary is present (Jest prints PASS per suite as well).
  let checksPassed = 0;
  let checksFailed = 0;
  for (const line of text.split(/\r?\n/)) {
    let match;
    if ((match = /^\s*Tests:\s+(.*\d+ total.*)$/.exec(line))) {
      // Jest: "Tests:       1 failed, 2 skipped, 12 passed, 15 total"
      add(pick(match[1], 'passed'), pick(match[1], 'failed'));
    } else if ((match = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line))) {
      // Vitest: "      Tests  1 failed | 11 passed (12)"
      add(pick(match[1], 'passed'), pick(match[1], 'failed'));
    } else if ((match = /^\s+(\d+) (passed|failed|flaky)( \([\d.]+(?:ms|s|m|h)\))?\s*$/.exec(line))) {
      // Playwright: "  12 passed (30.1s)", "  1 failed", "  1 flaky"
      if (match[2] === 'failed') add(0, Number(match[1]));
      else add(Number(match[1]), 0);
    } else if ((match = /^(?:# |ℹ )(pass|fail) (\d+)\s*$/.exec(line))) {
      // node:test, TAP or spec reporter: "# pass 5", "ℹ fail 0"
      if (match[1] === 'pass') add(Number(match[2]), 0);
      else add(0, Number(match[2]));
    } else if ((match = /^(\d+) passed, (\d+) failed\s*$/.exec(line.trim()))) {
      add(Number(match[1]), Number(match[2]));
    } else if (/^PASS\s/.test(line)) {
      checksPassed += 1;
    } else if (/^FAIL\s/.test(line)) {
      checksFailed += 1;
    }
  }
  if (!found && checksPassed + checksFailed > 0) return { passed: checksPassed, failed: checksFailed, found: true };
  return { passed, failed, found };
}

/**
 * What a stage adds to the final line: its parsed test counts when it printed any, else the stage
 * itself as one check. A failed stage always adds at least one failure (a suite that did not
 * compile reports no failed test, yet failed).
 */
export function stageContribution(stage) {
  if (stage.status === 'skipped' || stage.status === 'not run') return { passed: 0, failed: 0 };
  const ok = stage.status === 'passed';
  if (!stage.counts?.found) return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  return { passed: stage.counts.passed, failed: ok ? stage.counts.failed : Math.max(stage.counts.failed, 1) };
}

import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body.js';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe(jsonDepthExceeds.name, () => {
  it.each([
    ['flat object', '{"a":1,"b":[1,2]}', 2, false],
    ['exactly at the limit', nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH, false],
    ['one level over', nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH, true],
    ['5,000 arrays', nested(5000), MAX_JSON_DEPTH, true],
    ['5,000 objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, MAX_JSON_DEPTH, true],
    ['brackets inside strings', `{"a":"${'['.repeat(100)}"}`, 2, false],
    ['escaped quotes inside strings', `{"a":"\\"${'{'.repeat(100)}"}`, 2, false],
    ['siblings, not depth', `[${'[],'.repeat(1000)}[]]`, 2, false],
  ])('%s', (_, text, limit, expected) => {
    expect(jsonDepthExceeds(text, limit)).toBe(expected);
  });
});

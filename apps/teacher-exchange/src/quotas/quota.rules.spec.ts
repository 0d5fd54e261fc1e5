import { inCategory, quotaState } from './quota.rules.js';

describe('quota rules', () => {
  it.each([[0, 1, 2, 'behind'], [1, 1, 2, 'met'], [2, 1, 2, 'met'], [3, 1, 2, 'over'], [0, 0, 0, 'met']] as const)(
    '%i sent against %i–%i is %s', (actual, min, max, state) => { expect(quotaState(actual, min, max)).toBe(state); },
  );

  it('counts subject leaders as backbone teachers and only middle managers as middle managers', () => {
    expect(inCategory('backbone', { rank: 'subject_leader', middleManager: false })).toBe(true);
    expect(inCategory('backbone', { rank: 'none', middleManager: true })).toBe(false);
    expect(inCategory('middle_manager', { rank: 'backbone', middleManager: false })).toBe(false);
    expect(inCategory('any', { rank: 'none', middleManager: false })).toBe(true);
  });
});

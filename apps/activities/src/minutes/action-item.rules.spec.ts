import { actionItemStatus } from './action-item.rules.js';

describe('actionItemStatus', () => {
  // 2026-11-30 23:30 UTC is already 1 December in Asia/Shanghai
  const lateEveningUtc = new Date('2026-11-30T23:30:00Z');

  it.each([
    ['done whatever the date', { doneAt: new Date('2026-11-01T00:00:00Z'), dueOn: '2026-10-01' }, 'done'],
    ['overdue once the due day has passed in Asia/Shanghai (though not yet in UTC)', { doneAt: null, dueOn: '2026-11-30' }, 'overdue'],
    ['open on its due day', { doneAt: null, dueOn: '2026-12-01' }, 'open'],
    ['open before its due day', { doneAt: null, dueOn: '2026-12-24' }, 'open'],
  ] as const)('is %s', (_, item, expected) => {
    expect(actionItemStatus(item, lateEveningUtc)).toBe(expected);
  });
});

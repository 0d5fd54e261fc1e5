import { findNul } from './text-checks.js';

describe(findNul.name, () => {
  it.each([
    ['a clean body', { name: '城关小学', tags: ['a'], n: 1, nothing: null }, undefined],
    ['a top-level string', { name: 'a\u0000b' }, 'name'],
    ['an array item', { tags: ['ok', '\u0000'] }, 'tags.1'],
    ['a nested field', { place: { facilityName: 'x\u0000' } }, 'place.facilityName'],
    ['an object in an array', { items: [{ title: 'ok' }, { title: '\u0000' }] }, 'items.1.title'],
    ['a key', { ['a\u0000']: 1 }, 'a\\u0000'],
  ])('finds %s', (_, value, expected) => {
    expect(findNul(value)).toBe(expected);
  });

  it('names a path parameter by its name', () => {
    expect(findNul('\u0000', 'id')).toBe('id');
  });
});

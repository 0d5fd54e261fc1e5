import { pageWindow, sortOrder, likePattern } from './paging.js';
import { ValidationError } from '../errors/domain-error.js';

describe(sortOrder.name, () => {
  const allowed = { name: 's.name', createdAt: 's.created_at' };

  it.each([
    ['name', 's.name', 'ASC'],
    ['-name', 's.name', 'DESC'],
    ['-createdAt', 's.created_at', 'DESC'],
  ])('resolves %s', (sort, column, direction) => {
    expect(sortOrder(sort, allowed, 'name')).toEqual({ column, direction });
  });

  it('falls back to the default when no sort is given', () => {
    expect(sortOrder(undefined, allowed, '-createdAt')).toEqual({ column: 's.created_at', direction: 'DESC' });
  });

  it('rejects an unknown field with an error naming sort', () => {
    expect(() => sortOrder('password', allowed, 'name')).toThrow(ValidationError);
    try {
      sortOrder('password', allowed, 'name');
    } catch (error) {
      expect((error as ValidationError).errors?.[0]?.field).toBe('sort');
    }
  });
});

describe(pageWindow.name, () => {
  it('defaults to the first page of 20', () => {
    expect(pageWindow({})).toEqual({ page: 1, pageSize: 20, offset: 0 });
  });
  it('computes the offset', () => {
    expect(pageWindow({ page: 3, pageSize: 50 })).toEqual({ page: 3, pageSize: 50, offset: 100 });
  });
});

describe(likePattern.name, () => {
  it('escapes wildcards so user text matches literally', () => {
    expect(likePattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });
});

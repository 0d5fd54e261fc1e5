import { initialPassword, passwordKinds, PASSWORD_MIN_KINDS, teacherUsername } from './password.rules.js';

describe(passwordKinds.name, () => {
  it.each([
    ['1234567890', 1],
    ['abcdefghij', 1],
    ['abcde12345', 2],
    ['Abcde12345', 3],
    ['Abcde1234#', 4],
    ['教联体密码abc123', 3],
  ])('counts %j as %d kinds', (password, kinds) => {
    expect(passwordKinds(password)).toBe(kinds);
  });
});

describe(initialPassword.name, () => {
  it('is 12 characters of every kind, without look-alike characters, and different each time', () => {
    const many = Array.from({ length: 200 }, () => initialPassword());
    for (const password of many) {
      expect(password).toHaveLength(12);
      expect(passwordKinds(password)).toBeGreaterThanOrEqual(PASSWORD_MIN_KINDS);
      expect(password).not.toMatch(/[0O1lI]/);
    }
    expect(new Set(many).size).toBe(many.length);
  });
});

describe(teacherUsername.name, () => {
  it.each([
    ['3307990001', 'T-0012', 't3307990001.t-0012'],
    ['3307990001', '王 12', 't3307990001.12'],
    ['3307990001', '张三', 't3307990001.9d0e8f7a'],
    [null, '7', 't5f1c2a9e3b.7'],
  ])('code %j, staff number %j → %j', (code, staffNo, expected) => {
    const school = { code, id: '5f1c2a9e-3b44-4c1e-9a55-000000000001' };
    expect(teacherUsername(school, { staffNo, teacherId: '9d0e8f7a-0000-4000-8000-000000000002' })).toBe(expected);
  });

  it('stays a valid username of at most 64 characters', () => {
    const username = teacherUsername({ code: '3307990001', id: 'x' }, { staffNo: 'x'.repeat(32), teacherId: 'y' });
    expect(username).toMatch(/^[a-z0-9._-]{3,64}$/);
  });
});

import { jest } from '@jest/globals';
import { MembershipEvents, type DomainEvent } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import { DirectoryProjection } from './directory.projection.js';

const managerWith = (query: jest.Mock): EntityManager => ({ query }) as unknown as EntityManager;
const event = (subject: string, data: object, occurredAt = '2026-09-01T08:00:00.000Z'): DomainEvent =>
  ({ id: 'e-1', subject, occurredAt, districtId: 'd-1', data });

describe(DirectoryProjection.name, () => {
  const sut = new DirectoryProjection();

  it('refuses a member event without its school, naming the field, before writing anything', async () => {
    const query = jest.fn();
    const joined = event(MembershipEvents.memberJoined, { allianceId: 'a-1', districtId: 'd-1', role: 'member', joinedAt: '2026-09-01T08:00:00Z' });
    await expect(sut.apply(managerWith(query), joined)).rejects.toThrow('lacks schoolId');
    expect(query).not.toHaveBeenCalled();
  });

  it('refuses an event whose time cannot be read, before writing anything', async () => {
    const query = jest.fn();
    const left = event(MembershipEvents.memberLeft, { allianceId: 'a-1', districtId: 'd-1', schoolId: 's-1', leftAt: 'yesterday' });
    await expect(sut.apply(managerWith(query), left)).rejects.toThrow('no valid leftAt');
    expect(query).not.toHaveBeenCalled();
  });

  it('ignores membership events about other things', async () => {
    const query = jest.fn();
    await sut.apply(managerWith(query), event('evt.membership.user.created.v1', { userId: 'u-1', districtId: 'd-1' }));
    expect(query).not.toHaveBeenCalled();
  });

  it.each([
    ['a registration from before versions existed', MembershipEvents.schoolRegistered, { name: '城关第一小学' }, 0],
    ['a registration', MembershipEvents.schoolRegistered, { name: '城关第一小学', version: 1 }, 1],
    ['a rename', MembershipEvents.schoolRenamed, { name: '城关实验小学', previousName: '城关第一小学', version: 3 }, 3],
  ])('keeps the school\'s name from %s with the version it was read from', async (_case, subject, data, version) => {
    const query = jest.fn();
    await sut.apply(managerWith(query), event(subject, { schoolId: 's-1', districtId: 'd-1', code: '3311990001', ...data }));
    expect(query).toHaveBeenCalledTimes(1);
    const [sql, params] = query.mock.calls[0] as [string, unknown[]];
    expect(sql).toContain('INSERT INTO directory_school');
    expect(params).toEqual(['s-1', 'd-1', data.name, '3311990001', version, new Date('2026-09-01T08:00:00.000Z')]);
  });

  it.each([
    ['a school rename without its version', MembershipEvents.schoolRenamed, { schoolId: 's-1', districtId: 'd-1', name: '城关实验小学' }, 'lacks version'],
    ['an alliance rename without its version', MembershipEvents.allianceRenamed, { allianceId: 'a-1', districtId: 'd-1', name: '城南教联体' }, 'lacks version'],
    ['a rename with a fractional version', MembershipEvents.schoolRenamed, { schoolId: 's-1', districtId: 'd-1', name: '城关实验小学', version: 1.5 }, 'no valid version'],
    ['a registration with a version in words', MembershipEvents.schoolRegistered, { schoolId: 's-1', districtId: 'd-1', name: '城关第一小学', version: 'one' }, 'no valid version'],
    ['a join with a negative school version', MembershipEvents.memberJoined, {
      allianceId: 'a-1', districtId: 'd-1', schoolId: 's-1', schoolName: '城关第一小学', schoolVersion: -1, role: 'member', joinedAt: '2026-09-01T08:00:00Z',
    }, 'no valid schoolVersion'],
  ])('refuses %s before writing anything', async (_case, subject, data, message) => {
    const query = jest.fn();
    await expect(sut.apply(managerWith(query), event(subject, data))).rejects.toThrow(message);
    expect(query).not.toHaveBeenCalled();
  });

  it.each([
    ['within one district the alliance\'s', {}, 'd-1'],
    ['across districts its own', { schoolDistrictId: 'd-2' }, 'd-2'],
  ])('files a joining school under %s district', async (_case, extra, districtId) => {
    const query = jest.fn(async (_sql: string, _params: unknown[]): Promise<unknown[]> => []);
    await sut.apply(managerWith(query as jest.Mock), event(MembershipEvents.memberJoined, {
      allianceId: 'a-1', districtId: 'd-1', schoolId: 's-9', schoolName: '溪口镇中心小学', schoolVersion: 1, role: 'member', joinedAt: '2026-09-01T08:00:00Z', ...extra,
    }));
    const school = query.mock.calls.find(([sql]) => sql.includes('INSERT INTO directory_school'));
    expect(school?.[1].slice(0, 3)).toEqual(['s-9', districtId, '溪口镇中心小学']);
    const alliance = query.mock.calls.find(([sql]) => sql.includes('INSERT INTO directory_alliance'));
    expect(alliance?.[1].slice(0, 2)).toEqual(['a-1', 'd-1']);
  });

  it('refuses a school event without its name before writing anything', async () => {
    const query = jest.fn();
    await expect(sut.apply(managerWith(query), event(MembershipEvents.schoolRegistered, { schoolId: 's-1', districtId: 'd-1' }))).rejects.toThrow('lacks name');
    expect(query).not.toHaveBeenCalled();
  });
});

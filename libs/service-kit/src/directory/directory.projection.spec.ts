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

  it('keeps a registered school\'s name, never overwriting a newer one with an older event', async () => {
    const query = jest.fn();
    await sut.apply(managerWith(query), event(MembershipEvents.schoolRegistered, { schoolId: 's-1', districtId: 'd-1', code: '3311990001', name: '城关第一小学' }));
    expect(query).toHaveBeenCalledTimes(1);
    const [sql, params] = query.mock.calls[0] as [string, unknown[]];
    expect(sql).toContain('INSERT INTO directory_school');
    expect(sql).toContain('WHERE directory_school.updated_at <= EXCLUDED.updated_at');
    expect(params).toEqual(['s-1', 'd-1', '城关第一小学', '3311990001', new Date('2026-09-01T08:00:00.000Z')]);
  });

  it('refuses a school event without its name before writing anything', async () => {
    const query = jest.fn();
    await expect(sut.apply(managerWith(query), event(MembershipEvents.schoolRegistered, { schoolId: 's-1', districtId: 'd-1' }))).rejects.toThrow('lacks name');
    expect(query).not.toHaveBeenCalled();
  });
});

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
    await sut.apply(managerWith(query), event(MembershipEvents.schoolRegistered, { schoolId: 's-1', districtId: 'd-1', code: '1', name: 'x' }));
    expect(query).not.toHaveBeenCalled();
  });
});

import { jest } from '@jest/globals';
import { MembershipEvents, type DomainEvent } from '@jiaolian/contracts';
import { DirectoryAllianceEntity, DirectoryMemberEntity } from '@jiaolian/service-kit';
import type { EntityManager } from 'typeorm';
import { assessmentKitOptions, assessmentSubscriptions } from './app.options.js';

const timestampOf = (name: string): number => Number(/(\d{13})$/.exec(name)?.[1]);
const migrationNames = (): string[] =>
  (assessmentKitOptions.migrations as (new () => { name?: string })[]).map((migration) => new migration().name ?? '');

describe('assessment service options', () => {
  it('runs the kit\'s tables first, then the directory, each migration once and in timestamp order', () => {
    const names = migrationNames();
    expect(names.slice(0, 2)).toEqual(['KitTables1764400000000', 'DirectoryTables1764400000100']);
    expect(new Set(names).size).toBe(names.length);
    const timestamps = names.map(timestampOf);
    expect(timestamps.every(Number.isFinite)).toBe(true);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });

  it('keeps its own directory with its own durable consumer of membership events', () => {
    expect(assessmentKitOptions.service).toBe('assessment');
    expect(assessmentKitOptions.entities).toEqual(expect.arrayContaining([DirectoryAllianceEntity, DirectoryMemberEntity]));
    const [sut, ...others] = assessmentSubscriptions();
    expect(others).toEqual([]);
    expect(sut).toMatchObject({ durable: 'assessment-directory', filterSubject: 'evt.membership.>' });
  });

  it('lets membership events that say nothing about alliances or schools pass without writing', async () => {
    const [sut] = assessmentSubscriptions();
    const query = jest.fn();
    const manager = { query } as unknown as EntityManager;
    const event: DomainEvent = {
      id: 'e1', subject: 'evt.membership.user.created.v1', occurredAt: new Date().toISOString(), districtId: 'd1',
      data: { userId: 'u1', districtId: 'd1' },
    };
    await sut!.handle(manager, event);
    expect(query).not.toHaveBeenCalled();
  });

  it('keeps the name of a newly registered school', async () => {
    const [sut] = assessmentSubscriptions();
    const query = jest.fn();
    const manager = { query } as unknown as EntityManager;
    await sut!.handle(manager, {
      id: 'e2', subject: MembershipEvents.schoolRegistered, occurredAt: new Date().toISOString(), districtId: 'd1',
      data: { schoolId: 's1', districtId: 'd1', code: '3201010001', name: '城南小学' },
    });
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]?.[0]).toContain('INSERT INTO directory_school');
    expect(query.mock.calls[0]?.[1]).toEqual(['s1', 'd1', '城南小学', '3201010001', expect.any(Date)]);
  });
});

import { jest } from '@jest/globals';
import type { Caller } from '@jiaolian/contracts';
import { AccessScope, ConflictError, ForbiddenError, type AuditWriter, type DirectoryService, type OutboxWriter } from '@jiaolian/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActivitiesStore } from '../activities/activities.store.js';
import { ActivityEntity } from '../activities/activity.entity.js';
import { RegistrationsService } from './registrations.service.js';

const district = 'd0000000-0000-4000-8000-000000000000';
const village = 'a0000000-0000-4000-8000-000000000001';
const township = 'a0000000-0000-4000-8000-000000000002';

const activity = (over: Partial<ActivityEntity> = {}): ActivityEntity => Object.assign(new ActivityEntity(), {
  id: 'ac000000-0000-4000-8000-000000000000', districtId: district, allianceId: 'al000000-0000-4000-8000-000000000000', organiserSchoolId: 'core',
  startsAt: new Date('2030-01-10T06:00:00Z'), endsAt: new Date('2030-01-10T08:00:00Z'), recurrence: null, status: 'scheduled', capacityPerSchool: 2,
  audience: { teachers: true, studentGrades: [], parents: false }, ...over,
});

const caller = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'u1', assignments, requestId: 'r1' });

describe(RegistrationsService.name, () => {
  let query: jest.Mock<(sql: string, params?: unknown[]) => Promise<unknown>>;
  let audit: { record: jest.Mock };
  let outbox: { add: jest.Mock };
  let sut: RegistrationsService;
  let current: ActivityEntity;

  beforeEach(() => {
    current = activity();
    query = jest.fn(async (sql: string) => (sql.includes('count(*)') ? [{ taken: 0 }] : []));
    const manager = { query } as unknown as EntityManager;
    const dataSource = { transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as unknown as DataSource;
    const store = { visible: jest.fn(async () => current) } as unknown as ActivitiesStore;
    const directory = { isActiveMember: jest.fn(async () => true) } as unknown as DirectoryService;
    audit = { record: jest.fn() };
    outbox = { add: jest.fn() };
    sut = new RegistrationsService(dataSource, store, directory, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  });

  const inserts = (): number => query.mock.calls.filter(([sql]) => sql.includes('INSERT INTO registration')).length;
  const dto = { schoolId: township, participantKind: 'teacher' as const, participantName: '李老师' };
  const now = new Date('2030-01-01T00:00:00Z');

  it('refuses a teacher registering someone of another school, and writes nothing', async () => {
    await expect(sut.register(caller([{ role: 'teacher', districtId: district, schoolId: village }]), current.id, dto, now)).rejects.toBeInstanceOf(ForbiddenError);
    expect(inserts()).toBe(0);
    expect(audit.record).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('counts the school\'s places under the advisory lock and refuses the one over capacity without writing', async () => {
    query.mockImplementation(async (sql: string) => (sql.includes('count(*)') ? [{ taken: 2 }] : []));
    await expect(sut.register(caller([{ role: 'school_admin', districtId: district, schoolId: township }]), current.id, dto, now)).rejects.toBeInstanceOf(ConflictError);
    const sqls = query.mock.calls.map(([sql]) => sql);
    const lock = sqls.findIndex((sql) => sql.includes('pg_advisory_xact_lock'));
    const count = sqls.findIndex((sql) => sql.includes('count(*)'));
    expect(lock).toBeGreaterThanOrEqual(0);
    expect(lock).toBeLessThan(count);
    expect(inserts()).toBe(0);
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it.each([
    ['a cancelled activity', { status: 'cancelled' as const }, now],
    ['an occurrence that is over', {}, new Date('2030-01-10T09:00:00Z')],
  ])('refuses registration for %s', async (_, over, at) => {
    current = activity(over);
    await expect(sut.register(caller([{ role: 'school_admin', districtId: district, schoolId: township }]), current.id, dto, at)).rejects.toBeInstanceOf(ConflictError);
    expect(inserts()).toBe(0);
  });
});

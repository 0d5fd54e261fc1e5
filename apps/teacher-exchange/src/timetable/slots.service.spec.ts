import { jest } from '@jest/globals';
import type { Caller, CreateSlotDto } from '@jiaolian/contracts';
import { AccessScope, type AuditWriter, type OutboxWriter } from '@jiaolian/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SlotsService } from './slots.service.js';

const scopeOf = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'u1', assignments, requestId: 'r' });
const placement = { id: 'p1', district_id: 'd1', alliance_id: 'a1', teacher_id: 't1', home_school_id: 'home', status: 'active', starts_on: '2026-09-01', ends_on: '2027-01-31', host_ids: ['h1', 'h2'] };
const dto: CreateSlotDto = { placementId: 'p1', weekday: 2, startsAt: '14:00', endsAt: '14:40', schoolId: 'h1', subject: 'music', grade: 3 };

describe(SlotsService.name, () => {
  let query: jest.Mock<(sql: string, params?: unknown[]) => Promise<unknown[]>>;
  let audit: { record: jest.Mock };
  let outbox: { add: jest.Mock };
  let sut: SlotsService;

  beforeEach(() => {
    query = jest.fn(async (sql: string) => (sql.includes('FROM placement p') ? [{ ...placement }] : []));
    audit = { record: jest.fn() };
    outbox = { add: jest.fn() };
    const manager = { query } as unknown as EntityManager;
    const dataSource = { transaction: (work: (m: EntityManager) => unknown) => work(manager), query } as unknown as DataSource;
    sut = new SlotsService(dataSource, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  });

  const inserted = (): boolean => query.mock.calls.some(([sql]) => sql.trim().startsWith('INSERT'));

  it.each([
    ['a teacher of the home school', [{ role: 'teacher' as const, districtId: 'd1', schoolId: 'home' }]],
    ['the admin of another host school, for a lesson at h1', [{ role: 'school_admin' as const, districtId: 'd1', schoolId: 'h2' }]],
    ['an alliance admin', [{ role: 'alliance_admin' as const, districtId: 'd1', allianceId: 'a1' }]],
  ])('forbids %s, writing nothing', async (_, assignments) => {
    await expect(sut.create(scopeOf(assignments), dto)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(inserted()).toBe(false);
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('names every bad field at once: a school that is no host and an end before the start', async () => {
    const home = scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 'home' }]);
    await expect(sut.create(home, { ...dto, schoolId: 'elsewhere', endsAt: '13:00' })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'endsAt' }), expect.objectContaining({ field: 'schoolId' })],
    });
    expect(inserted()).toBe(false);
  });

  it.each(['completed', 'rejected', 'cancelled'])('closes the timetable of a %s placement', async (status) => {
    query.mockImplementation(async (sql: string) => (sql.includes('FROM placement p') ? [{ ...placement, status }] : []));
    await expect(sut.create(scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 'h1' }]), dto)).rejects.toMatchObject({ kind: 'conflict' });
    expect(inserted()).toBe(false);
  });

  it('answers 404 for a placement the caller cannot see', async () => {
    query.mockResolvedValue([]);
    await expect(sut.create(scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 'h1' }]), dto)).rejects.toMatchObject({ kind: 'not-found' });
  });
});

import { jest } from '@jest/globals';
import type { Caller, TeacherView } from '@jiaolian/contracts';
import { AccessScope, type AuditWriter, type DirectoryService, type OutboxWriter } from '@jiaolian/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { TeachersService } from '../teachers/teachers.service.js';
import { PlacementsService } from './placements.service.js';

const teacher = { id: 't1', districtId: 'd1', schoolId: 'home' } as TeacherView;
const scopeOf = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'u1', assignments, requestId: 'r' });
const dto = { teacherId: 't1', kind: 'rotation' as const, hosts: [{ schoolId: 'h1' }, { schoolId: 'h2' }], startsOn: '2026-09-01', endsOn: '2027-01-31' };

describe(PlacementsService.name, () => {
  let query: jest.Mock<(sql: string, params?: unknown[]) => Promise<unknown[]>>;
  let shared: jest.Mock<(a: string, b: string) => Promise<string[]>>;
  let audit: { record: jest.Mock };
  let outbox: { add: jest.Mock };
  let sut: PlacementsService;

  beforeEach(() => {
    query = jest.fn(async () => []);
    shared = jest.fn(async () => ['a1']);
    audit = { record: jest.fn() };
    outbox = { add: jest.fn() };
    const manager = { query } as unknown as EntityManager;
    const dataSource = { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource;
    const teachers = { visible: jest.fn(async () => teacher) } as unknown as TeachersService;
    const directory = { sharedAlliances: shared } as unknown as DirectoryService;
    sut = new PlacementsService(dataSource, teachers, directory, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  });

  it('refuses hosts that share no active alliance with the home school, before writing anything', async () => {
    shared.mockImplementation(async (_a, b) => (b === 'h1' ? ['a1'] : ['a2']));
    await expect(sut.propose(scopeOf([{ role: 'district_admin', districtId: 'd1' }]), dto)).rejects.toMatchObject({ kind: 'validation-failed', errors: [{ field: 'hosts', message: expect.any(String) }] });
    expect(query.mock.calls.some(([sql]) => sql.startsWith('INSERT'))).toBe(false);
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('asks which alliance when the schools share several', async () => {
    shared.mockResolvedValue(['a1', 'a2']);
    await expect(sut.propose(scopeOf([{ role: 'district_admin', districtId: 'd1' }]), dto)).rejects.toMatchObject({ errors: [{ field: 'allianceId', message: expect.any(String) }] });
  });

  it('forbids a host school admin from proposing a teacher of another school', async () => {
    await expect(sut.propose(scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 'h1' }]), dto)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('lets the admin of another alliance propose nothing under this one', async () => {
    await expect(sut.propose(scopeOf([{ role: 'alliance_admin', districtId: 'd1', allianceId: 'a9' }]), dto)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

import { jest } from '@jest/globals';
import type { Caller } from '@jiaolian/contracts';
import { AccessScope, type AuditWriter, type OutboxWriter } from '@jiaolian/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { ExamsService } from './exams.service.js';
import type { Exam, ExamsStore } from './exams.store.js';

const district = 'd1';
const exam: Exam = {
  id: 'e1', districtId: district, allianceId: 'a1', status: 'open', term: '2026-2027-1', grade: '七年级', name: '期中',
  subjects: [], schools: [{ schoolId: 's1', classes: [] }], createdAt: new Date(), updatedAt: new Date(),
};
const caller = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'u1', assignments, requestId: 'r1' });

function setup() {
  const query = jest.fn(async () => []);
  const manager = { query } as unknown as EntityManager;
  const dataSource = { transaction: async <T>(work: (m: EntityManager) => Promise<T>) => work(manager) } as unknown as DataSource;
  const store = {
    visible: jest.fn(async () => exam),
    view: jest.fn(async (_s: AccessScope, e: Exam) => ({ id: e.id, status: e.status })),
  } as unknown as ExamsStore;
  const audit = { record: jest.fn(async () => undefined) };
  const outbox = { add: jest.fn(async () => undefined) };
  const sut = new ExamsService(dataSource, store, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  return { sut, query, audit, outbox };
}

describe(ExamsService.name, () => {
  it('publishes an open exam for the alliance admin, with its audit record and event', async () => {
    const { sut, query, audit, outbox } = setup();
    await sut.transition(caller([{ role: 'alliance_admin', districtId: district, allianceId: 'a1' }]), 'e1', 'publish');
    expect(query).toHaveBeenCalledWith('UPDATE exam SET status = $2, updated_at = now() WHERE id = $1', ['e1', 'published']);
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ action: 'exam.publish', before: { status: 'open' }, after: { status: 'published' } }));
    expect(outbox.add).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ subject: 'evt.assessment.exam.published.v1' }));
  });

  it('refuses a school admin of a participating school (403) and changes nothing', async () => {
    const { sut, query, audit, outbox } = setup();
    await expect(sut.transition(caller([{ role: 'school_admin', districtId: district, schoolId: 's1' }]), 'e1', 'publish')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(query).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('refuses to open an exam that is open already (409) without an event', async () => {
    const { sut, outbox } = setup();
    await expect(sut.transition(caller([{ role: 'district_admin', districtId: district }]), 'e1', 'open')).rejects.toMatchObject({ kind: 'conflict' });
    expect(outbox.add).not.toHaveBeenCalled();
  });
});

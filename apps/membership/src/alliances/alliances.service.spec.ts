import { MembershipEvents, type Caller } from '@jiaolian/contracts';
import { AccessScope, ConflictError, ForbiddenError, type AuditWriter, type OutboxWriter } from '@jiaolian/service-kit';
import { jest } from '@jest/globals';
import type { DistrictsService } from '../districts/districts.service.js';
import { fakeDataSource } from '../test-support/fake-manager.js';
import { AllianceEntity, JoinRequestEntity, type AllianceMemberEntity } from './alliance.entity.js';
import { AlliancesService } from './alliances.service.js';
import type { MembershipsStore } from './memberships.store.js';

const scopeOf = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'caller', assignments, requestId: 'r1' });
const districtAdmin = scopeOf([{ role: 'district_admin', districtId: 'd1' }]);
const allianceAdmin = scopeOf([{ role: 'alliance_admin', districtId: 'd1', allianceId: 'a1' }]);

const alliance = (overrides: Partial<AllianceEntity> = {}): AllianceEntity => Object.assign(new AllianceEntity(), {
  id: 'a1', districtId: 'd1', name: '教联体', kind: 'integrated', status: 'active', coreSchoolId: 's1', description: null, startsOn: null,
  createdAt: new Date(), updatedAt: new Date(), version: 2, activatedAt: new Date(), dissolvedAt: null, dissolveReason: null, ...overrides,
});
const member = (schoolId: string, role: AllianceMemberEntity['role']): AllianceMemberEntity =>
  ({ id: `m-${schoolId}`, allianceId: 'a1', schoolId, role, joinedAt: new Date(), leftAt: null, leftReason: null });

function setup(current: AllianceEntity) {
  const fake = fakeDataSource();
  const store = {
    visibleAlliance: jest.fn<MembershipsStore['visibleAlliance']>().mockResolvedValue(current),
    activeMembers: jest.fn<MembershipsStore['activeMembers']>().mockResolvedValue([member('s1', 'core'), member('s2', 'member'), member('s3', 'member')]),
    otherActiveIntegrated: jest.fn<MembershipsStore['otherActiveIntegrated']>().mockResolvedValue([]),
    leave: jest.fn<MembershipsStore['leave']>().mockResolvedValue(undefined),
    detail: jest.fn<MembershipsStore['detail']>().mockImplementation(async (_m, a) => ({ ...a, members: [] }) as never),
  };
  const audit = { record: jest.fn<AuditWriter['record']>().mockResolvedValue(undefined) };
  const outbox = { add: jest.fn<OutboxWriter['add']>().mockResolvedValue({} as never) };
  const sut = new AlliancesService(fake.dataSource, {} as DistrictsService, store as unknown as MembershipsStore, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  return { sut, store, audit, outbox, fake };
}

describe(AlliancesService.name, () => {
  describe('update', () => {
    /** saves as TypeORM does: the version column goes up by one on every update */
    const bumpingVersions = (fake: ReturnType<typeof setup>['fake']): void => {
      fake.repo(AllianceEntity).save.mockImplementation(async (entity) => Object.assign(entity as AllianceEntity, { version: (entity as AllianceEntity).version + 1 }));
    };

    it('announces a new name with the version the rename made', async () => {
      const { sut, outbox, fake } = setup(alliance());
      bumpingVersions(fake);

      await sut.update(allianceAdmin, 'a1', { name: '城关教联体' });

      expect(outbox.add).toHaveBeenCalledTimes(1);
      expect(outbox.add).toHaveBeenCalledWith(expect.anything(), allianceAdmin.caller, {
        subject: MembershipEvents.allianceRenamed, districtId: 'd1',
        data: { allianceId: 'a1', districtId: 'd1', name: '城关教联体', previousName: '教联体', version: 3 },
      });
    });

    it.each([
      ['only the description changes', { description: '联合教研' }],
      ['the name is set to what it already is', { name: '教联体' }],
    ])('announces nothing when %s (no other service keeps the description)', async (_case, changes) => {
      const { sut, audit, outbox, fake } = setup(alliance());
      bumpingVersions(fake);

      await sut.update(allianceAdmin, 'a1', changes);

      expect(audit.record).toHaveBeenCalledTimes(1);
      expect(outbox.add).not.toHaveBeenCalled();
    });
  });

  describe('dissolve', () => {
    it('ends every active membership with the reason, withdraws pending requests, and announces it', async () => {
      const { sut, store, audit, outbox, fake } = setup(alliance());

      await sut.dissolve(districtAdmin, 'a1', '  合并办学  ');

      expect(store.leave).toHaveBeenCalledTimes(3);
      const at = store.leave.mock.calls[0]![5];
      for (const call of store.leave.mock.calls) {
        expect(call[4]).toBe('合并办学');
        expect(call[5]).toBe(at);
      }
      expect(fake.repo(JoinRequestEntity).update).toHaveBeenCalledWith({ allianceId: 'a1', status: 'pending' }, expect.objectContaining({ status: 'withdrawn' }));
      expect(fake.repo(AllianceEntity).save).toHaveBeenCalledWith(expect.objectContaining({ status: 'dissolved', dissolveReason: '合并办学', dissolvedAt: at }));
      expect(outbox.add).toHaveBeenCalledWith(expect.anything(), districtAdmin.caller, expect.objectContaining({
        subject: MembershipEvents.allianceDissolved, data: { allianceId: 'a1', districtId: 'd1', reason: '合并办学' },
      }));
      expect(audit.record).toHaveBeenCalledWith(expect.anything(), districtAdmin.caller, expect.objectContaining({
        action: 'alliance.dissolved', before: expect.objectContaining({ status: 'active' }), after: expect.objectContaining({ status: 'dissolved' }),
      }));
    });

    it.each([
      ['an alliance admin', allianceAdmin, alliance(), ForbiddenError],
      ['a dissolved alliance', districtAdmin, alliance({ status: 'dissolved' }), ConflictError],
    ])('refuses %s and changes nothing', async (_case, scope, current, error) => {
      const { sut, store, audit, outbox, fake } = setup(current);

      await expect(sut.dissolve(scope, 'a1', '合并')).rejects.toThrow(error);

      expect(store.leave).not.toHaveBeenCalled();
      expect(fake.repo(AllianceEntity).save).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
      expect(outbox.add).not.toHaveBeenCalled();
    });
  });

  describe('activate', () => {
    it('activates a draft and announces it', async () => {
      const { sut, outbox, fake } = setup(alliance({ status: 'draft', activatedAt: null }));

      await sut.activate(districtAdmin, 'a1');

      expect(fake.repo(AllianceEntity).save).toHaveBeenCalledWith(expect.objectContaining({ status: 'active', activatedAt: expect.any(Date) }));
      expect(outbox.add).toHaveBeenCalledWith(expect.anything(), districtAdmin.caller, expect.objectContaining({ subject: MembershipEvents.allianceActivated }));
    });

    it('refuses an integrated alliance whose member is active in another integrated alliance', async () => {
      const { sut, store, outbox, fake } = setup(alliance({ status: 'draft', activatedAt: null }));
      store.otherActiveIntegrated.mockImplementation(async (_m, schoolId) => (schoolId === 's3' ? ['a9'] : []));

      await expect(sut.activate(districtAdmin, 'a1')).rejects.toThrow(ConflictError);

      expect(fake.repo(AllianceEntity).save).not.toHaveBeenCalled();
      expect(outbox.add).not.toHaveBeenCalled();
    });

    it('leaves activation to the district admin', async () => {
      const { sut, fake } = setup(alliance({ status: 'draft', activatedAt: null }));
      await expect(sut.activate(allianceAdmin, 'a1')).rejects.toThrow(ForbiddenError);
      expect(fake.repo(AllianceEntity).save).not.toHaveBeenCalled();
    });
  });

  describe('leave', () => {
    it('keeps the core school in', async () => {
      const { sut, store } = setup(alliance());
      await expect(sut.leave(allianceAdmin, 'a1', { schoolId: 's1', reason: '退出' })).rejects.toThrow(ConflictError);
      expect(store.leave).not.toHaveBeenCalled();
    });

    it('lets the school admin take their school out, recording the period end', async () => {
      const { sut, store, audit } = setup(alliance());
      const head = scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 's2' }]);

      await sut.leave(head, 'a1', { schoolId: 's2', reason: '调整' });

      expect(store.leave).toHaveBeenCalledWith(expect.anything(), head.caller, expect.objectContaining({ id: 'a1' }), expect.objectContaining({ schoolId: 's2' }), '调整');
      expect(audit.record).toHaveBeenCalledWith(expect.anything(), head.caller, expect.objectContaining({ action: 'alliance.member_left', entityType: 'alliance_member' }));
    });

    it('refuses the admin of another school', async () => {
      const { sut, store } = setup(alliance());
      const other = scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 's9' }]);
      await expect(sut.leave(other, 'a1', { schoolId: 's2', reason: '调整' })).rejects.toThrow(ForbiddenError);
      expect(store.leave).not.toHaveBeenCalled();
    });
  });
});

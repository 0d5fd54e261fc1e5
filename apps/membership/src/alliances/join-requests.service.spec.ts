import type { Caller } from '@jiaolian/contracts';
import { AccessScope, ConflictError, ForbiddenError, NotFoundError, type AuditWriter, type OutboxWriter } from '@jiaolian/service-kit';
import { jest } from '@jest/globals';
import { SchoolEntity } from '../schools/school.entity.js';
import { fakeDataSource } from '../test-support/fake-manager.js';
import { AllianceEntity, JoinRequestEntity, type AllianceMemberEntity } from './alliance.entity.js';
import { JoinRequestsService } from './join-requests.service.js';
import type { MembershipsStore } from './memberships.store.js';

const scopeOf = (assignments: Caller['assignments']): AccessScope => new AccessScope({ kind: 'user', id: 'caller', assignments, requestId: 'r1' });
const head = scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 's2' }]);
const secretariat = scopeOf([{ role: 'alliance_admin', districtId: 'd1', allianceId: 'a1' }]);
const stranger = scopeOf([{ role: 'school_admin', districtId: 'd1', schoolId: 's9' }]);

const alliance = { id: 'a1', districtId: 'd1', name: '联盟', kind: 'pairing', status: 'active' } as AllianceEntity;
const school = { id: 's2', districtId: 'd1', name: '村小' } as SchoolEntity;
const request = (overrides: Partial<JoinRequestEntity> = {}): JoinRequestEntity => ({
  id: 'r1', allianceId: 'a1', schoolId: 's2', kind: 'invitation', status: 'pending', role: 'supported', message: null, comment: null,
  requestedBy: 'x', decidedBy: null, createdAt: new Date(), decidedAt: null, answeredBy: null, answeredAt: null, ...overrides,
});
const member = (schoolId: string, role: AllianceMemberEntity['role']): AllianceMemberEntity =>
  ({ id: `m-${schoolId}`, allianceId: 'a1', schoolId, role, joinedAt: new Date(), leftAt: null, leftReason: null });

function setup(current: JoinRequestEntity, members = [member('s1', 'supporting')]) {
  const fake = fakeDataSource();
  fake.repo(JoinRequestEntity).findOne.mockResolvedValue(current);
  fake.repo(AllianceEntity).findOne.mockResolvedValue(alliance);
  fake.repo(AllianceEntity).find.mockResolvedValue([alliance]);
  fake.repo(SchoolEntity).findOne.mockResolvedValue(school);
  fake.repo(SchoolEntity).findOneOrFail.mockResolvedValue(school);
  fake.repo(SchoolEntity).find.mockResolvedValue([school]);
  const store = {
    activeMembers: jest.fn<MembershipsStore['activeMembers']>().mockResolvedValue(members),
    join: jest.fn<MembershipsStore['join']>().mockResolvedValue(member('s2', 'supported')),
  };
  const audit = { record: jest.fn<AuditWriter['record']>().mockResolvedValue(undefined) };
  const outbox = { add: jest.fn<OutboxWriter['add']>() };
  const sut = new JoinRequestsService(fake.dataSource, store as unknown as MembershipsStore, audit as unknown as AuditWriter, outbox as unknown as OutboxWriter);
  return { sut, store, audit, fake, outbox };
}

describe(JoinRequestsService.name, () => {
  it('joins the invited school when its admin accepts, and records the decision', async () => {
    const { sut, store, audit } = setup(request());

    const view = await sut.respond(head, 'r1', { decision: 'accept', comment: '同意' });

    expect(view).toMatchObject({ status: 'accepted', comment: '同意', school: { id: 's2', name: '村小' }, alliance: { id: 'a1', name: '联盟' } });
    expect(store.join).toHaveBeenCalledWith(expect.anything(), head.caller, alliance, school, 'supported');
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), head.caller, expect.objectContaining({
      action: 'join_request.accepted', before: expect.objectContaining({ status: 'pending' }), after: expect.objectContaining({ status: 'accepted' }),
    }));
  });

  it('declines without joining', async () => {
    const { sut, store } = setup(request());
    expect((await sut.respond(head, 'r1', { decision: 'decline' })).status).toBe('declined');
    expect(store.join).not.toHaveBeenCalled();
  });

  it('refuses the inviting side accepting its own invitation, changing nothing', async () => {
    const { sut, store, audit, fake } = setup(request());
    await expect(sut.respond(secretariat, 'r1', { decision: 'accept' })).rejects.toThrow(ForbiddenError);
    expect(store.join).not.toHaveBeenCalled();
    expect(fake.repo(JoinRequestEntity).save).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('hides the request from a school admin of another school', async () => {
    const { sut, store } = setup(request());
    await expect(sut.respond(stranger, 'r1', { decision: 'accept' })).rejects.toThrow(NotFoundError);
    expect(store.join).not.toHaveBeenCalled();
  });

  it('refuses a second supported school in a pairing', async () => {
    const { sut, store, fake } = setup(request(), [member('s1', 'supporting'), member('s3', 'supported')]);
    await expect(sut.respond(head, 'r1', { decision: 'accept' })).rejects.toThrow(ConflictError);
    expect(store.join).not.toHaveBeenCalled();
    expect(fake.repo(JoinRequestEntity).save).not.toHaveBeenCalled();
  });

  it('refuses to answer a request twice', async () => {
    const { sut, store } = setup(request({ status: 'withdrawn' }));
    await expect(sut.respond(head, 'r1', { decision: 'accept' })).rejects.toThrow(ConflictError);
    expect(store.join).not.toHaveBeenCalled();
  });
});

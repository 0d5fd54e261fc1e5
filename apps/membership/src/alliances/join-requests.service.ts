import {
  MembershipEvents, type ApplyToAllianceDto, type InviteSchoolDto, type JoinRequestCreatedEvent, type JoinRequestView, type ListJoinRequestsQueryDto, type Page,
  type RespondJoinRequestDto,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canSeeJoinRequest, iso, isoOrNull } from '../common/access.js';
import { SchoolEntity } from '../schools/school.entity.js';
import { AllianceEntity, JoinRequestEntity } from './alliance.entity.js';
import { assertLifecycle, assertMayRequest, assertRoomFor, decide, joinRole } from './alliance.rules.js';
import { MembershipsStore } from './memberships.store.js';

const snapshot = (r: JoinRequestEntity): Record<string, unknown> => ({
  allianceId: r.allianceId, schoolId: r.schoolId, kind: r.kind, status: r.status, role: r.role, message: r.message, comment: r.comment,
});

/** Invitations (alliance → school) and applications (school → alliance), and what their answer does. */
@Injectable()
export class JoinRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MembershipsStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async invite(scope: AccessScope, allianceId: string, body: InviteSchoolDto): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, allianceId, manager, true);
      if (!scope.isAllianceAdmin(alliance.id, alliance.districtId)) throw ForbiddenError.of('membership.join-request.invite-forbidden');
      assertLifecycle(alliance.status, 'invite');
      const role = joinRole(alliance.kind, body.role, 'body.role');
      return this.open(manager, scope, alliance, body.schoolId, 'invitation', role, body.message);
    });
  }

  async apply(scope: AccessScope, allianceId: string, body: ApplyToAllianceDto): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, allianceId, manager, true);
      if (!scope.isSchoolAdmin(body.schoolId, alliance.districtId)) throw ForbiddenError.of('membership.join-request.apply-forbidden');
      assertLifecycle(alliance.status, 'apply');
      return this.open(manager, scope, alliance, body.schoolId, 'application', joinRole(alliance.kind, undefined), body.message);
    });
  }

  async respond(scope: AccessScope, id: string, body: RespondJoinRequestDto): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (manager) => {
      // lock the alliance before the request, in the same order as dissolve, so the two cannot deadlock
      const found = await manager.getRepository(JoinRequestEntity).findOne({ where: { id } });
      const alliance = found && await manager.getRepository(AllianceEntity).findOne({ where: { id: found.allianceId }, lock: { mode: 'pessimistic_write' } });
      const request = alliance && await manager.getRepository(JoinRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request || !alliance || !canSeeJoinRequest(scope, { ...request, districtId: alliance.districtId })) throw new NotFoundError('join request', id);
      const before = snapshot(request);
      const status = decide(request, body.decision, {
        forAlliance: scope.isAllianceAdmin(alliance.id, alliance.districtId),
        forSchool: scope.isSchoolAdmin(request.schoolId, alliance.districtId),
      });
      if (status === 'accepted') {
        assertLifecycle(alliance.status, 'join');
        const school = await manager.getRepository(SchoolEntity).findOneOrFail({ where: { id: request.schoolId }, lock: { mode: 'pessimistic_write' } });
        const active = await this.store.activeMembers(manager, alliance.id);
        assertMayRequest({ sameDistrict: school.districtId === alliance.districtId, activeMember: active.some((m) => m.schoolId === school.id), pendingExists: false });
        assertRoomFor(alliance.kind, request.role, active.map((m) => m.role));
        await this.store.join(manager, scope.caller, alliance, school, request.role);
      }
      request.status = status;
      request.comment = body.comment ?? null;
      request.decidedAt = new Date();
      request.decidedBy = scope.caller.id;
      await manager.getRepository(JoinRequestEntity).save(request);
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: `join_request.${status}`, entityType: 'join_request', entityId: request.id, before, after: snapshot(request),
      });
      const [view] = await this.views(manager, [request]);
      return view as JoinRequestView;
    });
  }

  async list(scope: AccessScope, query: ListJoinRequestsQueryDto): Promise<Page<JoinRequestView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'r.created_at', decidedAt: 'r.decided_at', status: 'r.status' }, '-createdAt');
    const qb = this.dataSource.getRepository(JoinRequestEntity).createQueryBuilder('r').innerJoin(AllianceEntity, 'a', 'a.id = r.alliance_id');
    if (!scope.isPlatformAdmin) {
      qb.andWhere('(a.district_id = ANY(:districts::uuid[]) OR r.alliance_id = ANY(:alliances::uuid[]) OR r.school_id = ANY(:schools::uuid[]))', {
        districts: scope.adminDistrictIds(), alliances: scope.adminAllianceIds(), schools: scope.adminSchoolIds(),
      });
    }
    if (query.allianceId) qb.andWhere('r.alliance_id = :allianceId', { allianceId: query.allianceId });
    if (query.schoolId) qb.andWhere('r.school_id = :schoolId', { schoolId: query.schoolId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.q) qb.andWhere("(a.name ILIKE :q ESCAPE '\\' OR EXISTS (SELECT 1 FROM school s WHERE s.id = r.school_id AND s.name ILIKE :q ESCAPE '\\'))", { q: likePattern(query.q) });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('r.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(await this.views(this.dataSource.manager, rows), total, window);
  }

  private async open(
    manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, schoolId: string,
    kind: JoinRequestEntity['kind'], role: JoinRequestEntity['role'], message: string | undefined,
  ): Promise<JoinRequestView> {
    const school = await manager.getRepository(SchoolEntity).findOne({ where: { id: schoolId } });
    if (!school || !scope.inDistrict(school.districtId)) throw new NotFoundError('school', schoolId);
    const active = await this.store.activeMembers(manager, alliance.id);
    const pendingExists = await manager.getRepository(JoinRequestEntity).exists({ where: { allianceId: alliance.id, schoolId, status: 'pending' } });
    assertMayRequest({ sameDistrict: school.districtId === alliance.districtId, activeMember: active.some((m) => m.schoolId === schoolId), pendingExists });
    assertRoomFor(alliance.kind, role, active.map((m) => m.role));
    const repo = manager.getRepository(JoinRequestEntity);
    const request = await repo.save(repo.create({
      allianceId: alliance.id, schoolId, kind, status: 'pending', role, message: message ?? null, comment: null,
      requestedBy: scope.caller.id, decidedBy: null, decidedAt: null,
    }));
    await this.audit.record(manager, scope.caller, {
      districtId: alliance.districtId, action: `join_request.${kind}`, entityType: 'join_request', entityId: request.id, after: snapshot(request),
    });
    await this.outbox.add<JoinRequestCreatedEvent>(manager, scope.caller, {
      subject: MembershipEvents.joinRequestCreated, districtId: alliance.districtId,
      data: {
        joinRequestId: request.id, allianceId: alliance.id, allianceName: alliance.name, districtId: alliance.districtId,
        schoolId, schoolName: school.name, kind, role,
      },
    });
    const [view] = await this.views(manager, [request]);
    return view as JoinRequestView;
  }

  private async views(manager: EntityManager, requests: JoinRequestEntity[]): Promise<JoinRequestView[]> {
    if (!requests.length) return [];
    const alliances = await manager.getRepository(AllianceEntity).find({ where: { id: In([...new Set(requests.map((r) => r.allianceId))]) }, select: { id: true, name: true } });
    const schools = await manager.getRepository(SchoolEntity).find({ where: { id: In([...new Set(requests.map((r) => r.schoolId))]) }, select: { id: true, name: true } });
    return requests.map((r) => ({
      id: r.id, kind: r.kind, status: r.status, role: r.role, message: r.message, comment: r.comment,
      alliance: { id: r.allianceId, name: alliances.find((a) => a.id === r.allianceId)?.name ?? '' },
      school: { id: r.schoolId, name: schools.find((s) => s.id === r.schoolId)?.name ?? '' },
      createdAt: iso(r.createdAt), decidedAt: isoOrNull(r.decidedAt),
    }));
  }
}

import {
  MembershipEvents, type ApplyToAllianceDto, type ApproveJoinRequestDto, type InviteSchoolDto, type JoinRequestApprovalDecidedEvent,
  type JoinRequestCreatedEvent, type JoinRequestView, type ListJoinRequestsQueryDto, type Page, type RespondJoinRequestDto,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canSeeJoinRequest, iso, isoOrNull } from '../common/access.js';
import { DistrictEntity } from '../districts/district.entity.js';
import { approvalsNeeded, assertNotAnswered, settle, sidesToDecide } from '../governance/cross-district/cross-district.rules.js';
import { JoinRequestApprovalEntity } from '../governance/cross-district/join-request-approval.entity.js';
import { SchoolEntity } from '../schools/school.entity.js';
import { AllianceEntity, JoinRequestEntity } from './alliance.entity.js';
import { assertLifecycle, assertMayRequest, assertRoomFor, decide, joinRole } from './alliance.rules.js';
import { MembershipsStore } from './memberships.store.js';

const snapshot = (r: JoinRequestEntity, approvals: JoinRequestApprovalEntity[] = []): Record<string, unknown> => ({
  allianceId: r.allianceId, schoolId: r.schoolId, kind: r.kind, status: r.status, role: r.role, message: r.message, comment: r.comment,
  answeredAt: r.answeredAt?.toISOString() ?? null,
  ...(approvals.length ? { approvals: approvals.map((a) => ({ side: a.side, districtId: a.districtId, status: a.status, comment: a.comment })) } : {}),
});

/** A request locked for a decision, with its alliance, school and (across districts) approvals. */
interface LockedRequest {
  request: JoinRequestEntity;
  alliance: AllianceEntity;
  school: SchoolEntity;
  approvals: JoinRequestApprovalEntity[];
}

/**
 * Invitations (alliance → school) and applications (school → alliance), and what their answer does.
 * Across districts a request also waits for both district admins' approval (governance/cross-district):
 * the school joins once the asked side has accepted and both have approved, in any order.
 */
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
      const school = await manager.getRepository(SchoolEntity).findOne({ where: { id: body.schoolId }, select: { id: true, districtId: true } });
      if (!scope.isSchoolAdmin(body.schoolId, school?.districtId ?? alliance.districtId)) throw ForbiddenError.of('membership.join-request.apply-forbidden');
      assertLifecycle(alliance.status, 'apply');
      return this.open(manager, scope, alliance, body.schoolId, 'application', joinRole(alliance.kind, undefined), body.message);
    });
  }

  async respond(scope: AccessScope, id: string, body: RespondJoinRequestDto): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const { request, alliance, school, approvals } = await this.locked(scope, manager, id);
      const before = snapshot(request, approvals);
      assertNotAnswered(request, body.decision);
      let status = decide(request, body.decision, {
        forAlliance: scope.isAllianceAdmin(alliance.id, alliance.districtId),
        forSchool: scope.isSchoolAdmin(request.schoolId, school.districtId),
      });
      if (status === 'accepted') {
        request.answeredAt = new Date();
        request.answeredBy = scope.caller.id;
        status = settle(true, approvals.map((a) => a.status));
        if (status === 'accepted') await this.admit(manager, scope, alliance, request);
      }
      request.status = status;
      request.comment = body.comment ?? null;
      if (status !== 'pending') {
        request.decidedAt = new Date();
        request.decidedBy = scope.caller.id;
      }
      await manager.getRepository(JoinRequestEntity).save(request);
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: status === 'pending' ? 'join_request.answered' : `join_request.${status}`,
        entityType: 'join_request', entityId: request.id, before, after: snapshot(request, approvals),
      });
      return this.view(manager, request);
    });
  }

  /**
   * A district admin approves or refuses a request across districts for their side (the alliance's
   * district or the school's). The last approval of an accepted request admits the school; a refusal
   * declines the request.
   */
  async approve(scope: AccessScope, id: string, body: ApproveJoinRequestDto): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const { request, alliance, school, approvals } = await this.locked(scope, manager, id);
      if (request.status !== 'pending') throw ConflictError.of('membership.join-request.decided', { joinRequestStatus: request.status });
      const before = snapshot(request, approvals);
      const sides = sidesToDecide(approvals, (districtId) => scope.isDistrictAdmin(districtId));
      const decidedAt = new Date();
      const decision = body.decision === 'approve' ? 'approved' : 'refused';
      for (const approval of approvals.filter((a) => sides.includes(a.side))) {
        approval.status = decision;
        approval.comment = body.comment ?? null;
        approval.decidedBy = scope.caller.id;
        approval.decidedAt = decidedAt;
        await manager.getRepository(JoinRequestApprovalEntity).save(approval);
      }
      const status = settle(request.answeredAt !== null, approvals.map((a) => a.status));
      if (status === 'accepted') await this.admit(manager, scope, alliance, request);
      if (status !== 'pending') {
        request.status = status;
        request.decidedAt = decidedAt;
        request.decidedBy = scope.caller.id;
        await manager.getRepository(JoinRequestEntity).save(request);
      }
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: `join_request.approval_${decision}`, entityType: 'join_request', entityId: request.id,
        before, after: snapshot(request, approvals),
      });
      for (const side of sides) {
        await this.outbox.add<JoinRequestApprovalDecidedEvent>(manager, scope.caller, {
          subject: MembershipEvents.joinRequestApprovalDecided, districtId: alliance.districtId,
          data: {
            joinRequestId: request.id, allianceId: alliance.id, districtId: alliance.districtId, schoolId: school.id, schoolDistrictId: school.districtId,
            side, status: decision, joinRequestStatus: status,
          },
        });
      }
      return this.view(manager, request);
    });
  }

  async list(scope: AccessScope, query: ListJoinRequestsQueryDto): Promise<Page<JoinRequestView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'r.created_at', decidedAt: 'r.decided_at', status: 'r.status' }, '-createdAt');
    const qb = this.dataSource.getRepository(JoinRequestEntity).createQueryBuilder('r').innerJoin(AllianceEntity, 'a', 'a.id = r.alliance_id');
    if (!scope.isPlatformAdmin) {
      qb.andWhere(`(a.district_id = ANY(:districts::uuid[]) OR r.alliance_id = ANY(:alliances::uuid[]) OR r.school_id = ANY(:schools::uuid[])
        OR EXISTS (SELECT 1 FROM school vs WHERE vs.id = r.school_id AND vs.district_id = ANY(:districts::uuid[])))`, {
        districts: scope.adminDistrictIds(), alliances: scope.adminAllianceIds(), schools: scope.adminSchoolIds(),
      });
    }
    if (query.allianceId) qb.andWhere('r.alliance_id = :allianceId', { allianceId: query.allianceId });
    if (query.schoolId) qb.andWhere('r.school_id = :schoolId', { schoolId: query.schoolId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.awaitingMyApproval) {
      qb.andWhere(`r.status = 'pending' AND EXISTS (SELECT 1 FROM join_request_approval ap WHERE ap.join_request_id = r.id AND ap.status = 'pending'
        AND (:everyDistrict OR ap.district_id = ANY(:approvingDistricts::uuid[])))`, {
        everyDistrict: scope.isPlatformAdmin, approvingDistricts: scope.adminDistrictIds(),
      });
    }
    if (query.q) qb.andWhere("(a.name ILIKE :q ESCAPE '\\' OR EXISTS (SELECT 1 FROM school s WHERE s.id = r.school_id AND s.name ILIKE :q ESCAPE '\\'))", { q: likePattern(query.q) });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('r.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(await this.views(this.dataSource.manager, rows), total, window);
  }

  /** Locks the alliance, then the request (the order dissolve uses, so the two cannot deadlock), and checks the caller sees it. */
  private async locked(scope: AccessScope, manager: EntityManager, id: string): Promise<LockedRequest> {
    const found = await manager.getRepository(JoinRequestEntity).findOne({ where: { id } });
    const alliance = found && await manager.getRepository(AllianceEntity).findOne({ where: { id: found.allianceId }, lock: { mode: 'pessimistic_write' } });
    const request = alliance && await manager.getRepository(JoinRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const school = request && await manager.getRepository(SchoolEntity).findOne({ where: { id: request.schoolId } });
    if (!request || !alliance || !school || !canSeeJoinRequest(scope, { ...request, districtId: alliance.districtId, schoolDistrictId: school.districtId })) {
      throw new NotFoundError('join request', id);
    }
    const approvals = await manager.getRepository(JoinRequestApprovalEntity).find({ where: { joinRequestId: id }, order: { side: 'ASC' } });
    return { request, alliance, school, approvals };
  }

  /** Opens the membership the request asked for, after checking again what may have changed since it was made. */
  private async admit(manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, request: JoinRequestEntity): Promise<void> {
    assertLifecycle(alliance.status, 'join');
    const school = await manager.getRepository(SchoolEntity).findOneOrFail({ where: { id: request.schoolId }, lock: { mode: 'pessimistic_write' } });
    const active = await this.store.activeMembers(manager, alliance.id);
    assertMayRequest({ activeMember: active.some((m) => m.schoolId === school.id), pendingExists: false });
    assertRoomFor(alliance.kind, request.role, active.map((m) => m.role));
    await this.store.join(manager, scope.caller, alliance, school, request.role);
  }

  private async open(
    manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, schoolId: string,
    kind: JoinRequestEntity['kind'], role: JoinRequestEntity['role'], message: string | undefined,
  ): Promise<JoinRequestView> {
    const school = await manager.getRepository(SchoolEntity).findOne({ where: { id: schoolId } });
    // an alliance may invite a school of another district by its id; the school learns of it, nothing else of its district is read
    const reachable = school && (scope.inDistrict(school.districtId) || (kind === 'invitation' && scope.isAllianceAdmin(alliance.id, alliance.districtId)));
    if (!school || !reachable) throw new NotFoundError('school', schoolId);
    const active = await this.store.activeMembers(manager, alliance.id);
    const pendingExists = await manager.getRepository(JoinRequestEntity).exists({ where: { allianceId: alliance.id, schoolId, status: 'pending' } });
    assertMayRequest({ activeMember: active.some((m) => m.schoolId === schoolId), pendingExists });
    assertRoomFor(alliance.kind, role, active.map((m) => m.role));
    const repo = manager.getRepository(JoinRequestEntity);
    const request = await repo.save(repo.create({
      allianceId: alliance.id, schoolId, kind, status: 'pending', role, message: message ?? null, comment: null,
      requestedBy: scope.caller.id, decidedBy: null, decidedAt: null, answeredBy: null, answeredAt: null,
    }));
    const approvalRepo = manager.getRepository(JoinRequestApprovalEntity);
    const approvals = await approvalRepo.save(approvalsNeeded(alliance.districtId, school.districtId).map((need) => approvalRepo.create({
      joinRequestId: request.id, side: need.side, districtId: need.districtId, status: 'pending', comment: null, decidedBy: null, decidedAt: null,
    })));
    await this.audit.record(manager, scope.caller, {
      districtId: alliance.districtId, action: `join_request.${kind}`, entityType: 'join_request', entityId: request.id, after: snapshot(request, approvals),
    });
    await this.outbox.add<JoinRequestCreatedEvent>(manager, scope.caller, {
      subject: MembershipEvents.joinRequestCreated, districtId: alliance.districtId,
      data: {
        joinRequestId: request.id, allianceId: alliance.id, allianceName: alliance.name, districtId: alliance.districtId,
        schoolId, schoolName: school.name, kind, role,
      },
    });
    return this.view(manager, request);
  }

  private async view(manager: EntityManager, request: JoinRequestEntity): Promise<JoinRequestView> {
    const [view] = await this.views(manager, [request]);
    return view as JoinRequestView;
  }

  private async views(manager: EntityManager, requests: JoinRequestEntity[]): Promise<JoinRequestView[]> {
    if (!requests.length) return [];
    const alliances = await manager.getRepository(AllianceEntity).find({ where: { id: In([...new Set(requests.map((r) => r.allianceId))]) }, select: { id: true, name: true } });
    const schools = await manager.getRepository(SchoolEntity).find({ where: { id: In([...new Set(requests.map((r) => r.schoolId))]) }, select: { id: true, name: true } });
    const approvals = await manager.getRepository(JoinRequestApprovalEntity).find({ where: { joinRequestId: In(requests.map((r) => r.id)) }, order: { side: 'ASC' } });
    const districts = approvals.length
      ? await manager.getRepository(DistrictEntity).find({ where: { id: In([...new Set(approvals.map((a) => a.districtId))]) }, select: { id: true, name: true } })
      : [];
    return requests.map((r) => {
      const mine = approvals.filter((a) => a.joinRequestId === r.id);
      return {
        id: r.id, kind: r.kind, status: r.status, role: r.role, message: r.message, comment: r.comment,
        alliance: { id: r.allianceId, name: alliances.find((a) => a.id === r.allianceId)?.name ?? '' },
        school: { id: r.schoolId, name: schools.find((s) => s.id === r.schoolId)?.name ?? '' },
        createdAt: iso(r.createdAt), decidedAt: isoOrNull(r.decidedAt),
        crossDistrict: mine.length > 0,
        approvals: mine.map((a) => ({
          side: a.side, district: { id: a.districtId, name: districts.find((d) => d.id === a.districtId)?.name ?? '' },
          status: a.status, comment: a.comment, decidedAt: isoOrNull(a.decidedAt),
        })),
        answeredAt: isoOrNull(r.answeredAt),
      };
    });
  }
}

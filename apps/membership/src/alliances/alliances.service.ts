import {
  MembershipEvents, type AllianceCreatedEvent, type AllianceDetailView, type AllianceRenamedEvent, type AllianceStatusChangedEvent, type AllianceView,
  type CreateAllianceDto, type LeaveAllianceDto, type ListAlliancesQueryDto, type Page, type UpdateAllianceDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, OutboxWriter, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { allianceVisibility } from '../common/access.js';
import { DistrictsService } from '../districts/districts.service.js';
import { SchoolEntity } from '../schools/school.entity.js';
import { AllianceEntity, JoinRequestEntity } from './alliance.entity.js';
import { assertDissolveReason, assertIntegratedExclusive, assertLifecycle, assertMayLeave, assertRoomFor, foundingRole, joinRole } from './alliance.rules.js';
import { MembershipsStore } from './memberships.store.js';

const snapshot = (a: AllianceEntity): Record<string, unknown> => ({
  name: a.name, kind: a.kind, status: a.status, coreSchoolId: a.coreSchoolId, description: a.description, startsOn: a.startsOn,
  dissolveReason: a.dissolveReason,
});

@Injectable()
export class AlliancesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly store: MembershipsStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(scope: AccessScope, dto: CreateAllianceDto): Promise<AllianceDetailView> {
    await this.districts.visible(scope, dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('membership.alliance.create-forbidden');
    return this.dataSource.transaction((manager) => this.createIn(manager, scope, dto));
  }

  /**
   * A draft pairing (结对帮扶) of two schools of a district in the caller's transaction: created as any
   * alliance is, with the supporting school as founder, then the supported school joins it.
   */
  async draftPairing(
    manager: EntityManager, scope: AccessScope, input: { districtId: string; name: string; description: string; supportingSchoolId: string; supportedSchoolId: string },
  ): Promise<AllianceDetailView> {
    if (!scope.isDistrictAdmin(input.districtId)) throw ForbiddenError.of('membership.alliance.create-forbidden');
    const created = await this.createIn(manager, scope, {
      districtId: input.districtId, name: input.name, kind: 'pairing', coreSchoolId: input.supportingSchoolId, description: input.description,
    });
    const alliance = await this.store.visibleAlliance(scope, created.id, manager, true);
    const supported = await manager.getRepository(SchoolEntity).findOne({ where: { id: input.supportedSchoolId }, lock: { mode: 'pessimistic_write' } });
    if (!supported || supported.districtId !== alliance.districtId) throw ValidationError.of('supportedSchoolId', 'membership.join-request.school-outside-district');
    const role = joinRole(alliance.kind, 'supported');
    assertLifecycle(alliance.status, 'join');
    assertRoomFor(alliance.kind, role, (await this.store.activeMembers(manager, alliance.id)).map((m) => m.role));
    await this.store.join(manager, scope.caller, alliance, supported, role);
    return this.store.detail(manager, alliance);
  }

  private async createIn(manager: EntityManager, scope: AccessScope, dto: CreateAllianceDto): Promise<AllianceDetailView> {
    const core = await manager.getRepository(SchoolEntity).findOne({ where: { id: dto.coreSchoolId } });
    if (!core || core.districtId !== dto.districtId) throw ValidationError.of('coreSchoolId', 'membership.alliance.core-school-outside-district');
    const repo = manager.getRepository(AllianceEntity);
    const alliance = await repo.save(repo.create({
      districtId: dto.districtId, name: dto.name, kind: dto.kind, status: 'draft', coreSchoolId: core.id,
      description: dto.description ?? null, startsOn: dto.startsOn ?? null, activatedAt: null, dissolvedAt: null, dissolveReason: null,
    }));
    await this.audit.record(manager, scope.caller, { districtId: alliance.districtId, action: 'alliance.created', entityType: 'alliance', entityId: alliance.id, after: snapshot(alliance) });
    await this.outbox.add<AllianceCreatedEvent>(manager, scope.caller, {
      subject: MembershipEvents.allianceCreated, districtId: alliance.districtId,
      data: {
        allianceId: alliance.id, districtId: alliance.districtId, name: alliance.name, kind: alliance.kind, coreSchoolId: core.id, version: alliance.version,
      },
    });
    await this.store.join(manager, scope.caller, alliance, core, foundingRole(alliance.kind));
    return this.store.detail(manager, alliance);
  }

  async list(scope: AccessScope, query: ListAlliancesQueryDto): Promise<Page<AllianceView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { name: 'a.name', createdAt: 'a.created_at', status: 'a.status', kind: 'a.kind' }, '-createdAt');
    const qb = this.dataSource.getRepository(AllianceEntity).createQueryBuilder('a');
    const visibility = allianceVisibility(scope, 'a');
    if (visibility) qb.andWhere(visibility.sql, visibility.params);
    if (query.districtId) qb.andWhere('a.district_id = :districtId', { districtId: query.districtId });
    if (query.kind) qb.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.schoolId) {
      qb.andWhere('EXISTS (SELECT 1 FROM alliance_member m WHERE m.alliance_id = a.id AND m.school_id = :schoolId AND m.left_at IS NULL)', { schoolId: query.schoolId });
    }
    if (query.q) qb.andWhere("a.name ILIKE :q ESCAPE '\\'", { q: likePattern(query.q) });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('a.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(await this.store.views(this.dataSource.manager, rows), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<AllianceDetailView> {
    return this.store.detail(this.dataSource.manager, await this.store.visibleAlliance(scope, id));
  }

  async update(scope: AccessScope, id: string, changes: UpdateAllianceDto): Promise<AllianceDetailView> {
    return this.change(scope, id, 'alliance.updated', async (manager, alliance) => {
      if (!scope.isAllianceAdmin(alliance.id, alliance.districtId)) throw ForbiddenError.of('membership.alliance.update-forbidden');
      assertLifecycle(alliance.status, 'update');
      const previousName = alliance.name;
      if (changes.name !== undefined) alliance.name = changes.name;
      if (changes.description !== undefined) alliance.description = changes.description;
      await manager.getRepository(AllianceEntity).save(alliance);
      // the name is the only field of an alliance that other services keep a copy of and that can change here
      if (alliance.name !== previousName) {
        await this.outbox.add<AllianceRenamedEvent>(manager, scope.caller, {
          subject: MembershipEvents.allianceRenamed, districtId: alliance.districtId,
          data: { allianceId: alliance.id, districtId: alliance.districtId, name: alliance.name, previousName, version: alliance.version },
        });
      }
    });
  }

  async activate(scope: AccessScope, id: string): Promise<AllianceDetailView> {
    return this.change(scope, id, 'alliance.activated', async (manager, alliance) => {
      if (!scope.isDistrictAdmin(alliance.districtId)) throw ForbiddenError.of('membership.alliance.activate-forbidden');
      assertLifecycle(alliance.status, 'activate');
      if (alliance.kind === 'integrated') {
        const members = await this.store.activeMembers(manager, alliance.id);
        // the same school locks a concurrent join uses, so a school cannot slip into two integrated alliances at once
        await manager.query('SELECT id FROM school WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [members.map((m) => m.schoolId)]);
        for (const member of members) {
          assertIntegratedExclusive(alliance.kind, await this.store.otherActiveIntegrated(manager, member.schoolId, alliance.id));
        }
      }
      alliance.status = 'active';
      alliance.activatedAt = new Date();
      await manager.getRepository(AllianceEntity).save(alliance);
      await this.outbox.add<AllianceStatusChangedEvent>(manager, scope.caller, {
        subject: MembershipEvents.allianceActivated, districtId: alliance.districtId, data: { allianceId: alliance.id, districtId: alliance.districtId },
      });
    });
  }

  async dissolve(scope: AccessScope, id: string, rawReason: string): Promise<AllianceDetailView> {
    return this.change(scope, id, 'alliance.dissolved', async (manager, alliance) => {
      if (!scope.isDistrictAdmin(alliance.districtId)) throw ForbiddenError.of('membership.alliance.dissolve-forbidden');
      assertLifecycle(alliance.status, 'dissolve');
      const reason = assertDissolveReason(rawReason);
      const at = new Date();
      for (const member of await this.store.activeMembers(manager, alliance.id)) {
        await this.store.leave(manager, scope.caller, alliance, member, reason, at);
      }
      await manager.getRepository(JoinRequestEntity).update(
        { allianceId: alliance.id, status: 'pending' },
        { status: 'withdrawn', comment: 'The alliance was dissolved', decidedAt: at, decidedBy: scope.caller.id },
      );
      alliance.status = 'dissolved';
      alliance.dissolvedAt = at;
      alliance.dissolveReason = reason;
      await manager.getRepository(AllianceEntity).save(alliance);
      await this.outbox.add<AllianceStatusChangedEvent>(manager, scope.caller, {
        subject: MembershipEvents.allianceDissolved, districtId: alliance.districtId, data: { allianceId: alliance.id, districtId: alliance.districtId, reason },
      });
    });
  }

  async leave(scope: AccessScope, id: string, body: LeaveAllianceDto): Promise<AllianceDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, id, manager, true);
      const member = (await this.store.activeMembers(manager, alliance.id)).find((m) => m.schoolId === body.schoolId);
      // across districts the school's own district admin may take it out too
      const school = await manager.getRepository(SchoolEntity).findOne({ where: { id: body.schoolId }, select: { id: true, districtId: true } });
      const mayAct = scope.isAllianceAdmin(alliance.id, alliance.districtId) || scope.isSchoolAdmin(body.schoolId, school?.districtId ?? alliance.districtId);
      if (!mayAct) throw ForbiddenError.of('membership.alliance.leave-forbidden');
      if (!member) throw ConflictError.of('membership.alliance.not-a-member');
      assertLifecycle(alliance.status, 'leave');
      assertMayLeave(member.role);
      const before = { schoolId: member.schoolId, role: member.role, joinedAt: member.joinedAt.toISOString(), leftAt: null };
      await this.store.leave(manager, scope.caller, alliance, member, body.reason.trim());
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: 'alliance.member_left', entityType: 'alliance_member', entityId: member.id,
        before, after: { ...before, leftAt: member.leftAt?.toISOString(), leftReason: member.leftReason },
      });
      return this.store.detail(manager, alliance);
    });
  }

  /** Locks the alliance, applies one change and records it with before and after. */
  private async change(scope: AccessScope, id: string, action: string, apply: (manager: EntityManager, alliance: AllianceEntity) => Promise<void>): Promise<AllianceDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, id, manager, true);
      const before = snapshot(alliance);
      await apply(manager, alliance);
      await this.audit.record(manager, scope.caller, { districtId: alliance.districtId, action, entityType: 'alliance', entityId: alliance.id, before, after: snapshot(alliance) });
      return this.store.detail(manager, alliance);
    });
  }
}

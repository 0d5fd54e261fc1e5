import {
  MembershipEvents, type AllianceDetailView, type AllianceView, type Caller, type MemberJoinedEvent, type MemberLeftEvent,
  type MemberRole, type MembershipView,
} from '@jiaolian/contracts';
import { AccessScope, NotFoundError, OutboxWriter } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { canSeeAlliance, crossDistrictReach, iso, isoOrNull } from '../common/access.js';
import { SchoolEntity } from '../schools/school.entity.js';
import { assertIntegratedExclusive } from './alliance.rules.js';
import { AllianceEntity, AllianceMemberEntity } from './alliance.entity.js';

/** Loading alliances the caller may see, opening and closing membership periods, and mapping views. */
@Injectable()
export class MembershipsStore {
  constructor(private readonly dataSource: DataSource, private readonly outbox: OutboxWriter) {}

  async visibleAlliance(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<AllianceEntity> {
    const alliance = await manager.getRepository(AllianceEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!alliance || !(canSeeAlliance(scope, alliance) || await this.reachesAcrossDistricts(scope, alliance.id, manager))) throw new NotFoundError('alliance', id);
    return alliance;
  }

  /** Whether the caller reaches the alliance from another district (a member school's people, its district admin). */
  private async reachesAcrossDistricts(scope: AccessScope, id: string, manager: EntityManager): Promise<boolean> {
    const cross = crossDistrictReach(scope, 'a');
    return manager.getRepository(AllianceEntity).createQueryBuilder('a').where('a.id = :id', { id }).andWhere(cross.sql, cross.params).getExists();
  }

  activeMembers(manager: EntityManager, allianceId: string): Promise<AllianceMemberEntity[]> {
    return manager.getRepository(AllianceMemberEntity).find({ where: { allianceId, leftAt: IsNull() } });
  }

  /** Active integrated alliances, other than this one, the school is an active member of. */
  async otherActiveIntegrated(manager: EntityManager, schoolId: string, allianceId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT a.id FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
        WHERE m.school_id = $1 AND m.left_at IS NULL AND a.kind = 'integrated' AND a.status = 'active' AND a.id <> $2`,
      [schoolId, allianceId],
    );
    return rows.map((r) => r.id);
  }

  /** Opens a membership period and announces it; the caller has checked the rules. */
  async join(manager: EntityManager, caller: Caller, alliance: AllianceEntity, school: SchoolEntity, role: MemberRole): Promise<AllianceMemberEntity> {
    if (alliance.status === 'active') assertIntegratedExclusive(alliance.kind, await this.otherActiveIntegrated(manager, school.id, alliance.id));
    const repo = manager.getRepository(AllianceMemberEntity);
    const member = await repo.save(repo.create({ allianceId: alliance.id, schoolId: school.id, role, joinedAt: new Date(), leftAt: null, leftReason: null }));
    await this.outbox.add<MemberJoinedEvent>(manager, caller, {
      subject: MembershipEvents.memberJoined, districtId: alliance.districtId,
      data: {
        membershipId: member.id, allianceId: alliance.id, districtId: alliance.districtId, schoolId: school.id,
        schoolName: school.name, schoolVersion: school.version, role, joinedAt: iso(member.joinedAt),
        ...(school.districtId !== alliance.districtId ? { schoolDistrictId: school.districtId } : {}),
      },
    });
    return member;
  }

  /** Closes a membership period (never deletes it) and announces it. */
  async leave(manager: EntityManager, caller: Caller, alliance: AllianceEntity, member: AllianceMemberEntity, reason: string, at = new Date()): Promise<void> {
    member.leftAt = at;
    member.leftReason = reason;
    await manager.getRepository(AllianceMemberEntity).save(member);
    await this.outbox.add<MemberLeftEvent>(manager, caller, {
      subject: MembershipEvents.memberLeft, districtId: alliance.districtId,
      data: { membershipId: member.id, allianceId: alliance.id, districtId: alliance.districtId, schoolId: member.schoolId, leftAt: iso(at), reason },
    });
  }

  async views(manager: EntityManager, alliances: AllianceEntity[]): Promise<AllianceView[]> {
    if (!alliances.length) return [];
    const ids = alliances.map((a) => a.id);
    const schools = await manager.getRepository(SchoolEntity).find({ where: { id: In([...new Set(alliances.map((a) => a.coreSchoolId))]) }, select: { id: true, name: true } });
    const counts: { alliance_id: string; n: string }[] = await manager.query(
      'SELECT alliance_id, count(*) AS n FROM alliance_member WHERE alliance_id = ANY($1::uuid[]) AND left_at IS NULL GROUP BY alliance_id',
      [ids],
    );
    return alliances.map((a) => ({
      id: a.id, districtId: a.districtId, name: a.name, kind: a.kind, status: a.status,
      coreSchool: { id: a.coreSchoolId, name: schools.find((s) => s.id === a.coreSchoolId)?.name ?? '' },
      description: a.description, startsOn: a.startsOn, memberCount: Number(counts.find((c) => c.alliance_id === a.id)?.n ?? 0),
      createdAt: iso(a.createdAt), activatedAt: isoOrNull(a.activatedAt), dissolvedAt: isoOrNull(a.dissolvedAt),
    }));
  }

  async detail(manager: EntityManager, alliance: AllianceEntity): Promise<AllianceDetailView> {
    const [view] = await this.views(manager, [alliance]);
    const rows: { id: string; school_id: string; school_name: string; school_district_id: string; role: MemberRole; joined_at: Date; left_at: Date | null; left_reason: string | null }[] =
      await manager.query(
        `SELECT m.id, m.school_id, s.name AS school_name, s.district_id AS school_district_id, m.role, m.joined_at, m.left_at, m.left_reason
           FROM alliance_member m JOIN school s ON s.id = m.school_id
          WHERE m.alliance_id = $1 ORDER BY m.joined_at, m.id`,
        [alliance.id],
      );
    const members: MembershipView[] = rows.map((r) => ({
      id: r.id, school: { id: r.school_id, name: r.school_name }, schoolDistrictId: r.school_district_id, role: r.role, status: r.left_at ? 'left' : 'active',
      joinedAt: iso(r.joined_at), leftAt: isoOrNull(r.left_at), leftReason: r.left_reason,
    }));
    return { ...(view as AllianceView), members };
  }
}

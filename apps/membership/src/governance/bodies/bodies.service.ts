import {
  MembershipEvents,
  type AddBodyMemberDto, type BodyCandidateView, type BodyDetailView, type BodyEvent, type BodyKind, type BodyMemberEvent, type BodyMemberView,
  type BodyRefView, type BodyView, type CreateBodyDto, type EndBodyMemberDto, type ListBodiesQueryDto, type ListBodyCandidatesQueryDto, type Page,
  type UpdateBodyDto, type UserBodyMembershipView,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AllianceEntity } from '../../alliances/alliance.entity.js';
import { canSeeAlliance, iso, isoOrNull } from '../../common/access.js';
import { RoleAssignmentEntity, UserEntity } from '../../users/user.entity.js';
import { BodyEntity, BodyMemberEntity } from './body.entity.js';
import { assertBodyShape, assertEndDate, assertMayJoin, assertNoCycle, assertSingleKindFree, assertTerm, unprocessable } from './body.rules.js';

/** Roles that make a person part of a school's staff, and so a possible member of a body. */
const STAFF_ROLES = ['teacher', 'school_admin'];

/** Today's date on the Asia/Shanghai calendar (YYYY-MM-DD). */
const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const snapshot = (b: BodyEntity): Record<string, unknown> => ({
  kind: b.kind, category: b.category, name: b.name, subject: b.subject, responsibilities: b.responsibilities, parentId: b.parentId,
  dissolvedAt: isoOrNull(b.dissolvedAt), dissolveReason: b.dissolveReason,
});

const memberSnapshot = (m: BodyMemberEntity): Record<string, unknown> => ({
  bodyId: m.bodyId, userId: m.userId, schoolId: m.schoolId, role: m.role, termFrom: m.termFrom, termTo: m.termTo, endedOn: m.endedOn, endReason: m.endReason,
});

interface MemberRow {
  id: string; body_id: string; user_id: string; display_name: string; school_id: string; school_name: string; role: BodyMemberView['role'];
  term_from: string; term_to: string | null; ended_on: string | null; end_reason: string | null;
}

const MEMBER_COLUMNS = `m.id, m.body_id, m.user_id, u.display_name, m.school_id, s.name AS school_name, m.role,
  to_char(m.term_from, 'YYYY-MM-DD') AS term_from, to_char(m.term_to, 'YYYY-MM-DD') AS term_to, to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on, m.end_reason`;

const toMemberView = (r: MemberRow): BodyMemberView => ({
  id: r.id, bodyId: r.body_id, user: { id: r.user_id, displayName: r.display_name }, school: { id: r.school_id, name: r.school_name }, role: r.role,
  termFrom: r.term_from, termTo: r.term_to, status: r.ended_on ? 'ended' : 'current', endedOn: r.ended_on, endReason: r.end_reason,
});

/**
 * The organisation of an alliance: bodies (理事会, 工作组, 工作室 …) and the people sitting in them.
 * Whoever may see the alliance sees its organisation; its admins (and the district's) change it.
 */
@Injectable()
export class BodiesService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  async create(scope: AccessScope, allianceId: string, dto: CreateBodyDto): Promise<BodyDetailView> {
    return this.dataSource.transaction(async (manager) => {
      // the alliance row lock serialises creations, so two councils cannot slip in side by side
      const alliance = await this.visibleAlliance(scope, allianceId, manager, true);
      this.assertManager(scope, alliance);
      if (alliance.status === 'dissolved') throw ConflictError.of('membership.body.alliance-dissolved');
      const category = dto.category ?? null;
      const subject = dto.subject?.trim() || null;
      assertBodyShape(dto.kind, category, subject);
      const current = await manager.getRepository(BodyEntity).find({ where: { allianceId, dissolvedAt: IsNull() }, select: { id: true, kind: true } });
      assertSingleKindFree(dto.kind, current.map((b) => b.kind));
      if (dto.parentId && !current.some((b) => b.id === dto.parentId)) throw ValidationError.of('parentId', 'membership.body.parent-not-found');
      const repo = manager.getRepository(BodyEntity);
      const body = await repo.save(repo.create({
        districtId: alliance.districtId, allianceId, parentId: dto.parentId ?? null, kind: dto.kind, category, name: dto.name.trim(), subject,
        responsibilities: dto.responsibilities?.trim() || null, dissolvedAt: null, dissolveReason: null,
      }));
      await this.audit.record(manager, scope.caller, { districtId: alliance.districtId, action: 'body.created', entityType: 'alliance_body', entityId: body.id, after: snapshot(body) });
      await this.announce(manager, scope, MembershipEvents.bodyCreated, body);
      return this.detail(manager, body, alliance);
    });
  }

  async list(scope: AccessScope, allianceId: string, query: ListBodiesQueryDto): Promise<BodyView[]> {
    const alliance = await this.visibleAlliance(scope, allianceId);
    const bodies = await this.dataSource.getRepository(BodyEntity).find({
      where: { allianceId: alliance.id, ...(query.includeDissolved ? {} : { dissolvedAt: IsNull() }) }, order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.views(this.dataSource.manager, bodies);
  }

  async get(scope: AccessScope, id: string): Promise<BodyDetailView> {
    const { body, alliance } = await this.visibleBody(scope, id);
    return this.detail(this.dataSource.manager, body, alliance);
  }

  async update(scope: AccessScope, id: string, changes: UpdateBodyDto): Promise<BodyDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const { body, alliance } = await this.managedBody(scope, id, manager);
      const before = snapshot(body);
      if (changes.name !== undefined) body.name = changes.name.trim();
      if (changes.responsibilities !== undefined) body.responsibilities = changes.responsibilities.trim() || null;
      if (changes.subject !== undefined) body.subject = changes.subject?.trim() || null;
      assertBodyShape(body.kind, body.category, body.subject);
      if (changes.parentId !== undefined && changes.parentId !== body.parentId) {
        if (changes.parentId !== null) {
          const bodies = await manager.getRepository(BodyEntity).find({ where: { allianceId: alliance.id, dissolvedAt: IsNull() }, select: { id: true, parentId: true } });
          if (!bodies.some((b) => b.id === changes.parentId)) throw ValidationError.of('parentId', 'membership.body.parent-not-found');
          assertNoCycle(body.id, changes.parentId, new Map(bodies.map((b) => [b.id, b.parentId])));
        }
        body.parentId = changes.parentId;
      }
      await manager.getRepository(BodyEntity).save(body);
      await this.audit.record(manager, scope.caller, { districtId: body.districtId, action: 'body.updated', entityType: 'alliance_body', entityId: body.id, before, after: snapshot(body) });
      await this.announce(manager, scope, MembershipEvents.bodyChanged, body);
      return this.detail(manager, body, alliance);
    });
  }

  /** Dissolves a body: its current memberships end today, the bodies under it move up to its parent. */
  async dissolve(scope: AccessScope, id: string, rawReason: string): Promise<BodyDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const { body, alliance } = await this.managedBody(scope, id, manager);
      const reason = rawReason.trim();
      const before = snapshot(body);
      const on = today();
      for (const member of await manager.getRepository(BodyMemberEntity).find({ where: { bodyId: body.id, endedOn: IsNull() } })) {
        await this.end(manager, scope, body, member, member.termFrom > on ? member.termFrom : on, reason);
      }
      const children = await manager.getRepository(BodyEntity).find({ where: { parentId: body.id, dissolvedAt: IsNull() } });
      for (const child of children) {
        const childBefore = snapshot(child);
        child.parentId = body.parentId;
        await manager.getRepository(BodyEntity).save(child);
        await this.audit.record(manager, scope.caller, { districtId: child.districtId, action: 'body.updated', entityType: 'alliance_body', entityId: child.id, before: childBefore, after: snapshot(child) });
        await this.announce(manager, scope, MembershipEvents.bodyChanged, child);
      }
      body.dissolvedAt = new Date();
      body.dissolveReason = reason;
      await manager.getRepository(BodyEntity).save(body);
      await this.audit.record(manager, scope.caller, { districtId: body.districtId, action: 'body.dissolved', entityType: 'alliance_body', entityId: body.id, before, after: snapshot(body) });
      await this.announce(manager, scope, MembershipEvents.bodyDissolved, body);
      return this.detail(manager, body, alliance);
    });
  }

  async addMember(scope: AccessScope, bodyId: string, dto: AddBodyMemberDto): Promise<BodyDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const { body, alliance } = await this.managedBody(scope, bodyId, manager);
      const termTo = dto.termTo ?? null;
      assertTerm(dto.termFrom, termTo);
      const schoolIsMember: { n: string }[] = await manager.query(
        'SELECT count(*) AS n FROM alliance_member WHERE alliance_id = $1 AND school_id = $2 AND left_at IS NULL', [alliance.id, dto.schoolId],
      );
      if (Number(schoolIsMember[0]?.n ?? 0) === 0) throw unprocessable('schoolId', 'membership.body.school-not-member');
      const atSchool = await manager.getRepository(RoleAssignmentEntity).exists({ where: STAFF_ROLES.map((role) => ({ userId: dto.userId, schoolId: dto.schoolId, role: role as RoleAssignmentEntity['role'] })) });
      if (!atSchool) throw unprocessable('userId', 'membership.body.user-not-at-school');
      const current: { user_id: string; role: BodyMemberView['role']; display_name: string }[] = await manager.query(
        `SELECT m.user_id, m.role, u.display_name FROM alliance_body_member m JOIN app_user u ON u.id = m.user_id WHERE m.body_id = $1 AND m.ended_on IS NULL`, [body.id],
      );
      assertMayJoin(current.map((c) => ({ userId: c.user_id, role: c.role, name: c.display_name })), dto.userId, dto.role);
      const repo = manager.getRepository(BodyMemberEntity);
      const member = await repo.save(repo.create({
        bodyId: body.id, userId: dto.userId, schoolId: dto.schoolId, role: dto.role, termFrom: dto.termFrom, termTo, endedOn: null, endReason: null,
      }));
      await this.audit.record(manager, scope.caller, { districtId: body.districtId, action: 'body.member_added', entityType: 'alliance_body_member', entityId: member.id, after: memberSnapshot(member) });
      await this.announceMember(manager, scope, MembershipEvents.bodyMemberAdded, body, member);
      return this.detail(manager, body, alliance);
    });
  }

  async endMember(scope: AccessScope, bodyId: string, memberId: string, dto: EndBodyMemberDto): Promise<BodyDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const { body, alliance } = await this.managedBody(scope, bodyId, manager, { allowDissolved: true });
      const member = await manager.getRepository(BodyMemberEntity).findOne({ where: { id: memberId, bodyId: body.id } });
      if (!member) throw new NotFoundError('body_member', memberId);
      if (member.endedOn) throw ConflictError.of('membership.body.member-ended');
      assertEndDate(member.termFrom, dto.endedOn);
      await this.end(manager, scope, body, member, dto.endedOn, dto.reason?.trim() || null);
      return this.detail(manager, body, alliance);
    });
  }

  /** Teachers and school admins of the alliance's current member schools: the people a body may take in. */
  async candidates(scope: AccessScope, allianceId: string, query: ListBodyCandidatesQueryDto): Promise<Page<BodyCandidateView>> {
    const alliance = await this.visibleAlliance(scope, allianceId);
    this.assertManager(scope, alliance);
    const window = pageWindow(query);
    const params: unknown[] = [alliance.id, STAFF_ROLES];
    let filter = '';
    if (query.schoolId) { params.push(query.schoolId); filter += ` AND s.id = $${params.length}`; }
    if (query.q) { params.push(likePattern(query.q)); filter += ` AND (u.display_name ILIKE $${params.length} ESCAPE '\\' OR u.username ILIKE $${params.length} ESCAPE '\\')`; }
    const from = `FROM (SELECT DISTINCT r.user_id, r.school_id FROM role_assignment r
        JOIN alliance_member am ON am.school_id = r.school_id AND am.alliance_id = $1 AND am.left_at IS NULL
       WHERE r.role = ANY($2::text[])) c
      JOIN app_user u ON u.id = c.user_id AND u.status = 'active' JOIN school s ON s.id = c.school_id WHERE true${filter}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*) AS n ${from}`, params) as { n: string }[];
    const rows: { user_id: string; display_name: string; school_id: string; school_name: string }[] = await this.dataSource.query(
      `SELECT c.user_id, u.display_name, c.school_id, s.name AS school_name ${from} ORDER BY s.name, u.display_name, u.id LIMIT ${window.pageSize} OFFSET ${window.offset}`, params,
    );
    return toPage(rows.map((r) => ({ user: { id: r.user_id, displayName: r.display_name }, school: { id: r.school_id, name: r.school_name } })), Number(n), window);
  }

  /** A person's memberships, current and ended, in bodies of alliances the caller may see. */
  async userMemberships(scope: AccessScope, userId: string): Promise<UserBodyMembershipView[]> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId } });
    if (!user) throw new NotFoundError('user', userId);
    const rows: (MemberRow & { body_name: string; body_kind: BodyKind; alliance_id: string; alliance_name: string; district_id: string; alliance_status: AllianceEntity['status'] })[] =
      await this.dataSource.query(
        `SELECT ${MEMBER_COLUMNS}, b.name AS body_name, b.kind AS body_kind, a.id AS alliance_id, a.name AS alliance_name, a.district_id, a.status AS alliance_status
           FROM alliance_body_member m JOIN alliance_body b ON b.id = m.body_id JOIN alliance a ON a.id = b.alliance_id
           JOIN app_user u ON u.id = m.user_id JOIN school s ON s.id = m.school_id
          WHERE m.user_id = $1 ORDER BY (m.ended_on IS NULL) DESC, m.term_from DESC, m.id`,
        [userId],
      );
    const visible = rows.filter((r) => canSeeAlliance(scope, { id: r.alliance_id, districtId: r.district_id, status: r.alliance_status }));
    const seesUser = scope.isPlatformAdmin || user.id === scope.caller.id || (user.districtId !== null && scope.inDistrict(user.districtId));
    if (!seesUser && !visible.length) throw new NotFoundError('user', userId);
    return visible.map((r) => ({
      ...toMemberView(r), body: { id: r.body_id, name: r.body_name }, bodyKind: r.body_kind, alliance: { id: r.alliance_id, name: r.alliance_name },
    }));
  }

  /** The bodies among `ids` the caller may see (for other services checking the body an object names). */
  async refs(scope: AccessScope, ids: string[]): Promise<BodyRefView[]> {
    const rows: { id: string; alliance_id: string; district_id: string; name: string; kind: BodyKind; dissolved_at: Date | null; alliance_status: AllianceEntity['status'] }[] =
      await this.dataSource.query(
        `SELECT b.id, b.alliance_id, b.district_id, b.name, b.kind, b.dissolved_at, a.status AS alliance_status
           FROM alliance_body b JOIN alliance a ON a.id = b.alliance_id WHERE b.id = ANY($1::uuid[])`,
        [ids],
      );
    return rows
      .filter((r) => canSeeAlliance(scope, { id: r.alliance_id, districtId: r.district_id, status: r.alliance_status }))
      .map((r) => ({ id: r.id, allianceId: r.alliance_id, districtId: r.district_id, name: r.name, kind: r.kind, status: r.dissolved_at ? 'dissolved' : 'active' }));
  }

  private async end(manager: EntityManager, scope: AccessScope, body: BodyEntity, member: BodyMemberEntity, endedOn: string, reason: string | null): Promise<void> {
    const before = memberSnapshot(member);
    member.endedOn = endedOn;
    member.endReason = reason;
    await manager.getRepository(BodyMemberEntity).save(member);
    await this.audit.record(manager, scope.caller, { districtId: body.districtId, action: 'body.member_ended', entityType: 'alliance_body_member', entityId: member.id, before, after: memberSnapshot(member) });
    await this.announceMember(manager, scope, MembershipEvents.bodyMemberEnded, body, member);
  }

  private async visibleAlliance(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<AllianceEntity> {
    const alliance = await manager.getRepository(AllianceEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!alliance || !canSeeAlliance(scope, alliance)) throw new NotFoundError('alliance', id);
    return alliance;
  }

  private async visibleBody(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<{ body: BodyEntity; alliance: AllianceEntity }> {
    const body = await manager.getRepository(BodyEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const alliance = body && await manager.getRepository(AllianceEntity).findOne({ where: { id: body.allianceId } });
    if (!body || !alliance || !canSeeAlliance(scope, alliance)) throw new NotFoundError('body', id);
    return { body, alliance };
  }

  /** A body the caller manages, locked for the change; a dissolved body or alliance takes no changes (but ending a term is always allowed). */
  private async managedBody(scope: AccessScope, id: string, manager: EntityManager, options: { allowDissolved?: boolean } = {}): Promise<{ body: BodyEntity; alliance: AllianceEntity }> {
    const found = await this.visibleBody(scope, id, manager, true);
    this.assertManager(scope, found.alliance);
    if (!options.allowDissolved) {
      if (found.body.dissolvedAt) throw ConflictError.of('membership.body.dissolved');
      if (found.alliance.status === 'dissolved') throw ConflictError.of('membership.body.alliance-dissolved');
    }
    return found;
  }

  private assertManager(scope: AccessScope, alliance: AllianceEntity): void {
    if (!scope.isAllianceAdmin(alliance.id, alliance.districtId)) throw ForbiddenError.of('membership.body.manage-forbidden');
  }

  private async announce(manager: EntityManager, scope: AccessScope, subject: string, body: BodyEntity): Promise<void> {
    await this.outbox.add<BodyEvent>(manager, scope.caller, {
      subject, districtId: body.districtId,
      data: {
        bodyId: body.id, allianceId: body.allianceId, districtId: body.districtId, parentId: body.parentId, kind: body.kind, category: body.category,
        name: body.name, subject: body.subject, status: body.dissolvedAt ? 'dissolved' : 'active', version: body.version,
      },
    });
  }

  private async announceMember(manager: EntityManager, scope: AccessScope, subject: string, body: BodyEntity, m: BodyMemberEntity): Promise<void> {
    await this.outbox.add<BodyMemberEvent>(manager, scope.caller, {
      subject, districtId: body.districtId,
      data: {
        bodyMemberId: m.id, bodyId: body.id, allianceId: body.allianceId, districtId: body.districtId, userId: m.userId, schoolId: m.schoolId, role: m.role,
        termFrom: m.termFrom, termTo: m.termTo, endedOn: m.endedOn,
      },
    });
  }

  private async views(manager: EntityManager, bodies: BodyEntity[]): Promise<BodyView[]> {
    if (!bodies.length) return [];
    const counts: { body_id: string; n: string; leader: string | null }[] = await manager.query(
      `SELECT m.body_id, count(*) AS n, max(u.display_name) FILTER (WHERE m.role = 'leader') AS leader
         FROM alliance_body_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.body_id = ANY($1::uuid[]) AND m.ended_on IS NULL GROUP BY m.body_id`,
      [bodies.map((b) => b.id)],
    );
    return bodies.map((b) => {
      const count = counts.find((c) => c.body_id === b.id);
      return {
        id: b.id, allianceId: b.allianceId, districtId: b.districtId, parentId: b.parentId, kind: b.kind, category: b.category, name: b.name, subject: b.subject,
        responsibilities: b.responsibilities, status: b.dissolvedAt ? 'dissolved' : 'active', memberCount: Number(count?.n ?? 0), leaderName: count?.leader ?? null,
        createdAt: iso(b.createdAt), dissolvedAt: isoOrNull(b.dissolvedAt), dissolveReason: b.dissolveReason,
      };
    });
  }

  private async detail(manager: EntityManager, body: BodyEntity, alliance: AllianceEntity): Promise<BodyDetailView> {
    const [view] = await this.views(manager, [body]);
    const parent = body.parentId ? await manager.getRepository(BodyEntity).findOne({ where: { id: body.parentId }, select: { id: true, name: true } }) : null;
    const rows: MemberRow[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM alliance_body_member m JOIN app_user u ON u.id = m.user_id JOIN school s ON s.id = m.school_id
        WHERE m.body_id = $1 ORDER BY (m.ended_on IS NULL) DESC, array_position(ARRAY['leader', 'deputy', 'member']::text[], m.role::text), m.term_from, m.id`,
      [body.id],
    );
    return {
      ...(view as BodyView), parent: parent ? { id: parent.id, name: parent.name } : null, alliance: { id: alliance.id, name: alliance.name },
      members: rows.map(toMemberView),
    };
  }
}

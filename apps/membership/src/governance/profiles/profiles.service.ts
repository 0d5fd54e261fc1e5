import {
  isTerm, MembershipEvents,
  type CreateProfileTagDto, type ListProfileRoundsQueryDto, type ListProfileTagsQueryDto, type ListSchoolProfilesQueryDto, type OpenProfileRoundDto,
  type Page, type ProfileChangesView, type ProfileItemView, type ProfileRoundClosedEvent, type ProfileRoundDetailView, type ProfileRoundOpenedEvent,
  type ProfileRoundDueView, type ProfileRoundView, type ProfileSubmittedEvent, type ProfileTagList, type ProfileTagView, type SchoolProfileView, type SubmitProfileDto,
  type UpdateProfileTagDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { iso, isoOrNull } from '../../common/access.js';
import { DistrictsService } from '../../districts/districts.service.js';
import { SchoolEntity } from '../../schools/school.entity.js';
import { DEFAULT_PROFILE_TAGS } from './default-tags.js';
import { ProfileRoundEntity, ProfileTagEntity, SchoolProfileEntity, type StoredItem } from './profile.entity.js';
import { checkItems, checkSpecialities, diffItems, type KnownTag } from './profile.rules.js';

const tagView = (t: ProfileTagEntity): ProfileTagView => ({
  id: t.id, districtId: t.districtId, category: t.category, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, archived: t.archivedAt !== null,
});

const profileSnapshot = (p: SchoolProfileEntity): Record<string, unknown> => ({
  schoolId: p.schoolId, term: p.term, strengths: p.strengths, needs: p.needs, specialities: p.specialities, capacity: p.capacity, note: p.note,
});

/** The district's tag taxonomy, its profile rounds (调研) and the schools' profiles per term. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  // ---- taxonomy

  async listTags(scope: AccessScope, districtId: string, query: ListProfileTagsQueryDto): Promise<ProfileTagList> {
    await this.districts.visible(scope, districtId);
    const tags = await this.dataSource.getRepository(ProfileTagEntity).find({
      where: { districtId, ...(query.category ? { category: query.category } : {}) }, order: { category: 'ASC', code: 'ASC' },
    });
    return { items: tags.map(tagView) };
  }

  async createTag(scope: AccessScope, districtId: string, dto: CreateProfileTagDto): Promise<ProfileTagView> {
    await this.districts.visible(scope, districtId);
    if (!scope.isDistrictAdmin(districtId)) throw ForbiddenError.of('membership.profile-tag.manage-forbidden');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ProfileTagEntity);
      if (await repo.exists({ where: { districtId, code: dto.code } })) {
        throw ConflictError.of('membership.profile-tag.code-exists', { code: dto.code }, [fieldError('body.code', 'membership.profile-tag.code-exists', { code: dto.code })]);
      }
      const tag = await repo.save(repo.create({ districtId, category: dto.category, code: dto.code, nameZh: dto.nameZh.trim(), nameEn: dto.nameEn.trim(), archivedAt: null }));
      await this.audit.record(manager, scope.caller, { districtId, action: 'profile_tag.created', entityType: 'profile_tag', entityId: tag.id, after: tagView(tag) });
      return tagView(tag);
    });
  }

  async updateTag(scope: AccessScope, id: string, changes: UpdateProfileTagDto): Promise<ProfileTagView> {
    return this.dataSource.transaction(async (manager) => {
      const tag = await manager.getRepository(ProfileTagEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!tag || !scope.inDistrict(tag.districtId)) throw new NotFoundError('profile tag', id);
      if (!scope.isDistrictAdmin(tag.districtId)) throw ForbiddenError.of('membership.profile-tag.manage-forbidden');
      const before = tagView(tag);
      if (changes.nameZh !== undefined) tag.nameZh = changes.nameZh.trim();
      if (changes.nameEn !== undefined) tag.nameEn = changes.nameEn.trim();
      if (changes.archived !== undefined) tag.archivedAt = changes.archived ? (tag.archivedAt ?? new Date()) : null;
      await manager.getRepository(ProfileTagEntity).save(tag);
      await this.audit.record(manager, scope.caller, { districtId: tag.districtId, action: 'profile_tag.updated', entityType: 'profile_tag', entityId: tag.id, before, after: tagView(tag) });
      return tagView(tag);
    });
  }

  /** Gives a district the default taxonomy where it has none of those codes yet (idempotent). */
  async ensureDefaultTags(manager: EntityManager, districtId: string): Promise<void> {
    for (const seed of DEFAULT_PROFILE_TAGS) {
      await manager.query(
        `INSERT INTO profile_tag (district_id, category, code, name_zh, name_en) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (district_id, code) DO NOTHING`,
        [districtId, seed.category, seed.code, seed.nameZh, seed.nameEn],
      );
    }
  }

  // ---- rounds

  async openRound(scope: AccessScope, dto: OpenProfileRoundDto): Promise<ProfileRoundDetailView> {
    await this.districts.visible(scope, dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('membership.profile-round.manage-forbidden');
    if (!isTerm(dto.term)) throw ValidationError.of('term', 'membership.term-facts.term-invalid');
    const deadline = new Date(dto.deadline);
    if (!(deadline.getTime() > Date.now())) throw ValidationError.of('deadline', 'membership.profile-round.deadline-past');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ProfileRoundEntity);
      // one round per district and term: the unique key decides a race, this check answers the usual case kindly
      if (await repo.exists({ where: { districtId: dto.districtId, term: dto.term } })) {
        throw ConflictError.of('membership.profile-round.exists', { term: dto.term }, [fieldError('term', 'membership.profile-round.exists', { term: dto.term })]);
      }
      const round = await repo.save(repo.create({
        districtId: dto.districtId, term: dto.term, deadline, instructions: dto.instructions?.trim() || null, status: 'open', openedBy: scope.caller.id, closedAt: null,
      }));
      await this.ensureDefaultTags(manager, dto.districtId);
      await this.audit.record(manager, scope.caller, { districtId: round.districtId, action: 'profile_round.opened', entityType: 'profile_round', entityId: round.id, after: { term: round.term, deadline: iso(round.deadline) } });
      await this.outbox.add<ProfileRoundOpenedEvent>(manager, scope.caller, {
        subject: MembershipEvents.profileRoundOpened, districtId: round.districtId,
        data: { roundId: round.id, districtId: round.districtId, term: round.term, deadline: iso(round.deadline) },
      });
      return this.roundDetail(manager, round);
    });
  }

  async listRounds(scope: AccessScope, query: ListProfileRoundsQueryDto): Promise<Page<ProfileRoundView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { term: 'r.term', deadline: 'r.deadline', openedAt: 'r.opened_at' }, '-term');
    const qb = this.dataSource.getRepository(ProfileRoundEntity).createQueryBuilder('r');
    if (!scope.isPlatformAdmin) qb.andWhere('r.district_id = ANY(:districts::uuid[])', { districts: scope.districtIds() });
    if (query.districtId) qb.andWhere('r.district_id = :districtId', { districtId: query.districtId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('r.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(await this.roundViews(this.dataSource.manager, rows), total, window);
  }

  async getRound(scope: AccessScope, id: string): Promise<ProfileRoundDetailView> {
    return this.roundDetail(this.dataSource.manager, await this.visibleRound(scope, id));
  }

  async closeRound(scope: AccessScope, id: string): Promise<ProfileRoundDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.visibleRound(scope, id, manager, true);
      if (!scope.isDistrictAdmin(round.districtId)) throw ForbiddenError.of('membership.profile-round.manage-forbidden');
      if (round.status === 'closed') throw ConflictError.of('membership.profile-round.closed');
      round.status = 'closed';
      round.closedAt = new Date();
      await manager.getRepository(ProfileRoundEntity).save(round);
      const detail = await this.roundDetail(manager, round);
      await this.audit.record(manager, scope.caller, {
        districtId: round.districtId, action: 'profile_round.closed', entityType: 'profile_round', entityId: round.id,
        before: { status: 'open' }, after: { status: 'closed', submitted: detail.submittedCount, schools: detail.schoolCount },
      });
      await this.outbox.add<ProfileRoundClosedEvent>(manager, scope.caller, {
        subject: MembershipEvents.profileRoundClosed, districtId: round.districtId,
        data: { roundId: round.id, districtId: round.districtId, term: round.term, submitted: detail.submittedCount, schools: detail.schoolCount },
      });
      return detail;
    });
  }

  // ---- profiles

  async submit(scope: AccessScope, roundId: string, dto: SubmitProfileDto): Promise<SchoolProfileView> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.visibleRound(scope, roundId, manager, true);
      const school = await manager.getRepository(SchoolEntity).findOne({ where: { id: dto.schoolId } });
      if (!school || !scope.inDistrict(school.districtId)) throw new NotFoundError('school', dto.schoolId);
      if (school.districtId !== round.districtId) throw ValidationError.of('body.schoolId', 'membership.profile.school-outside-district');
      if (!scope.isSchoolAdmin(school.id, school.districtId)) throw ForbiddenError.of('membership.profile.submit-forbidden');
      if (round.status !== 'open') throw ConflictError.of('membership.profile-round.closed');
      const tags = await this.knownTags(manager, round.districtId);
      const strengths = checkItems('strengths', dto.strengths, tags);
      const needs = checkItems('needs', dto.needs, tags);
      const specialities = checkSpecialities(dto.specialities, tags);
      const repo = manager.getRepository(SchoolProfileEntity);
      const existing = await repo.findOne({ where: { schoolId: school.id, term: round.term }, lock: { mode: 'pessimistic_write' } });
      const before = existing ? profileSnapshot(existing) : null;
      const profile = existing ?? repo.create({ districtId: round.districtId, schoolId: school.id, term: round.term, roundId: round.id });
      Object.assign(profile, {
        strengths, needs, specialities, capacity: dto.capacity, note: dto.note?.trim() || null, submittedBy: scope.caller.id, submittedAt: new Date(),
      });
      const saved = await repo.save(profile);
      await this.audit.record(manager, scope.caller, {
        districtId: round.districtId, action: existing ? 'school_profile.resubmitted' : 'school_profile.submitted', entityType: 'school_profile', entityId: saved.id,
        before, after: profileSnapshot(saved),
      });
      await this.outbox.add<ProfileSubmittedEvent>(manager, scope.caller, {
        subject: MembershipEvents.profileSubmitted, districtId: round.districtId,
        data: { profileId: saved.id, roundId: round.id, districtId: round.districtId, schoolId: school.id, term: round.term, version: saved.version },
      });
      return (await this.profileViews(manager, [saved]))[0] as SchoolProfileView;
    });
  }

  async list(scope: AccessScope, query: ListSchoolProfilesQueryDto): Promise<Page<SchoolProfileView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { term: 'p.term', submittedAt: 'p.submitted_at' }, '-submittedAt');
    const qb = this.dataSource.getRepository(SchoolProfileEntity).createQueryBuilder('p');
    if (!scope.isPlatformAdmin) {
      qb.andWhere('(p.district_id = ANY(:districts::uuid[]) OR p.school_id = ANY(:schools::uuid[]))', { districts: scope.adminDistrictIds(), schools: scope.schoolIds() });
    }
    if (query.districtId) qb.andWhere('p.district_id = :districtId', { districtId: query.districtId });
    if (query.schoolId) qb.andWhere('p.school_id = :schoolId', { schoolId: query.schoolId });
    if (query.term) qb.andWhere('p.term = :term', { term: query.term });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('p.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(await this.profileViews(this.dataSource.manager, rows), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<SchoolProfileView> {
    return (await this.profileViews(this.dataSource.manager, [await this.visibleProfile(scope, id)]))[0] as SchoolProfileView;
  }

  /** The profile against the same school's latest profile of an earlier term. */
  async changes(scope: AccessScope, id: string): Promise<ProfileChangesView> {
    const manager = this.dataSource.manager;
    const profile = await this.visibleProfile(scope, id);
    const previous = await manager.getRepository(SchoolProfileEntity).findOne({ where: { schoolId: profile.schoolId, term: LessThan(profile.term) }, order: { term: 'DESC' } });
    const [view] = await this.profileViews(manager, [profile]);
    const raw = previous ? [
      ...diffItems('strengths', previous.strengths, profile.strengths),
      ...diffItems('needs', previous.needs, profile.needs),
      ...diffItems('specialities', previous.specialities.map((t) => ({ tagId: t, level: 'high' as const })), profile.specialities.map((t) => ({ tagId: t, level: 'high' as const }))),
    ] : [];
    const tags = await manager.getRepository(ProfileTagEntity).find({ where: { id: In([...new Set(raw.map((c) => c.tagId))]) } });
    return {
      profile: view as SchoolProfileView, previousTerm: previous?.term ?? null, previousCapacity: previous?.capacity ?? null,
      changes: raw.map((c) => {
        const tag = tags.find((t) => t.id === c.tagId);
        return { ...c, nameZh: tag?.nameZh ?? '', nameEn: tag?.nameEn ?? '' };
      }),
    };
  }

  /** Open rounds due within the coming days and who has not answered them: what deadline reminders need. */
  async due(scope: AccessScope, withinDays: number): Promise<ProfileRoundDueView[]> {
    if (scope.caller.kind !== 'system') throw ForbiddenError.of('membership.profile-round.due-system-only');
    const rows: { id: string; district_id: string; term: string; deadline: Date; pending: { id: string; name: string }[] | null }[] = await this.dataSource.query(
      `SELECT r.id, r.district_id, r.term, r.deadline,
              (SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name) FROM school s
                WHERE s.district_id = r.district_id
                  AND NOT EXISTS (SELECT 1 FROM school_profile p WHERE p.school_id = s.id AND p.term = r.term)) AS pending
         FROM profile_round r
        WHERE r.status = 'open' AND r.deadline > now() AND r.deadline <= now() + make_interval(days => $1)
        ORDER BY r.deadline, r.id`,
      [withinDays],
    );
    return rows.map((r) => ({ roundId: r.id, districtId: r.district_id, term: r.term, deadline: iso(r.deadline), pendingSchools: r.pending ?? [] }));
  }

  // ---- helpers

  async knownTags(manager: EntityManager, districtId: string): Promise<Map<string, KnownTag & { entity: ProfileTagEntity }>> {
    const tags = await manager.getRepository(ProfileTagEntity).find({ where: { districtId } });
    return new Map(tags.map((t) => [t.id, { id: t.id, category: t.category, archived: t.archivedAt !== null, entity: t }]));
  }

  private async visibleRound(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ProfileRoundEntity> {
    const round = await manager.getRepository(ProfileRoundEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!round || !scope.inDistrict(round.districtId)) throw new NotFoundError('profile round', id);
    return round;
  }

  /** A profile is the district admins' and its own school's: anyone else gets not found. */
  private async visibleProfile(scope: AccessScope, id: string): Promise<SchoolProfileEntity> {
    const profile = await this.dataSource.getRepository(SchoolProfileEntity).findOne({ where: { id } });
    if (!profile || !(scope.isDistrictAdmin(profile.districtId) || scope.schoolIds().includes(profile.schoolId))) throw new NotFoundError('school profile', id);
    return profile;
  }

  private async roundViews(manager: EntityManager, rounds: ProfileRoundEntity[]): Promise<ProfileRoundView[]> {
    if (!rounds.length) return [];
    const schools: { district_id: string; n: number }[] = await manager.query(
      'SELECT district_id, count(*)::int AS n FROM school WHERE district_id = ANY($1::uuid[]) GROUP BY district_id', [[...new Set(rounds.map((r) => r.districtId))]],
    );
    const submitted: { round_id: string; n: number }[] = await manager.query(
      `SELECT r.id AS round_id, count(p.id)::int AS n FROM profile_round r JOIN school_profile p ON p.district_id = r.district_id AND p.term = r.term
        WHERE r.id = ANY($1::uuid[]) GROUP BY r.id`, [rounds.map((r) => r.id)],
    );
    return rounds.map((r) => ({
      id: r.id, districtId: r.districtId, term: r.term, deadline: iso(r.deadline), instructions: r.instructions, status: r.status,
      schoolCount: schools.find((s) => s.district_id === r.districtId)?.n ?? 0, submittedCount: submitted.find((s) => s.round_id === r.id)?.n ?? 0,
      openedAt: iso(r.openedAt), closedAt: isoOrNull(r.closedAt),
    }));
  }

  private async roundDetail(manager: EntityManager, round: ProfileRoundEntity): Promise<ProfileRoundDetailView> {
    const [view] = await this.roundViews(manager, [round]);
    const rows: { id: string; name: string; profile_id: string | null; submitted_at: Date | null }[] = await manager.query(
      `SELECT s.id, s.name, p.id AS profile_id, p.submitted_at FROM school s
         LEFT JOIN school_profile p ON p.school_id = s.id AND p.term = $2
        WHERE s.district_id = $1 ORDER BY (p.id IS NULL) DESC, s.name, s.id`,
      [round.districtId, round.term],
    );
    return {
      ...(view as ProfileRoundView),
      schools: rows.map((r) => ({ school: { id: r.id, name: r.name }, profileId: r.profile_id, submittedAt: isoOrNull(r.submitted_at) })),
    };
  }

  async profileViews(manager: EntityManager, profiles: SchoolProfileEntity[]): Promise<SchoolProfileView[]> {
    if (!profiles.length) return [];
    const schools = await manager.getRepository(SchoolEntity).find({ where: { id: In([...new Set(profiles.map((p) => p.schoolId))]) } });
    const tagIds = new Set(profiles.flatMap((p) => [...p.strengths.map((i) => i.tagId), ...p.needs.map((i) => i.tagId), ...p.specialities]));
    const tags = await manager.getRepository(ProfileTagEntity).find({ where: { id: In([...tagIds]) } });
    const item = (i: StoredItem): ProfileItemView => {
      const tag = tags.find((t) => t.id === i.tagId);
      return { tagId: i.tagId, category: tag?.category ?? 'subject', code: tag?.code ?? '', nameZh: tag?.nameZh ?? '', nameEn: tag?.nameEn ?? '', level: i.level };
    };
    return profiles.map((p) => {
      const school = schools.find((s) => s.id === p.schoolId);
      return {
        id: p.id, districtId: p.districtId, school: { id: p.schoolId, name: school?.name ?? '' }, term: p.term, roundId: p.roundId,
        strengths: p.strengths.map(item), needs: p.needs.map(item), specialities: p.specialities.map((t) => item({ tagId: t, level: 'high' })),
        capacity: p.capacity, note: p.note, lat: school?.lat ?? null, lng: school?.lng ?? null, submittedAt: iso(p.submittedAt), version: p.version,
      };
    });
  }
}

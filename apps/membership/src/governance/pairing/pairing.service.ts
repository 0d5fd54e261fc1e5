import {
  isTerm, MembershipEvents,
  type AcceptSuggestionDto, type AllianceDetailView, type PairingParamsDto, type PairingSuggestionAcceptedEvent, type PairingSuggestionsView,
  type PairingSuggestionView, type RoadDistanceView, type SetRoadDistanceDto,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, DomainError, ForbiddenError, NotFoundError, OutboxWriter, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AlliancesService } from '../../alliances/alliances.service.js';
import { DistrictsService } from '../../districts/districts.service.js';
import { SchoolEntity } from '../../schools/school.entity.js';
import { ProfileTagEntity, RoadDistanceEntity, SchoolProfileEntity } from '../profiles/profile.entity.js';
import { explain } from './pairing.explain.js';
import { eligiblePairs, PAIRING_DEFAULTS, pairKey, roadDistanceKm, solvePairing, type PairingInput, type PairingParams } from './pairing.model.js';

interface Loaded {
  input: PairingInput;
  schools: Map<string, SchoolEntity>;
  allianceNames: Map<string, string>;
  tags: Map<string, ProfileTagEntity>;
  profiles: number;
  includeAlliances: boolean;
}

/** Pairing suggestions for a district's term: the model fed from the submitted profiles, and accepting one. */
@Injectable()
export class PairingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly alliances: AlliancesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async suggestions(scope: AccessScope, districtId: string, query: PairingParamsDto): Promise<PairingSuggestionsView> {
    await this.assertDistrictAdmin(scope, districtId);
    const loaded = await this.load(this.dataSource.manager, districtId, query);
    const result = await solvePairing(loaded.input);
    if (result.status !== 'Optimal') throw DomainError.coded('unavailable', 'membership.pairing.solver-failed', { status: result.status });
    const ref = (id: string): { id: string; name: string } => ({ id, name: loaded.schools.get(id)?.name ?? loaded.allianceNames.get(id) ?? '' });
    const suggestions: PairingSuggestionView[] = result.assignments
      .map((a) => {
        const supplies = a.tags.map((t) => ({ tagId: t, nameZh: loaded.tags.get(t)?.nameZh ?? '', nameEn: loaded.tags.get(t)?.nameEn ?? '' }));
        const reason = explain(a.kind, supplies, a.distanceKm);
        return { kind: a.kind, provider: ref(a.providerId), school: ref(a.receiverId), distanceKm: a.distanceKm, supplies, coverage: a.coverage, reasonZh: reason.zh, reasonEn: reason.en };
      })
      .sort((a, b) => a.kind.localeCompare(b.kind) || b.coverage - a.coverage || a.distanceKm - b.distanceKm || a.school.name.localeCompare(b.school.name));
    const met = new Set(result.assignments.map((a) => a.receiverId));
    return {
      districtId, term: query.term, params: { ...loaded.input.params, includeAlliances: loaded.includeAlliances },
      status: result.status, objective: Math.round(result.objective * 1000) / 1000, candidatePairs: result.candidatePairs, profiles: loaded.profiles,
      solveMs: Math.round(result.solveMs), suggestions,
      unmet: loaded.input.schools.filter((s) => s.needs.length > 0 && !met.has(s.id)).map((s) => ref(s.id)).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /**
   * Turns a suggested pair into a draft pairing: the pair must be one the model may suggest for these
   * profiles and parameters (it meets a need within the travel limit and is not paired already).
   */
  async accept(scope: AccessScope, districtId: string, dto: AcceptSuggestionDto): Promise<AllianceDetailView> {
    await this.assertDistrictAdmin(scope, districtId);
    return this.dataSource.transaction(async (manager) => {
      // one acceptance at a time per district, so two clicks cannot pair the same schools twice
      await manager.query('SELECT id FROM district WHERE id = $1 FOR UPDATE', [districtId]);
      const loaded = await this.load(manager, districtId, { ...dto, includeAlliances: false });
      for (const [field, id] of [['body.supportingSchoolId', dto.supportingSchoolId], ['body.supportedSchoolId', dto.supportedSchoolId]] as const) {
        if (!loaded.schools.has(id)) throw ValidationError.of(field, 'membership.road-distance.school-outside-district');
      }
      const pair = eligiblePairs(loaded.input).find((p) => p.kind === 'school' && p.providerId === dto.supportingSchoolId && p.receiverId === dto.supportedSchoolId);
      if (!pair) throw ConflictError.of('membership.pairing.not-a-suggestion');
      const supporting = loaded.schools.get(pair.providerId) as SchoolEntity;
      const supported = loaded.schools.get(pair.receiverId) as SchoolEntity;
      const supplies = pair.tags.map((t) => ({ nameZh: loaded.tags.get(t)?.nameZh ?? '', nameEn: loaded.tags.get(t)?.nameEn ?? '' }));
      const reason = explain('school', supplies, pair.distanceKm);
      const alliance = await this.alliances.draftPairing(manager, scope, {
        districtId, supportingSchoolId: supporting.id, supportedSchoolId: supported.id,
        name: (dto.name?.trim() || `${supporting.name}—${supported.name}`).slice(0, 64),
        description: `结对推荐（${dto.term}）：${reason.zh}`,
      });
      await this.audit.record(manager, scope.caller, {
        districtId, action: 'pairing_suggestion.accepted', entityType: 'alliance', entityId: alliance.id,
        after: { term: dto.term, supportingSchoolId: supporting.id, supportedSchoolId: supported.id, distanceKm: pair.distanceKm, tagIds: pair.tags, params: loaded.input.params },
      });
      await this.outbox.add<PairingSuggestionAcceptedEvent>(manager, scope.caller, {
        subject: MembershipEvents.pairingSuggestionAccepted, districtId,
        data: { allianceId: alliance.id, districtId, term: dto.term, supportingSchoolId: supporting.id, supportedSchoolId: supported.id, distanceKm: pair.distanceKm, tagIds: pair.tags },
      });
      return alliance;
    });
  }

  async setRoadDistance(scope: AccessScope, districtId: string, dto: SetRoadDistanceDto): Promise<RoadDistanceView> {
    await this.assertDistrictAdmin(scope, districtId);
    if (dto.schoolAId === dto.schoolBId) throw ValidationError.of('body.schoolBId', 'membership.road-distance.same-school');
    return this.dataSource.transaction(async (manager) => {
      const schools = await manager.getRepository(SchoolEntity).find({ where: { id: In([dto.schoolAId, dto.schoolBId]), districtId } });
      for (const field of ['schoolAId', 'schoolBId'] as const) {
        if (!schools.some((s) => s.id === dto[field])) throw ValidationError.of(`body.${field}`, 'membership.road-distance.school-outside-district');
      }
      const [a, b] = [dto.schoolAId, dto.schoolBId].sort() as [string, string];
      const repo = manager.getRepository(RoadDistanceEntity);
      const existing = await repo.findOne({ where: { schoolAId: a, schoolBId: b }, lock: { mode: 'pessimistic_write' } });
      if (dto.km === null || dto.km === undefined) {
        if (existing) await repo.delete({ schoolAId: a, schoolBId: b });
      } else {
        await repo.save(repo.create({ schoolAId: a, schoolBId: b, districtId, km: dto.km, updatedBy: scope.caller.id, updatedAt: new Date() }));
      }
      await this.audit.record(manager, scope.caller, {
        districtId, action: 'road_distance.set', entityType: 'road_distance', entityId: a,
        before: existing ? { schoolAId: a, schoolBId: b, km: existing.km } : null, after: { schoolAId: a, schoolBId: b, km: dto.km ?? null },
      });
      const byId = new Map(schools.map((s) => [s.id, s]));
      const sa = byId.get(a) as SchoolEntity;
      const sb = byId.get(b) as SchoolEntity;
      const model = (s: SchoolEntity) => ({ id: s.id, lat: s.lat, lng: s.lng, capacity: 0, strengths: [], needs: [] });
      return {
        schoolA: { id: sa.id, name: sa.name }, schoolB: { id: sb.id, name: sb.name }, km: dto.km ?? null,
        estimatedKm: roadDistanceKm(model(sa), model(sb), PAIRING_DEFAULTS.roadFactor),
      };
    });
  }

  private async assertDistrictAdmin(scope: AccessScope, districtId: string): Promise<void> {
    await this.districts.visible(scope, districtId);
    if (!scope.isDistrictAdmin(districtId)) throw ForbiddenError.of('membership.pairing.forbidden');
  }

  /** The model's input from the district's submitted profiles of the term, its road distances and its alliances. */
  private async load(manager: EntityManager, districtId: string, query: PairingParamsDto): Promise<Loaded> {
    if (!isTerm(query.term)) throw ValidationError.of('term', 'membership.term-facts.term-invalid');
    const params: PairingParams = {
      travelLimitKm: query.travelLimitKm ?? PAIRING_DEFAULTS.travelLimitKm,
      roadFactor: query.roadFactor ?? PAIRING_DEFAULTS.roadFactor,
      distancePenalty: query.distancePenalty ?? PAIRING_DEFAULTS.distancePenalty,
      maxSupportersPerSchool: query.maxSupportersPerSchool ?? PAIRING_DEFAULTS.maxSupportersPerSchool,
    };
    const includeAlliances = query.includeAlliances ?? true;
    const schools = await manager.getRepository(SchoolEntity).find({ where: { districtId } });
    const profiles = await manager.getRepository(SchoolProfileEntity).find({ where: { districtId, term: query.term } });
    const tags = await manager.getRepository(ProfileTagEntity).find({ where: { districtId } });
    const overrides = await manager.getRepository(RoadDistanceEntity).find({ where: { districtId } });
    // schools already together in a live pairing are not suggested again
    const paired: { supporting: string; supported: string }[] = await manager.query(
      `SELECT s1.school_id AS supporting, s2.school_id AS supported FROM alliance a
         JOIN alliance_member s1 ON s1.alliance_id = a.id AND s1.left_at IS NULL AND s1.role = 'supporting'
         JOIN alliance_member s2 ON s2.alliance_id = a.id AND s2.left_at IS NULL AND s2.role = 'supported'
        WHERE a.district_id = $1 AND a.kind = 'pairing' AND a.status IN ('draft', 'active')`,
      [districtId],
    );
    const alliances: { id: string; name: string; members: string[] }[] = includeAlliances ? await manager.query(
      `SELECT a.id, a.name, array_agg(m.school_id::text) AS members FROM alliance a
         JOIN alliance_member m ON m.alliance_id = a.id AND m.left_at IS NULL
        WHERE a.district_id = $1 AND a.kind IN ('alliance', 'integrated') AND a.status = 'active' GROUP BY a.id, a.name`,
      [districtId],
    ) : [];
    const schoolById = new Map(schools.map((s) => [s.id, s]));
    const liveTags = new Set(tags.filter((t) => t.archivedAt === null).map((t) => t.id));
    const input: PairingInput = {
      params,
      schools: profiles.filter((p) => schoolById.has(p.schoolId)).map((p) => {
        const school = schoolById.get(p.schoolId) as SchoolEntity;
        return {
          id: p.schoolId, lat: school.lat, lng: school.lng, capacity: p.capacity,
          strengths: p.strengths.filter((i) => liveTags.has(i.tagId)).map((i) => ({ tag: i.tagId, level: i.level })),
          needs: p.needs.filter((i) => liveTags.has(i.tagId)).map((i) => ({ tag: i.tagId, level: i.level })),
        };
      }),
      alliances: alliances.map((a) => ({ id: a.id, memberSchoolIds: a.members })),
      distanceOverrides: new Map(overrides.map((o) => [pairKey(o.schoolAId, o.schoolBId), o.km])),
      excluded: new Set(paired.map((p) => `${p.supporting}>${p.supported}`)),
    };
    if (!schools.length && !(await manager.query('SELECT 1 FROM district WHERE id = $1', [districtId])).length) throw new NotFoundError('district', districtId);
    return {
      input, schools: schoolById, allianceNames: new Map(alliances.map((a) => [a.id, a.name])), tags: new Map(tags.map((t) => [t.id, t])),
      profiles: profiles.length, includeAlliances,
    };
  }
}

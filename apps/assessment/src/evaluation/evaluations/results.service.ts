import {
  AssessmentEvents, type AwardGrantedEvent, type AwardView, type CreateAwardDto, type EvaluationStatusItem, type EvaluationStatusQueryDto, type EvaluationStatusView,
  type EvaluationTargetType, type HistoryQueryDto, type HistoryView, type ListAwardsQueryDto, type Page, type RankingItemView, type RankingQueryDto,
  type RankingView,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError, NotFoundError, OutboxWriter, pageWindow, toPage, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { iso } from '../../common/access.js';
import { competitionRanks } from '../scoring.rules.js';
import { canSeeEvaluation, EvaluationsStore, type Evaluation } from './evaluations.store.js';

/**
 * Ranks with ties (1, 1, 3) among evaluations with a total; those without a total (no data yet) come
 * last, sharing the rank after the last ranked one.
 */
export function rankByTotal(evaluations: Pick<Evaluation, 'id' | 'total'>[]): Map<string, number> {
  const ranked = competitionRanks(new Map(evaluations.flatMap((e) => (e.total === null ? [] : [[e.id, e.total] as const]))));
  const last = ranked.size + 1;
  return new Map(evaluations.map((e) => [e.id, ranked.get(e.id) ?? last]));
}

/** Comparisons across evaluations: rankings (horizontal), history (longitudinal), the status other services read, and awards. */
@Injectable()
export class ResultsService {
  constructor(private readonly dataSource: DataSource, private readonly store: EvaluationsStore, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  /**
   * The district's alliances, or an alliance's member schools, ranked by total for a term (current
   * versions). Everyone who may see the group sees the positions and names; totals and dimension
   * scores only of the evaluations they may open (a school sees its own, not the others').
   */
  async ranking(scope: AccessScope, query: RankingQueryDto): Promise<RankingView> {
    let rows: Evaluation[];
    let targetType: EvaluationTargetType;
    if (query.allianceId) {
      const [alliance]: { id: string; district_id: string }[] = await this.dataSource.query('SELECT id, district_id FROM directory_alliance WHERE id = $1', [query.allianceId]);
      rows = alliance ? await this.store.query(
        `SELECT * FROM eval_evaluation WHERE alliance_id = $1 AND term = $2 AND school_id IS NOT NULL AND NOT superseded`, [alliance.id, query.term]) : [];
      const member = rows.some((e) => e.schoolId && scope.schoolIds().includes(e.schoolId));
      if (!alliance || !(scope.isAllianceAdmin(alliance.id, alliance.district_id) || member)) throw new NotFoundError('alliance', query.allianceId);
      targetType = 'school';
    } else if (query.districtId) {
      if (!scope.inDistrict(query.districtId)) throw new NotFoundError('district', query.districtId);
      rows = await this.store.query(`SELECT * FROM eval_evaluation WHERE district_id = $1 AND term = $2 AND school_id IS NULL AND NOT superseded`, [query.districtId, query.term]);
      targetType = 'alliance';
    } else {
      throw ValidationError.of('allianceId', 'assessment.evaluation.ranking-scope');
    }
    const ranks = rankByTotal(rows);
    const names = await this.store.names(rows.map((e) => e.allianceId), rows.flatMap((e) => (e.schoolId ? [e.schoolId] : [])));
    const items: RankingItemView[] = rows.map((e) => {
      const open = canSeeEvaluation(scope, e);
      return {
        targetType, targetId: e.schoolId ?? e.allianceId,
        name: (e.schoolId ? names.schools.get(e.schoolId) : names.alliances.get(e.allianceId)) ?? null,
        total: open ? e.total : null, rank: ranks.get(e.id) ?? 0, step: e.step, evaluationId: open ? e.id : null, dimensions: open ? e.dimensions : [],
      };
    }).sort((a, b) => a.rank - b.rank || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'));
    return { term: query.term, targetType, items };
  }

  /** The same alliance or school over terms (current versions), with the growth against the previous term shown. */
  async history(scope: AccessScope, query: HistoryQueryDto): Promise<HistoryView> {
    const rows = await this.store.query(
      query.targetType === 'school'
        ? 'SELECT * FROM eval_evaluation WHERE school_id = $1 AND NOT superseded ORDER BY term, created_at'
        : 'SELECT * FROM eval_evaluation WHERE alliance_id = $1 AND school_id IS NULL AND NOT superseded ORDER BY term',
      [query.targetId],
    );
    const visible = rows.filter((e) => canSeeEvaluation(scope, e));
    if (!visible.length) throw new NotFoundError(query.targetType, query.targetId);
    const names = await this.store.names([query.targetId], [query.targetId]);
    let previous: number | null = null;
    const points = visible.map((e) => {
      const delta = previous !== null && e.total !== null ? Math.round((e.total - previous) * 100) / 100 : null;
      if (e.total !== null) previous = e.total;
      return { term: e.term, evaluationId: e.id, version: e.version, step: e.step, total: e.total, delta, dimensions: e.dimensions };
    });
    const name = (query.targetType === 'school' ? names.schools.get(query.targetId) : names.alliances.get(query.targetId)) ?? null;
    return { targetType: query.targetType, targetId: query.targetId, name, points };
  }

  /** Where each evaluation of a district's term stands (for briefings and the archive in other services). */
  async status(scope: AccessScope, query: EvaluationStatusQueryDto): Promise<EvaluationStatusView> {
    if (!scope.isDistrictAdmin(query.districtId)) throw new NotFoundError('district', query.districtId);
    const rows = await this.store.query(
      `SELECT * FROM eval_evaluation WHERE district_id = $1 AND term = $2 AND NOT superseded AND ($3::uuid IS NULL OR alliance_id = $3) ORDER BY alliance_id, school_id NULLS FIRST`,
      [query.districtId, query.term, query.allianceId ?? null],
    );
    const awards: { evaluation_id: string; title: string }[] = await this.dataSource.query(
      'SELECT DISTINCT ON (evaluation_id) evaluation_id, title FROM eval_award WHERE district_id = $1 AND term = $2 ORDER BY evaluation_id, awarded_at DESC', [query.districtId, query.term]);
    const awardOf = new Map(awards.map((a) => [a.evaluation_id, a.title]));
    // ranks among peers: alliances of the district (all of them, even when one alliance is asked), schools within their alliance
    const alliances = query.allianceId
      ? await this.store.query(`SELECT * FROM eval_evaluation WHERE district_id = $1 AND term = $2 AND school_id IS NULL AND NOT superseded`, [query.districtId, query.term])
      : rows.filter((e) => e.schoolId === null);
    const ranks = rankByTotal(alliances);
    const byAlliance = new Map<string, Evaluation[]>();
    for (const e of rows.filter((r) => r.schoolId)) byAlliance.set(e.allianceId, [...(byAlliance.get(e.allianceId) ?? []), e]);
    for (const group of byAlliance.values()) for (const [id, rank] of rankByTotal(group)) ranks.set(id, rank);
    const items: EvaluationStatusItem[] = rows.map((e) => ({
      targetType: e.targetType, targetId: e.schoolId ?? e.allianceId, ...(e.schoolId ? { allianceId: e.allianceId } : {}), step: e.step,
      ...(e.step === 'published' ? { version: e.version } : {}), ...(e.total === null ? {} : { score: e.total }), rank: ranks.get(e.id),
      ...(awardOf.has(e.id) ? { award: awardOf.get(e.id) } : {}),
    }));
    return { term: query.term, items };
  }

  /** Records an award (表彰) on a published, current evaluation (district admin). */
  async createAward(scope: AccessScope, dto: CreateAwardDto): Promise<AwardView> {
    const awardId = await this.dataSource.transaction(async (manager) => {
      const e = await this.store.visible(scope, dto.evaluationId, manager, true);
      if (!scope.isDistrictAdmin(e.districtId)) throw ForbiddenError.of('assessment.award.forbidden');
      if (e.step !== 'published') throw ConflictError.of('assessment.evaluation.not-published', { evaluationStep: e.step });
      if (e.superseded) throw ConflictError.of('assessment.evaluation.superseded', { version: e.version + 1 });
      const targetId = e.schoolId ?? e.allianceId;
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO eval_award (district_id, term, evaluation_id, target_type, target_id, title, citation, awarded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [e.districtId, e.term, e.id, e.targetType, targetId, dto.title.trim(), dto.citation.trim(), scope.caller.displayName ?? scope.caller.id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: e.districtId, action: 'award.granted', entityType: 'award', entityId: id, after: { evaluationId: e.id, targetId, title: dto.title.trim(), citation: dto.citation.trim() },
      });
      await this.outbox.add<AwardGrantedEvent>(manager, scope.caller, {
        subject: AssessmentEvents.awardGranted, districtId: e.districtId,
        data: { awardId: id, districtId: e.districtId, evaluationId: e.id, term: e.term, targetType: e.targetType, targetId, title: dto.title.trim() },
      });
      return id;
    });
    const [award] = await this.awardViews('a.id = $1', [awardId]);
    return award as AwardView;
  }

  /** Awards are public recognition: everyone in the district sees them. */
  async awards(scope: AccessScope, query: ListAwardsQueryDto): Promise<Page<AwardView>> {
    const window = pageWindow(query);
    const districts = scope.isPlatformAdmin ? null : scope.districtIds();
    const views = await this.awardViews(
      `($1::uuid[] IS NULL OR a.district_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR a.district_id = $2) AND ($3::text IS NULL OR a.term = $3)`,
      [districts, query.districtId ?? null, query.term ?? null], window,
    );
    return toPage(views.items, views.total, window);
  }

  private async awardViews(where: string, params: unknown[]): Promise<AwardView[]>;
  private async awardViews(where: string, params: unknown[], window: { pageSize: number; offset: number }): Promise<{ items: AwardView[]; total: number }>;
  private async awardViews(where: string, params: unknown[], window?: { pageSize: number; offset: number }): Promise<AwardView[] | { items: AwardView[]; total: number }> {
    const paging = window ? `LIMIT $${params.length + 1} OFFSET $${params.length + 2}` : '';
    const rows: {
      id: string; district_id: string; term: string; evaluation_id: string; target_type: EvaluationTargetType; target_id: string; title: string; citation: string;
      awarded_by: string; awarded_at: Date; total: string | null; name: string | null; count: number;
    }[] = await this.dataSource.query(
      `SELECT a.*, e.total, COALESCE(s.name, da.name) AS name, count(*) OVER ()::int AS count
         FROM eval_award a JOIN eval_evaluation e ON e.id = a.evaluation_id
         LEFT JOIN directory_school s ON a.target_type = 'school' AND s.id = a.target_id
         LEFT JOIN directory_alliance da ON a.target_type = 'alliance' AND da.id = a.target_id
        WHERE ${where} ORDER BY a.awarded_at DESC, a.id ${paging}`,
      window ? [...params, window.pageSize, window.offset] : params,
    );
    const items = rows.map((r): AwardView => ({
      id: r.id, districtId: r.district_id, term: r.term, evaluationId: r.evaluation_id, targetType: r.target_type, targetId: r.target_id, targetName: r.name,
      title: r.title, citation: r.citation, total: r.total === null ? null : Number(r.total), awardedBy: r.awarded_by, awardedAt: iso(r.awarded_at),
    }));
    return window ? { items, total: rows[0]?.count ?? 0 } : items;
  }
}

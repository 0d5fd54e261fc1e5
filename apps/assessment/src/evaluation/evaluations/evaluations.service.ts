import {
  AssessmentEvents, isTerm, isTermFactKey, TERM_FACT_CATALOGUE, type CorrectEvaluationDto, type DrillDownView, type EnterScoresDto, type EvaluationAction,
  type EvaluationDetailView, type EvaluationPublishedEvent, type EvaluationStep, type EvaluationStepChangedEvent, type EvaluationStepView, type EvaluationVersionsView, type EvaluationView, type EvaluatorScoreInputDto,
  type FieldError, type ListEvaluationsQueryDto, type MessageCode, type OpenEvaluationsDto, type OpenEvaluationsView, type Page, type ScoreStep,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../../common/access.js';
import { appliesTo } from '../framework/framework.rules.js';
import { FrameworksService } from '../framework/frameworks.service.js';
import {
  allianceKey, computeTargets, nextStep, reviewerOf, schoolKey, scoreEvaluation, type Entries, type Gathered,
} from './evaluation.rules.js';
import { canSeeEvaluation, evaluationVisibility, EvaluationsStore, type Evaluation } from './evaluations.store.js';
import { TermFactsGatherer, type GatheredFacts } from './term-facts.gatherer.js';

const assertTerm = (term: string): void => {
  if (!isTerm(term)) throw ValidationError.of('term', 'assessment.evaluation.term-invalid');
};

/** Who may do what on an evaluation, in one place so a view and an action cannot disagree. */
function permissions(scope: AccessScope, e: Evaluation): EvaluationView['can'] {
  const selfEvaluator = e.targetType === 'school' ? scope.isSchoolAdmin(e.schoolId as string, e.districtId) : scope.isAllianceAdmin(e.allianceId, e.districtId);
  const reviewer = reviewerOf(e.targetType, e.step);
  const current = !e.superseded;
  return {
    selfEvaluate: current && e.step === 'draft' && selfEvaluator,
    allianceReview: current && reviewer === 'alliance' && scope.isAllianceAdmin(e.allianceId, e.districtId),
    districtReview: current && reviewer === 'district' && scope.isDistrictAdmin(e.districtId),
    refresh: current && e.step !== 'published' && scope.isAllianceAdmin(e.allianceId, e.districtId),
    correct: current && e.step === 'published' && scope.isDistrictAdmin(e.districtId),
  };
}

const mayAct = (can: EvaluationView['can'], step: ScoreStep): boolean =>
  step === 'self' ? can.selfEvaluate : step === 'alliance' ? can.allianceReview : can.districtReview;

/**
 * Term evaluations (考核评价) of alliances and member schools: opened by the district with a framework,
 * computed indicators gathered from every service's term facts, evaluator scores entered per step
 * (self-evaluation, alliance review, district review), published and then frozen; a correction is the
 * next version with its reason, the published one stays readable.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EvaluationsStore,
    private readonly frameworks: FrameworksService,
    private readonly gatherer: TermFactsGatherer,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Creates the term's evaluations of the district (or one alliance) that do not exist yet and refreshes the unpublished ones. */
  async open(scope: AccessScope, dto: OpenEvaluationsDto): Promise<OpenEvaluationsView> {
    assertTerm(dto.term);
    const framework = await this.frameworks.visible(scope, dto.frameworkId);
    if (!scope.isDistrictAdmin(framework.districtId)) throw ForbiddenError.of('assessment.evaluation.open-forbidden');
    const districtId = framework.districtId;
    const all = await this.store.alliancesOf(districtId);
    if (dto.allianceId && !all.some((a) => a.allianceId === dto.allianceId)) throw new NotFoundError('alliance', dto.allianceId);
    const targets = dto.allianceId ? all.filter((a) => a.allianceId === dto.allianceId) : all;
    if (!targets.length) throw ValidationError.of('frameworkId', 'assessment.evaluation.nothing-to-open');
    const gathered = await this.gatherer.gather(scope, districtId, dto.term);
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.store.query(
        `SELECT * FROM eval_evaluation WHERE district_id = $1 AND term = $2 AND NOT superseded FOR UPDATE`, [districtId, dto.term], manager);
      const byKey = new Map(existing.map((e) => [e.schoolId ? schoolKey(e.allianceId, e.schoolId) : allianceKey(e.allianceId), e]));
      let created = 0;
      let refreshed = 0;
      const computedNew = computeTargets(framework.tree, all, gathered.facts, gathered.answered);
      const refreshCache = new Map<string, Map<string, Gathered>>();
      for (const a of targets) {
        const wanted = [{ key: allianceKey(a.allianceId), schoolId: null as string | null }, ...a.schoolIds.map((s) => ({ key: schoolKey(a.allianceId, s), schoolId: s }))];
        for (const { key, schoolId } of wanted) {
          const current = byKey.get(key);
          if (current) {
            if (current.step === 'published') continue;
            const computed = this.computedFor(refreshCache, current, all, gathered);
            await this.writeGathered(manager, current, computed, gathered);
            refreshed++;
            continue;
          }
          const g = computedNew.get(key) ?? { computed: {}, facts: {} };
          const type = schoolId ? 'school' : 'alliance';
          const scored = scoreEvaluation(framework.tree, type, g.computed, {});
          const [{ id }]: { id: string }[] = await manager.query(
            `INSERT INTO eval_evaluation (district_id, alliance_id, school_id, target_type, term, framework_id, step, tree, facts, computed, entries, dimensions, total,
                                          unavailable, facts_gathered_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, '{}', $10, $11, $12, now(), $13) RETURNING id`,
            [districtId, a.allianceId, schoolId, type, dto.term, framework.id, JSON.stringify(framework.tree), JSON.stringify(g.facts), JSON.stringify(g.computed),
              JSON.stringify(scored.dimensions.map(({ indicators: _, ...d }) => d)), scored.total, gathered.unavailable, scope.caller.id],
          );
          await this.logStep(manager, scope, id, 'open', null, 'draft', null);
          await this.outbox.add<EvaluationStepChangedEvent>(manager, scope.caller, {
            subject: AssessmentEvents.evaluationStepChanged, districtId,
            data: { evaluationId: id, districtId, allianceId: a.allianceId, schoolId, targetType: type, term: dto.term, action: 'open', from: null, to: 'draft', comment: null },
          });
          created++;
        }
      }
      await this.audit.record(manager, scope.caller, {
        districtId, action: 'evaluation.opened', entityType: 'framework', entityId: framework.id,
        after: { term: dto.term, allianceId: dto.allianceId ?? null, created, refreshed, unavailable: gathered.unavailable },
      });
      return { created, refreshed, unavailable: gathered.unavailable };
    });
  }

  async list(scope: AccessScope, query: ListEvaluationsQueryDto): Promise<Page<EvaluationView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'e.created_at', term: 'e.term', total: 'e.total', step: 'e.step' }, '-createdAt');
    const where: string[] = ['NOT e.superseded'];
    const params: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown): void => { params.push(value); where.push(sql(params.length)); };
    const visibility = evaluationVisibility(scope, 1);
    if (visibility) { params.push(...visibility.params); where.push(visibility.sql); }
    if (query.term) add((n) => `e.term = $${n}`, query.term);
    if (query.allianceId) add((n) => `e.alliance_id = $${n}`, query.allianceId);
    if (query.schoolId) add((n) => `e.school_id = $${n}`, query.schoolId);
    if (query.targetType) add((n) => `e.target_type = $${n}`, query.targetType);
    if (query.step) add((n) => `e.step = $${n}`, query.step);
    if (query.q) {
      add((n) => `(EXISTS (SELECT 1 FROM directory_school s WHERE s.id = e.school_id AND s.name ILIKE $${n})
        OR EXISTS (SELECT 1 FROM directory_alliance a WHERE a.id = e.alliance_id AND a.name ILIKE $${n}))`, likePattern(query.q));
    }
    params.push(window.pageSize, window.offset);
    const rows: { id: string; total_count: number }[] = await this.dataSource.query(
      `SELECT e.id, count(*) OVER ()::int AS total_count FROM eval_evaluation e WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction} NULLS LAST, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const evaluations = rows.length ? await this.store.query('SELECT * FROM eval_evaluation WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)]) : [];
    const byId = new Map(evaluations.map((e) => [e.id, e]));
    const views = await this.views(scope, rows.map((r) => byId.get(r.id) as Evaluation));
    return toPage(views, rows[0]?.total_count ?? 0, window);
  }

  async get(scope: AccessScope, id: string): Promise<EvaluationDetailView> {
    return this.detail(scope, await this.store.visible(scope, id));
  }

  /** Every version of the evaluation's target and term, newest first (the published ones stay readable). */
  async versions(scope: AccessScope, id: string): Promise<EvaluationVersionsView> {
    const e = await this.store.visible(scope, id);
    const all = await this.store.query(
      `SELECT * FROM eval_evaluation WHERE alliance_id = $1 AND term = $2 AND school_id IS NOT DISTINCT FROM $3 ORDER BY version DESC`, [e.allianceId, e.term, e.schoolId]);
    return { items: await this.views(scope, all) };
  }

  /** Gathers the term facts again for an unpublished evaluation; evaluator scores stay. */
  async refresh(scope: AccessScope, id: string): Promise<EvaluationDetailView> {
    const before = await this.store.visible(scope, id);
    this.assertRefreshable(scope, before);
    const gathered = await this.gatherer.gather(scope, before.districtId, before.term);
    const all = await this.store.alliancesOf(before.districtId);
    return this.dataSource.transaction(async (manager) => {
      const e = await this.store.visible(scope, id, manager, true);
      this.assertRefreshable(scope, e);
      await this.writeGathered(manager, e, this.computedFor(new Map(), e, all, gathered), gathered);
      const after = await this.store.visible(scope, id, manager);
      await this.audit.record(manager, scope.caller, {
        districtId: e.districtId, action: 'evaluation.refreshed', entityType: 'evaluation', entityId: e.id,
        before: { total: e.total, computed: e.computed }, after: { total: after.total, computed: after.computed, unavailable: gathered.unavailable },
      });
      return this.detail(scope, after, manager);
    });
  }

  /** Enters evaluator scores for the step the evaluation is in (self, alliance or district). */
  async score(scope: AccessScope, id: string, dto: EnterScoresDto): Promise<EvaluationDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const e = await this.store.visible(scope, id, manager, true);
      if (e.step === 'published') this.refuseOn(e, 'assessment.evaluation.published');
      const step = reviewerOf(e.targetType, e.step) as ScoreStep;
      if (!mayAct(permissions(scope, e), step)) throw ForbiddenError.of('assessment.evaluation.score-forbidden');
      const entries = this.withScores(e, dto.scores, step, scope, 'scores');
      const after = await this.rescore(manager, e, entries);
      await this.audit.record(manager, scope.caller, {
        districtId: e.districtId, action: 'evaluation.scored', entityType: 'evaluation', entityId: e.id,
        before: { step, scores: Object.fromEntries(dto.scores.map((s) => [s.indicator, e.entries[s.indicator]?.[step]?.score ?? null])), total: e.total },
        after: { step, scores: Object.fromEntries(dto.scores.map((s) => [s.indicator, s.score])), total: after.total },
      });
      return this.detail(scope, after, manager);
    });
  }

  async transition(scope: AccessScope, id: string, action: EvaluationAction, comment?: string): Promise<EvaluationDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const e = await this.store.visible(scope, id, manager, true);
      if (e.superseded) this.refuseOn(e, 'assessment.evaluation.published');
      const can = permissions(scope, e);
      const reviewer = reviewerOf(e.targetType, e.step);
      const allowed = action === 'submit' ? can.selfEvaluate
        : action === 'approve' ? can.allianceReview
          : action === 'publish' ? can.districtReview
            : reviewer !== null && reviewer !== 'self' && mayAct(can, reviewer);
      const to = nextStep(e.targetType, e.step, action);
      if (!allowed) throw ForbiddenError.of('assessment.evaluation.transition-forbidden');
      if (action === 'return' && !comment?.trim()) throw ValidationError.of('comment', 'assessment.evaluation.comment-required');
      if (to === 'published') {
        await manager.query(`UPDATE eval_evaluation SET step = 'published', published_at = now(), published_by = $2, updated_at = now() WHERE id = $1`, [e.id, scope.caller.id]);
        await this.outbox.add<EvaluationPublishedEvent>(manager, scope.caller, { subject: AssessmentEvents.evaluationPublished, districtId: e.districtId, data: this.eventOf(e, e.version, e.total) });
      } else {
        await manager.query('UPDATE eval_evaluation SET step = $2, updated_at = now() WHERE id = $1', [e.id, to]);
        await this.outbox.add<EvaluationStepChangedEvent>(manager, scope.caller, {
          subject: AssessmentEvents.evaluationStepChanged, districtId: e.districtId,
          data: {
            evaluationId: e.id, districtId: e.districtId, allianceId: e.allianceId, schoolId: e.schoolId, targetType: e.targetType, term: e.term,
            action: action as EvaluationStepChangedEvent['action'], from: e.step, to, comment: comment?.trim() || null,
          },
        });
      }
      await this.logStep(manager, scope, e.id, action, e.step, to, comment?.trim() || null);
      await this.audit.record(manager, scope.caller, {
        districtId: e.districtId, action: `evaluation.${action}`, entityType: 'evaluation', entityId: e.id,
        before: { step: e.step }, after: { step: to, comment: comment?.trim() || null, total: e.total },
      });
      return this.detail(scope, await this.store.visible(scope, id, manager), manager);
    });
  }

  /**
   * Corrects a published evaluation: the next version, published at once with the reason, carrying the
   * frozen facts (or the facts gathered now, when asked) and the scores with the district's corrections.
   * The corrected version stays as it was, marked superseded.
   */
  async correct(scope: AccessScope, id: string, dto: CorrectEvaluationDto): Promise<EvaluationDetailView> {
    const first = await this.store.visible(scope, id);
    this.assertCorrectable(scope, first);
    const gathered = dto.refreshFacts ? await this.gatherer.gather(scope, first.districtId, first.term) : undefined;
    const all = gathered ? await this.store.alliancesOf(first.districtId) : [];
    return this.dataSource.transaction(async (manager) => {
      const e = await this.store.visible(scope, id, manager, true);
      this.assertCorrectable(scope, e);
      const entries = dto.scores?.length ? this.withScores(e, dto.scores, 'district', scope, 'scores') : e.entries;
      const g = gathered ? this.computedFor(new Map(), e, all, gathered) : { computed: e.computed, facts: e.facts };
      const scored = scoreEvaluation(e.tree, e.targetType, g.computed, entries);
      await manager.query('UPDATE eval_evaluation SET superseded = true WHERE id = $1', [e.id]);
      const [{ id: nextId }]: { id: string }[] = await manager.query(
        `INSERT INTO eval_evaluation (district_id, alliance_id, school_id, target_type, term, framework_id, version, previous_id, correction_reason, step, tree, facts,
                                      computed, entries, dimensions, total, unavailable, facts_gathered_at, published_at, published_by, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'published', $10, $11, $12, $13, $14, $15, $16, $17, now(), $18, $18) RETURNING id`,
        [e.districtId, e.allianceId, e.schoolId, e.targetType, e.term, e.frameworkId, e.version + 1, e.id, dto.reason.trim(), JSON.stringify(e.tree),
          JSON.stringify(g.facts), JSON.stringify(g.computed), JSON.stringify(entries), JSON.stringify(scored.dimensions.map(({ indicators: _, ...d }) => d)),
          scored.total, gathered?.unavailable ?? e.unavailable, gathered ? new Date() : e.factsGatheredAt, scope.caller.id],
      );
      await this.logStep(manager, scope, nextId, 'correct', null, 'published', dto.reason.trim());
      await this.audit.record(manager, scope.caller, {
        districtId: e.districtId, action: 'evaluation.corrected', entityType: 'evaluation', entityId: nextId,
        before: { id: e.id, version: e.version, total: e.total }, after: { id: nextId, version: e.version + 1, total: scored.total, reason: dto.reason.trim() },
      });
      await this.outbox.add<EvaluationPublishedEvent>(manager, scope.caller, {
        subject: AssessmentEvents.evaluationCorrected, districtId: e.districtId, data: { ...this.eventOf(e, e.version + 1, scored.total), evaluationId: nextId, reason: dto.reason.trim() },
      });
      return this.detail(scope, await this.store.visible(scope, nextId, manager), manager);
    });
  }

  /** The facts behind a computed indicator's score, per school with numerator and denominator. */
  async drillDown(scope: AccessScope, id: string, code: string): Promise<DrillDownView> {
    const e = await this.store.visible(scope, id);
    const indicator = e.tree.flatMap((d) => d.indicators).find((i) => i.code === code && appliesTo(i, e.targetType));
    if (!indicator) throw ValidationError.of('indicator', 'assessment.evaluation.indicator-unknown', { indicator: code });
    const key = indicator.factKey;
    const rows = key ? (e.facts[key] ?? []) : [];
    const { schools } = await this.store.names([], rows.flatMap((r) => (r.schoolId ? [r.schoolId] : [])));
    const info = key && isTermFactKey(key) ? TERM_FACT_CATALOGUE[key] : undefined;
    return {
      indicator: code, factKey: key, source: info?.['zh-CN'] ?? null, sourceEn: info?.en ?? null,
      rows: rows.map((r) => ({ schoolId: r.schoolId, schoolName: r.schoolId ? (schools.get(r.schoolId) ?? null) : null, value: r.value, numerator: r.numerator, denominator: r.denominator })),
    };
  }

  /* helpers */

  private assertRefreshable(scope: AccessScope, e: Evaluation): void {
    if (e.step === 'published') this.refuseOn(e, 'assessment.evaluation.published');
    if (!permissions(scope, e).refresh) this.refuseOn(e, 'assessment.evaluation.refresh-forbidden');
  }

  private assertCorrectable(scope: AccessScope, e: Evaluation): void {
    if (!scope.isDistrictAdmin(e.districtId)) throw ForbiddenError.of('assessment.evaluation.correct-forbidden');
    if (e.step !== 'published') this.refuseOn(e, 'assessment.evaluation.not-published');
    if (e.superseded) this.refuseOn(e, 'assessment.evaluation.superseded', { version: e.version + 1 });
  }

  /** 403 for what the caller's role does not allow, 409 for what the evaluation's state does not allow. */
  private refuseOn(e: Evaluation, code: MessageCode, params: Record<string, string | number> = {}): never {
    if (code.endsWith('-forbidden')) throw ForbiddenError.of(code);
    throw ConflictError.of(code, { evaluationStep: e.step, ...params });
  }

  /** The evaluation's computed indicators from a gathering, with its own frozen tree (one computation per tree). */
  private computedFor(cache: Map<string, Map<string, Gathered>>, e: Evaluation, all: { allianceId: string; schoolIds: string[] }[], gathered: GatheredFacts): Gathered {
    let computed = cache.get(e.frameworkId);
    if (!computed) {
      computed = computeTargets(e.tree, all, gathered.facts, gathered.answered);
      cache.set(e.frameworkId, computed);
    }
    const key = e.schoolId ? schoolKey(e.allianceId, e.schoolId) : allianceKey(e.allianceId);
    // a school that left the alliance since keeps its figures computed as a school of its own
    return computed.get(key) ?? computeTargets(e.tree, [{ allianceId: e.allianceId, schoolIds: e.schoolId ? [e.schoolId] : [] }], gathered.facts, gathered.answered).get(key) ?? { computed: {}, facts: {} };
  }

  private async writeGathered(manager: EntityManager, e: Evaluation, g: Gathered, gathered: GatheredFacts): Promise<void> {
    const scored = scoreEvaluation(e.tree, e.targetType, g.computed, e.entries);
    await manager.query(
      `UPDATE eval_evaluation SET facts = $2, computed = $3, dimensions = $4, total = $5, unavailable = $6, facts_gathered_at = now(), updated_at = now() WHERE id = $1`,
      [e.id, JSON.stringify(g.facts), JSON.stringify(g.computed), JSON.stringify(scored.dimensions.map(({ indicators: _, ...d }) => d)), scored.total, gathered.unavailable],
    );
  }

  private async rescore(manager: EntityManager, e: Evaluation, entries: Entries): Promise<Evaluation> {
    const scored = scoreEvaluation(e.tree, e.targetType, e.computed, entries);
    await manager.query('UPDATE eval_evaluation SET entries = $2, dimensions = $3, total = $4, updated_at = now() WHERE id = $1',
      [e.id, JSON.stringify(entries), JSON.stringify(scored.dimensions.map(({ indicators: _, ...d }) => d)), scored.total]);
    const [row] = await this.store.query('SELECT * FROM eval_evaluation WHERE id = $1', [e.id], manager);
    return row as Evaluation;
  }

  /** The entries with these evaluator scores for the step; every bad score is named by its row. */
  private withScores(e: Evaluation, scores: EvaluatorScoreInputDto[], step: ScoreStep, scope: AccessScope, field: string): Entries {
    const indicators = new Map(e.tree.flatMap((d) => d.indicators).filter((i) => appliesTo(i, e.targetType)).map((i) => [i.code, i]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const [n, s] of scores.entries()) {
      const indicator = indicators.get(s.indicator);
      if (!indicator) errors.push(fieldError(`${field}.${n}.indicator`, 'assessment.evaluation.indicator-unknown', { indicator: s.indicator }));
      else if (indicator.kind !== 'evaluator') errors.push(fieldError(`${field}.${n}.indicator`, 'assessment.evaluation.not-evaluator-scored', { indicator: s.indicator }));
      else if (s.score > (indicator.maxScore ?? 0)) errors.push(fieldError(`${field}.${n}.score`, 'assessment.evaluation.score-over-max', { maxScore: indicator.maxScore ?? 0 }));
      if (seen.has(s.indicator)) errors.push(fieldError(`${field}.${n}.indicator`, 'assessment.evaluation.indicator-repeated', { indicator: s.indicator }));
      seen.add(s.indicator);
    }
    if (errors.length) throw new ValidationError(errors);
    const entries: Entries = structuredClone(e.entries);
    const at = new Date().toISOString();
    for (const s of scores) {
      entries[s.indicator] = { ...entries[s.indicator], [step]: { score: s.score, comment: s.comment?.trim() || null, evidence: s.evidence?.trim() || null, by: scope.caller.displayName ?? scope.caller.id, at } };
    }
    return entries;
  }

  private async logStep(manager: EntityManager, scope: AccessScope, id: string, action: string, from: EvaluationStep | null, to: EvaluationStep, comment: string | null): Promise<void> {
    await manager.query('INSERT INTO eval_step (evaluation_id, action, from_step, to_step, comment, by_id, by_name) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, action, from, to, comment, scope.caller.id, scope.caller.displayName ?? null]);
  }

  private eventOf(e: Evaluation, version: number, total: number | null): EvaluationPublishedEvent {
    return { evaluationId: e.id, districtId: e.districtId, allianceId: e.allianceId, schoolId: e.schoolId, targetType: e.targetType, term: e.term, version, total };
  }

  async views(scope: AccessScope, evaluations: Evaluation[], manager?: EntityManager): Promise<EvaluationView[]> {
    const names = await this.store.names([...new Set(evaluations.map((e) => e.allianceId))], evaluations.flatMap((e) => (e.schoolId ? [e.schoolId] : [])), manager);
    return evaluations.map((e) => ({
      id: e.id, districtId: e.districtId, targetType: e.targetType, allianceId: e.allianceId, allianceName: names.alliances.get(e.allianceId) ?? null,
      schoolId: e.schoolId, schoolName: e.schoolId ? (names.schools.get(e.schoolId) ?? null) : null, term: e.term, frameworkId: e.frameworkId, version: e.version,
      step: e.step, superseded: e.superseded, correctionReason: e.correctionReason, total: e.total, factsGatheredAt: e.factsGatheredAt ? iso(e.factsGatheredAt) : null,
      publishedAt: e.publishedAt ? iso(e.publishedAt) : null, can: permissions(scope, e), createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt),
    }));
  }

  private async detail(scope: AccessScope, e: Evaluation, manager: EntityManager = this.dataSource.manager): Promise<EvaluationDetailView> {
    const [view] = await this.views(scope, [e], manager);
    const steps: { action: string; from_step: EvaluationStep | null; to_step: EvaluationStep; comment: string | null; by_id: string; by_name: string | null; at: Date }[] =
      await manager.query('SELECT action, from_step, to_step, comment, by_id, by_name, at FROM eval_step WHERE evaluation_id = $1 ORDER BY id', [e.id]);
    const stepViews: EvaluationStepView[] = steps.map((s) => ({ action: s.action, from: s.from_step, to: s.to_step, comment: s.comment, by: s.by_name ?? s.by_id, at: iso(s.at) }));
    const scored = scoreEvaluation(e.tree, e.targetType, e.computed, e.entries);
    return { ...(view as EvaluationView), dimensions: scored.dimensions, steps: stepViews, unavailable: e.unavailable };
  }

  /** For rankings and status: whether the caller may open this evaluation. */
  canSee(scope: AccessScope, e: Evaluation): boolean {
    return canSeeEvaluation(scope, e);
  }
}


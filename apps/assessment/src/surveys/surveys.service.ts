import {
  ActivitiesSubjects, type CreateSurveyDto, type CreateSurveyTemplateDto, type ListSurveysQueryDto, type ListTemplatesQueryDto, type Page,
  type QuestionView, type SurveyAction, type SurveyTemplateView, type SurveyView, type UpdateSurveyDto, type UpdateSurveyTemplateDto,
  SURVEY_MIN_GROUP_DEFAULT,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, BusClient, CallerTokens, ConflictError, DomainError, ForbiddenError, likePattern, NotFoundError, pageWindow, sortOrder,
  toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../common/access.js';
import { assertWindow, nextSurveyStatus, normalizeQuestions } from './survey.rules.js';
import { canManageSurvey, SURVEY_SELECT, SurveyStore, surveyVisibility, toSurvey, type Survey, type SurveyRowWithTotal } from './survey.store.js';

interface TemplateRow {
  id: string; district_id: string; title: string; description: string; questions: QuestionView[]; created_at: Date; updated_at: Date; total?: number;
}

/** How long activities has to confirm a feedback survey's activity before it is kept as given. */
const ACTIVITY_CHECK_TIMEOUT_MS = 3_000;

const snapshot = (s: Survey): Record<string, unknown> => ({
  level: s.level, allianceId: s.allianceId, schoolId: s.schoolId, term: s.term, title: s.title, audiences: s.audiences, opensAt: iso(s.opensAt),
  closesAt: iso(s.closesAt), anonymous: s.anonymous, minGroupSize: s.minGroupSize, status: s.status, questions: s.questions.length,
  activityId: s.activityId,
});

/** The district a caller means: the one given (which they must administer), else the only one they administer. */
function districtOf(scope: AccessScope, given: string | undefined, field: string): string {
  if (given) return given;
  const districts = scope.adminDistrictIds();
  if (districts.length !== 1) throw ValidationError.of(field, 'assessment.survey.district-needed');
  return districts[0] as string;
}

/**
 * Survey templates of a district and the surveys made from them or from questions of their own: who may
 * create one at which level, the schools it covers, the draft → open → closed flow, and audit of every change.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SurveyStore,
    private readonly audit: AuditWriter,
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
  ) {}

  // --- templates (district-wide) ---

  async createTemplate(scope: AccessScope, dto: CreateSurveyTemplateDto): Promise<SurveyTemplateView> {
    const districtId = districtOf(scope, dto.districtId, 'districtId');
    if (!scope.inDistrict(districtId)) throw new NotFoundError('District', districtId);
    if (!scope.isDistrictAdmin(districtId)) throw ForbiddenError.of('assessment.survey.template-forbidden');
    const questions = normalizeQuestions(dto.questions);
    return this.dataSource.transaction(async (manager) => {
      const [row]: TemplateRow[] = await manager.query(
        `INSERT INTO survey_template (district_id, title, description, questions, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [districtId, dto.title.trim(), dto.description?.trim() ?? '', JSON.stringify(questions), scope.caller.id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId, action: 'survey-template.created', entityType: 'survey_template', entityId: row!.id, after: { title: row!.title, questions: questions.length },
      });
      return this.templateView(scope, row!);
    });
  }

  async listTemplates(scope: AccessScope, query: ListTemplatesQueryDto): Promise<Page<SurveyTemplateView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { title: 't.title', createdAt: 't.created_at', updatedAt: 't.updated_at' }, 'title');
    const params: unknown[] = [];
    const where: string[] = [];
    if (!scope.isPlatformAdmin) { params.push(scope.districtIds()); where.push(`t.district_id = ANY($${params.length}::uuid[])`); }
    if (query.q) { params.push(likePattern(query.q)); where.push(`t.title ILIKE $${params.length}`); }
    params.push(window.pageSize, window.offset);
    const rows: TemplateRow[] = await this.dataSource.query(
      `SELECT t.*, count(*) OVER ()::int AS total FROM survey_template t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order.column} ${order.direction}, t.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return toPage(rows.map((r) => this.templateView(scope, r)), rows[0]?.total ?? 0, window);
  }

  async getTemplate(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<SurveyTemplateView> {
    return this.templateView(scope, await this.templateRow(scope, id, manager));
  }

  async updateTemplate(scope: AccessScope, id: string, changes: UpdateSurveyTemplateDto): Promise<SurveyTemplateView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.templateRow(scope, id, manager, true);
      if (!scope.isDistrictAdmin(before.district_id)) throw ForbiddenError.of('assessment.survey.template-forbidden');
      const questions = changes.questions ? normalizeQuestions(changes.questions) : before.questions;
      const [row]: TemplateRow[] = await manager.query(
        `WITH updated AS (UPDATE survey_template SET title = $2, description = $3, questions = $4, updated_at = now() WHERE id = $1 RETURNING *) SELECT * FROM updated`,
        [id, changes.title?.trim() ?? before.title, changes.description?.trim() ?? before.description, JSON.stringify(questions)],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: before.district_id, action: 'survey-template.updated', entityType: 'survey_template', entityId: id,
        before: { title: before.title, questions: before.questions.length }, after: { title: row!.title, questions: questions.length },
      });
      return this.templateView(scope, row!);
    });
  }

  // --- surveys ---

  async create(scope: AccessScope, dto: CreateSurveyDto, now = new Date()): Promise<SurveyView> {
    if ((dto.templateId === undefined) === (dto.questions === undefined)) throw ValidationError.of('questions', 'assessment.survey.questions-or-template');
    if (dto.occurrenceStart !== undefined && dto.activityId === undefined) throw ValidationError.of('occurrenceStart', 'assessment.survey.occurrence-without-activity');
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    assertWindow(opensAt, closesAt);
    const questionsGiven = dto.questions ? normalizeQuestions(dto.questions) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const owner = await this.ownerOf(manager, scope, dto);
      const questions = questionsGiven ?? (await this.templateRow(scope, dto.templateId as string, manager)).questions;
      if (dto.activityId) await this.checkActivity(scope, dto.activityId);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO survey (district_id, level, alliance_id, school_id, school_ids, term, title, description, audiences, opens_at, closes_at, anonymous,
                             min_group_size, status, questions, template_id, activity_id, occurrence_start, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', $14, $15, $16, $17, $18) RETURNING id`,
        [owner.districtId, dto.level, owner.allianceId, owner.schoolId, owner.schoolIds, dto.term, dto.title.trim(), dto.description?.trim() ?? '',
          dto.audiences, opensAt, closesAt, dto.anonymous, dto.minGroupSize ?? SURVEY_MIN_GROUP_DEFAULT, JSON.stringify(questions), dto.templateId ?? null,
          dto.activityId ?? null, dto.occurrenceStart ? new Date(dto.occurrenceStart) : null, scope.caller.id],
      );
      const survey = await this.store.byId(id, manager);
      await this.audit.record(manager, scope.caller, { districtId: survey.districtId, action: 'survey.created', entityType: 'survey', entityId: id, after: snapshot(survey) });
      return this.store.view(scope, survey, false, now);
    });
  }

  async list(scope: AccessScope, query: ListSurveysQueryDto, now = new Date()): Promise<Page<SurveyView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 's.created_at', term: 's.term', title: 's.title', status: 's.status', closesAt: 's.closes_at' }, '-createdAt');
    const params: unknown[] = [];
    const where: string[] = [];
    const visibility = surveyVisibility(scope, params);
    if (visibility) where.push(visibility);
    const add = (sql: (n: string) => string, value: unknown): void => { params.push(value); where.push(sql(`$${params.length}`)); };
    if (query.term) add((n) => `s.term = ${n}`, query.term);
    if (query.status) add((n) => `s.status = ${n}`, query.status);
    if (query.allianceId) add((n) => `s.alliance_id = ${n}`, query.allianceId);
    if (query.activityId) add((n) => `s.activity_id = ${n}`, query.activityId);
    if (query.q) add((n) => `s.title ILIKE ${n}`, likePattern(query.q));
    params.push(window.pageSize, window.offset);
    const rows: SurveyRowWithTotal[] = await this.dataSource.query(
      `${SURVEY_SELECT.replace('SELECT s.*,', 'SELECT s.*, count(*) OVER ()::int AS total,')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order.column} ${order.direction}, s.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const answered = await this.answeredOf(scope, rows.map((r) => r.id));
    return toPage(rows.map((r) => this.store.view(scope, toSurvey(r), answered.has(r.id), now)), rows[0]?.total ?? 0, window);
  }

  /** Open surveys asking teachers at the caller's schools that they have not answered yet. */
  async mine(scope: AccessScope, now = new Date()): Promise<SurveyView[]> {
    const schools = scope.caller.assignments.filter((a) => (a.role === 'teacher' || a.role === 'school_admin') && a.schoolId).map((a) => a.schoolId as string);
    if (!schools.length) return [];
    const rows: SurveyRowWithTotal[] = await this.dataSource.query(
      `${SURVEY_SELECT}
        WHERE s.status = 'open' AND s.opens_at <= $2 AND s.closes_at > $2 AND 'teachers' = ANY(s.audiences) AND s.school_ids && $1::uuid[]
          AND NOT EXISTS (SELECT 1 FROM survey_participant p WHERE p.survey_id = s.id AND p.account_id = $3)
        ORDER BY s.closes_at, s.id LIMIT 100`,
      [schools, now, scope.caller.id],
    );
    return rows.map((r) => this.store.view(scope, toSurvey(r), false, now));
  }

  async get(scope: AccessScope, id: string, now = new Date()): Promise<SurveyView> {
    const survey = await this.store.visible(scope, id);
    return this.store.view(scope, survey, await this.store.hasAnswered(id, scope.caller.id), now);
  }

  /** A draft changes freely; an open survey may only have its closing time moved (or its title and description fixed). */
  async update(scope: AccessScope, id: string, changes: UpdateSurveyDto, now = new Date()): Promise<SurveyView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.store.visible(scope, id, manager, true);
      if (!canManageSurvey(scope, before)) throw ForbiddenError.of('assessment.survey.manage-forbidden');
      const draftOnly = changes.opensAt !== undefined || changes.anonymous !== undefined || changes.minGroupSize !== undefined || changes.questions !== undefined;
      if (before.status === 'closed' || (draftOnly && before.status !== 'draft')) throw ConflictError.of('assessment.survey.not-draft', { surveyStatus: before.status });
      const opensAt = changes.opensAt ? new Date(changes.opensAt) : before.opensAt;
      const closesAt = changes.closesAt ? new Date(changes.closesAt) : before.closesAt;
      assertWindow(opensAt, closesAt);
      const questions = changes.questions ? normalizeQuestions(changes.questions) : before.questions;
      await manager.query(
        `UPDATE survey SET title = $2, description = $3, opens_at = $4, closes_at = $5, anonymous = $6, min_group_size = $7, questions = $8, updated_at = now()
          WHERE id = $1`,
        [id, changes.title?.trim() ?? before.title, changes.description?.trim() ?? before.description, opensAt, closesAt,
          changes.anonymous ?? before.anonymous, changes.minGroupSize ?? before.minGroupSize, JSON.stringify(questions)],
      );
      const after = await this.store.byId(id, manager);
      await this.audit.record(manager, scope.caller, {
        districtId: after.districtId, action: 'survey.updated', entityType: 'survey', entityId: id, before: snapshot(before), after: snapshot(after),
      });
      return this.store.view(scope, after, false, now);
    });
  }

  async transition(scope: AccessScope, id: string, action: SurveyAction, now = new Date()): Promise<SurveyView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.store.visible(scope, id, manager, true);
      if (!canManageSurvey(scope, before)) throw ForbiddenError.of('assessment.survey.manage-forbidden');
      const to = nextSurveyStatus(before.status, action);
      await manager.query('UPDATE survey SET status = $2, updated_at = now() WHERE id = $1', [id, to]);
      const after = await this.store.byId(id, manager);
      await this.audit.record(manager, scope.caller, {
        districtId: after.districtId, action: action === 'open' ? 'survey.opened' : 'survey.closed', entityType: 'survey', entityId: id,
        before: { status: before.status }, after: { status: to },
      });
      return this.store.view(scope, after, false, now);
    });
  }

  // --- reads and checks ---

  /**
   * The owner of a new survey and the schools it covers: all the district's schools, the alliance's active
   * members, or the one school. A scope the caller cannot see answers 404; one they see but may not run, 403.
   */
  private async ownerOf(manager: EntityManager, scope: AccessScope, dto: CreateSurveyDto): Promise<{
    districtId: string; allianceId: string | null; schoolId: string | null; schoolIds: string[];
  }> {
    switch (dto.level) {
      case 'district': {
        const districtId = districtOf(scope, dto.districtId, 'districtId');
        if (!scope.inDistrict(districtId)) throw new NotFoundError('District', districtId);
        if (!scope.isDistrictAdmin(districtId)) throw ForbiddenError.of('assessment.survey.create-forbidden');
        const rows: { id: string }[] = await manager.query('SELECT id FROM directory_school WHERE district_id = $1 ORDER BY id', [districtId]);
        return { districtId, allianceId: null, schoolId: null, schoolIds: rows.map((r) => r.id) };
      }
      case 'alliance': {
        if (!dto.allianceId) throw ValidationError.of('allianceId', 'assessment.survey.scope-needed', { surveyLevel: 'alliance', scopeField: 'allianceId' });
        const [alliance]: { id: string; district_id: string }[] = await manager.query('SELECT id, district_id FROM directory_alliance WHERE id = $1', [dto.allianceId]);
        const visible = alliance && (scope.inDistrict(alliance.district_id) || scope.adminAllianceIds().includes(alliance.id));
        if (!alliance || !visible) throw new NotFoundError('Alliance', dto.allianceId);
        if (!scope.isAllianceAdmin(alliance.id, alliance.district_id)) throw ForbiddenError.of('assessment.survey.create-forbidden');
        const rows: { school_id: string }[] = await manager.query(
          'SELECT school_id FROM directory_member WHERE alliance_id = $1 AND active ORDER BY school_id', [alliance.id],
        );
        return { districtId: alliance.district_id, allianceId: alliance.id, schoolId: null, schoolIds: rows.map((r) => r.school_id) };
      }
      case 'school': {
        if (!dto.schoolId) throw ValidationError.of('schoolId', 'assessment.survey.scope-needed', { surveyLevel: 'school', scopeField: 'schoolId' });
        const [school]: { id: string; district_id: string }[] = await manager.query('SELECT id, district_id FROM directory_school WHERE id = $1', [dto.schoolId]);
        const visible = school && (scope.inDistrict(school.district_id));
        if (!school || !visible) throw new NotFoundError('School', dto.schoolId);
        if (!scope.isSchoolAdmin(school.id, school.district_id)) throw ForbiddenError.of('assessment.survey.create-forbidden');
        return { districtId: school.district_id, allianceId: null, schoolId: school.id, schoolIds: [school.id] };
      }
      default: {
        const never: never = dto.level;
        throw new Error(`unknown level ${String(never)}`);
      }
    }
  }

  /**
   * Asks activities, as the caller, whether they may see the activity; an activity they may not see is refused
   * naming the field. When activities does not answer, the id is kept as given (the caller's scope was checked above).
   */
  private async checkActivity(scope: AccessScope, activityId: string): Promise<void> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    try {
      await this.bus.request(ActivitiesSubjects.activityGet, { id: activityId }, { callerToken, requestId, timeoutMs: ACTIVITY_CHECK_TIMEOUT_MS });
    } catch (error) {
      const kind = error instanceof DomainError ? error.kind : undefined;
      if (kind === 'not-found' || kind === 'forbidden' || kind === 'validation-failed') throw ValidationError.of('activityId', 'assessment.survey.activity-not-found');
      if (kind === 'unavailable' || kind === 'timeout') return;
      throw error;
    }
  }

  private async templateRow(scope: AccessScope, id: string, manager: EntityManager, lock = false): Promise<TemplateRow> {
    const rows: TemplateRow[] = await manager.query(`SELECT * FROM survey_template WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    const row = rows[0];
    if (!row || !scope.inDistrict(row.district_id)) throw new NotFoundError('Survey template', id);
    return row;
  }

  private templateView(scope: AccessScope, r: TemplateRow): SurveyTemplateView {
    return {
      id: r.id, districtId: r.district_id, title: r.title, description: r.description, questions: r.questions, canEdit: scope.isDistrictAdmin(r.district_id),
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
  }

  private async answeredOf(scope: AccessScope, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { survey_id: string }[] = await this.dataSource.query(
      'SELECT survey_id FROM survey_participant WHERE survey_id = ANY($1::uuid[]) AND account_id = $2', [ids, scope.caller.id],
    );
    return new Set(rows.map((r) => r.survey_id));
  }
}

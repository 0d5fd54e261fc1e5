import {
  ActivitiesEvents, type AddEvidenceFileRequest, type AssessTargetDto, type AssigneeView, type CreatePlanDto, type EvidenceDownloadView,
  type EvidenceView, type ListMilestonesQueryDto, type ListPlansQueryDto, type MilestoneInputDto, type MilestoneListItemView,
  type MilestoneProgressedEvent, type MilestoneStatus, type MilestoneView, type Page, type PlanAction, type PlanDetailView, type PlanStatus,
  type PlanStatusChangedEvent, type PlanTransitionDto, type PlanView, type ProgressInputDto, type TargetAssessedEvent, type TargetInputDto,
  type TargetRating, type TargetView, type UpdatePlanDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canEditPlan, canReviewPlan, planVisibleSql, SqlParams } from '../common/access.js';
import { dateOnly, iso, isoOrNull, shanghaiDate } from '../common/time.js';
import { EvidenceLinks, type CheckedLink } from './evidence-links.js';
import { AllianceBodies } from '../bodies/alliance-bodies.js';
import {
  assertDueInTerm, assertProgress, assertTerm, completionDay, daysOverdue, isOnTime, isOverdue, nextStatus,
} from './plan.rules.js';

interface PlanRow {
  id: string; district_id: string; alliance_id: string; school_id: string | null; term: string; title: string; goals: string; measures: string;
  owner_user_id: string | null; owner_name: string; body_id: string | null; status: PlanStatus; return_comment: string | null; submitted_at: Date | null;
  approved_at: Date | null; approved_by: string | null; closed_at: Date | null; created_by: string; created_at: Date; updated_at: Date;
  alliance_name: string | null; school_name: string | null; target_count: number; milestone_count: number; milestones_done: number;
  milestones_overdue: number; total?: string;
}

interface TargetRow {
  id: string; plan_id: string; position: number; title: string; description: string | null; assignees: AssigneeView[];
  rating: TargetRating | null; assessment_comment: string | null; assessed_by: string | null; assessed_at: Date | null;
}

interface MilestoneRow {
  id: string; target_id: string; plan_id: string; title: string; due_on: string; expected_result: string; owner_user_id: string | null;
  owner_name: string | null; status: MilestoneStatus; percent: number; completed_on: string | null;
}

interface ProgressRow {
  id: string; milestone_id: string; percent: number; status: MilestoneStatus; comment: string; reported_on: string; reported_by: string; created_at: Date;
}

interface EvidenceRow {
  id: string; milestone_id: string; progress_id: string | null; kind: EvidenceView['kind']; ref_id: string | null; title: string | null;
  verified: boolean; note: string | null; file_key: string | null; file_size: string | null; added_by: string; added_at: Date;
}

interface MilestoneListRow extends MilestoneRow {
  plan_title: string; plan_owner_user_id: string | null; plan_owner_name: string; target_title: string; alliance_id: string; alliance_name: string | null;
  school_id: string | null; school_name: string | null; term: string; total?: string;
}

/** A plan row with its directory names and milestone counts; `$today` is the Asia/Shanghai day that decides overdue. */
const planSelect = (today: string): string => `
  SELECT p.*, da.name AS alliance_name, ds.name AS school_name,
         (SELECT count(*)::int FROM plan_target t WHERE t.plan_id = p.id) AS target_count,
         (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id) AS milestone_count,
         (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.completed_on IS NOT NULL) AS milestones_done,
         (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.completed_on IS NULL AND m.due_on < ${today}::date
            AND p.status IN ('submitted', 'approved')) AS milestones_overdue
    FROM work_plan p
    LEFT JOIN directory_alliance da ON da.id = p.alliance_id
    LEFT JOIN directory_school ds ON ds.id = p.school_id`;

const MILESTONE_COLUMNS = `m.id, m.target_id, m.plan_id, m.title, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.expected_result, m.owner_user_id,
  m.owner_name, m.status, m.percent, to_char(m.completed_on, 'YYYY-MM-DD') AS completed_on`;

const AUDIT_ACTIONS: Record<PlanAction, string> = { submit: 'plan.submitted', approve: 'plan.approved', return: 'plan.returned', close: 'plan.closed' };

const actorName = (scope: AccessScope): string => (scope.caller.displayName ?? scope.caller.id).slice(0, 64);

const planSnapshot = (p: PlanRow): Record<string, unknown> => ({
  term: p.term, title: p.title, goals: p.goals, measures: p.measures, ownerUserId: p.owner_user_id, ownerName: p.owner_name, status: p.status,
  returnComment: p.return_comment, bodyId: p.body_id,
});

/**
 * Work plans of alliances and member schools: writing them (draft), the review flow, progress with
 * evidence on approved plans, and the completion assessment of every target before a plan closes.
 * Every read and write is scoped: a plan the caller may not see answers 404.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: EvidenceLinks,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly bodies: AllianceBodies,
  ) {}

  async create(scope: AccessScope, dto: CreatePlanDto, now = new Date()): Promise<PlanDetailView> {
    assertTerm(dto.term);
    return this.dataSource.transaction(async (manager) => {
      const [alliance]: { id: string; district_id: string }[] = await manager.query('SELECT id, district_id FROM directory_alliance WHERE id = $1', [dto.allianceId]);
      const member = async (schoolIds: string[]): Promise<boolean> => {
        const rows: unknown[] = await manager.query(
          'SELECT 1 FROM directory_member WHERE alliance_id = $1 AND school_id = ANY($2::uuid[]) AND active', [dto.allianceId, schoolIds],
        );
        return rows.length > 0;
      };
      if (!alliance || !(scope.isAllianceAdmin(alliance.id, alliance.district_id) || (await member(scope.schoolIds())))) {
        throw new NotFoundError('Alliance', dto.allianceId);
      }
      const plan = { districtId: alliance.district_id, allianceId: alliance.id, schoolId: dto.schoolId ?? null };
      if (plan.schoolId && !(await member([plan.schoolId]))) throw ValidationError.of('schoolId', 'activities.plan.school-not-member');
      if (!canEditPlan(scope, plan)) throw ForbiddenError.of('activities.plan.create-forbidden');
      // one plan per alliance (or school) and term: concurrent creations queue here, the unique index is the backstop
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`work_plan/${plan.allianceId}/${plan.schoolId ?? '-'}/${dto.term}`]);
      const [existing] = await manager.query(
        'SELECT 1 FROM work_plan WHERE alliance_id = $1 AND school_id IS NOT DISTINCT FROM $2 AND term = $3', [plan.allianceId, plan.schoolId, dto.term],
      );
      if (existing) throw ConflictError.of('activities.plan.exists', { planLevel: plan.schoolId ? 'school' : 'alliance', term: dto.term });
      if (dto.bodyId) await this.bodies.assertOf(scope, dto.bodyId, plan.allianceId, 'activities.plan.body-not-found');
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO work_plan (district_id, alliance_id, school_id, term, title, goals, measures, owner_user_id, owner_name, status, created_by, body_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11) RETURNING id`,
        [plan.districtId, plan.allianceId, plan.schoolId, dto.term, dto.title.trim(), dto.goals, dto.measures, dto.ownerUserId ?? null, dto.ownerName.trim(), actorName(scope),
          dto.bodyId ?? null],
      );
      const row = await this.row(manager, id, now);
      await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'plan.created', entityType: 'work_plan', entityId: id, after: planSnapshot(row) });
      return this.detail(manager, scope, row, now);
    });
  }

  async list(scope: AccessScope, query: ListPlansQueryDto, now = new Date()): Promise<Page<PlanView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { term: 'p.term', title: 'p.title', status: 'p.status', createdAt: 'p.created_at', updatedAt: 'p.updated_at' }, '-updatedAt');
    const p = new SqlParams();
    const today = p.add(shanghaiDate(now));
    const where = [planVisibleSql(scope, 'p', p)];
    if (query.term) where.push(`p.term = ${p.add(query.term)}`);
    if (query.allianceId) where.push(`p.alliance_id = ${p.add(query.allianceId)}`);
    if (query.schoolId) where.push(`p.school_id = ${p.add(query.schoolId)}`);
    if (query.level === 'alliance') where.push('p.school_id IS NULL');
    if (query.level === 'school') where.push('p.school_id IS NOT NULL');
    if (query.status) where.push(`p.status = ${p.add(query.status)}`);
    if (query.bodyId) where.push(`p.body_id = ${p.add(query.bodyId)}`);
    if (query.q) {
      const like = p.add(likePattern(query.q));
      where.push(`(p.title ILIKE ${like} ESCAPE '\\' OR p.owner_name ILIKE ${like} ESCAPE '\\' OR ds.name ILIKE ${like} ESCAPE '\\' OR da.name ILIKE ${like} ESCAPE '\\')`);
    }
    const rows: PlanRow[] = await this.dataSource.query(
      `${planSelect(today).replace('SELECT p.*,', 'SELECT p.*, count(*) OVER () AS total,')} WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, p.id OFFSET ${p.add(window.offset)} LIMIT ${p.add(window.pageSize)}`,
      p.values,
    );
    return toPage(rows.map((row) => this.view(scope, row)), rows[0]?.total ? Number(rows[0].total) : 0, window);
  }

  async get(scope: AccessScope, id: string, now = new Date()): Promise<PlanDetailView> {
    const row = await this.visible(this.dataSource.manager, scope, id, now);
    return this.detail(this.dataSource.manager, scope, row, now);
  }

  /** Text and owner of a draft; the owner alone may change later (someone leaves mid-term), until the plan is closed. */
  async update(scope: AccessScope, id: string, changes: UpdatePlanDto, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visible(manager, scope, id, now, true);
      this.requireEdit(scope, before);
      const content = changes.title !== undefined || changes.goals !== undefined || changes.measures !== undefined;
      if ((content && before.status !== 'draft') || before.status === 'closed') throw ConflictError.of('activities.plan.not-draft', { planStatus: before.status });
      if (changes.bodyId && changes.bodyId !== before.body_id) await this.bodies.assertOf(scope, changes.bodyId, before.alliance_id, 'activities.plan.body-not-found');
      await manager.query(
        `UPDATE work_plan SET title = $2, goals = $3, measures = $4, owner_user_id = $5, owner_name = $6, body_id = $7, updated_at = now() WHERE id = $1`,
        [id, changes.title?.trim() ?? before.title, changes.goals ?? before.goals, changes.measures ?? before.measures,
          changes.ownerUserId === undefined ? before.owner_user_id : changes.ownerUserId, changes.ownerName?.trim() ?? before.owner_name,
          changes.bodyId === undefined ? before.body_id : changes.bodyId],
      );
      const after = await this.row(manager, id, now);
      await this.audit.record(manager, scope.caller, {
        districtId: after.district_id, action: 'plan.updated', entityType: 'work_plan', entityId: id, before: planSnapshot(before), after: planSnapshot(after),
      });
      return this.detail(manager, scope, after, now);
    });
  }

  /** submit, approve, return or close: who may is checked first (403), then whether the status allows it (409). */
  async transition(scope: AccessScope, id: string, body: PlanTransitionDto, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visible(manager, scope, id, now, true);
      if (body.action === 'submit') this.requireEdit(scope, before);
      else if (!canReviewPlan(scope, this.scopeOf(before))) throw ForbiddenError.of('activities.plan.review-forbidden');
      const to = nextStatus(before.status, body.action);
      const comment = body.comment?.trim() || null;
      if (body.action === 'return' && !comment) throw ValidationError.of('comment', 'activities.plan.return-comment');
      if (body.action === 'submit') await this.assertComplete(manager, id);
      if (body.action === 'close') {
        const [{ n }]: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM plan_target WHERE plan_id = $1 AND rating IS NULL', [id]);
        if (n > 0) throw ConflictError.of('activities.plan.unassessed', { count: n });
      }
      const changes: Record<PlanAction, [string, unknown[]]> = {
        submit: ['submitted_at = now(), return_comment = NULL', []],
        approve: ['approved_at = now(), approved_by = $3', [actorName(scope)]],
        return: ['submitted_at = NULL, return_comment = $3', [comment]],
        close: ['closed_at = now()', []],
      };
      const [sets, params] = changes[body.action];
      await manager.query(`UPDATE work_plan SET status = $2, ${sets}, updated_at = now() WHERE id = $1`, [id, to, ...params]);
      const after = await this.row(manager, id, now);
      await this.audit.record(manager, scope.caller, {
        districtId: after.district_id, action: AUDIT_ACTIONS[body.action],
        entityType: 'work_plan', entityId: id, before: { status: before.status }, after: { status: after.status, comment },
      });
      await this.outbox.add<PlanStatusChangedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.planStatusChanged, districtId: after.district_id,
        data: { planId: id, districtId: after.district_id, allianceId: after.alliance_id, schoolId: after.school_id, term: after.term, from: before.status, to },
      });
      return this.detail(manager, scope, after, now);
    });
  }

  async addTarget(scope: AccessScope, planId: string, body: TargetInputDto, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.draftToEdit(manager, scope, planId, now);
      for (const [index, m] of (body.milestones ?? []).entries()) assertDueInTerm(plan.term, m.dueOn, `milestones.${index}.dueOn`);
      const assignees: AssigneeView[] = body.assignees.map((a) => ({ kind: a.kind, name: a.name.trim(), userId: a.userId ?? null }));
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO plan_target (plan_id, position, title, description, assignees)
         VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM plan_target WHERE plan_id = $1), $2, $3, $4) RETURNING id`,
        [planId, body.title.trim(), body.description?.trim() || null, JSON.stringify(assignees)],
      );
      for (const m of body.milestones ?? []) await this.insertMilestone(manager, planId, id, m);
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.target.added', entityType: 'plan_target', entityId: id,
        after: { planId, title: body.title, assignees, milestones: (body.milestones ?? []).map((m) => ({ title: m.title, dueOn: m.dueOn })) },
      });
      await this.touch(manager, planId);
      return this.detail(manager, scope, await this.row(manager, planId, now), now);
    });
  }

  async removeTarget(scope: AccessScope, targetId: string, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targetRow(manager, scope, targetId, now);
      const plan = await this.draftToEdit(manager, scope, target.plan_id, now);
      await manager.query('DELETE FROM plan_target WHERE id = $1', [targetId]);
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.target.removed', entityType: 'plan_target', entityId: targetId, before: { planId: plan.id, title: target.title },
      });
      await this.touch(manager, plan.id);
      return this.detail(manager, scope, await this.row(manager, plan.id, now), now);
    });
  }

  async addMilestone(scope: AccessScope, targetId: string, body: MilestoneInputDto, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targetRow(manager, scope, targetId, now);
      const plan = await this.draftToEdit(manager, scope, target.plan_id, now);
      assertDueInTerm(plan.term, body.dueOn, 'dueOn');
      const id = await this.insertMilestone(manager, plan.id, targetId, body);
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.milestone.added', entityType: 'plan_milestone', entityId: id,
        after: { planId: plan.id, targetId, title: body.title, dueOn: body.dueOn, expectedResult: body.expectedResult },
      });
      await this.touch(manager, plan.id);
      return this.detail(manager, scope, await this.row(manager, plan.id, now), now);
    });
  }

  async removeMilestone(scope: AccessScope, milestoneId: string, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await this.milestoneRow(manager, scope, milestoneId, now);
      const plan = await this.draftToEdit(manager, scope, milestone.plan_id, now);
      await manager.query('DELETE FROM plan_milestone WHERE id = $1', [milestoneId]);
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.milestone.removed', entityType: 'plan_milestone', entityId: milestoneId,
        before: { planId: plan.id, title: milestone.title, dueOn: milestone.due_on },
      });
      await this.touch(manager, plan.id);
      return this.detail(manager, scope, await this.row(manager, plan.id, now), now);
    });
  }

  /**
   * A progress update on a milestone of an approved plan, with links to platform objects as evidence.
   * The links are checked with their services before the transaction opens; the milestone's status,
   * percent and completion day follow the update.
   */
  async reportProgress(scope: AccessScope, milestoneId: string, body: ProgressInputDto, now = new Date()): Promise<MilestoneView> {
    const today = shanghaiDate(now);
    const reportedOn = body.reportedOn ?? today;
    if (reportedOn > today) throw ValidationError.of('reportedOn', 'activities.plan.reported-in-future');
    assertProgress(body.status, body.percent);
    // refuse a foreign milestone (404) before asking other services about the links
    await this.milestoneRow(this.dataSource.manager, scope, milestoneId, now);
    const checked = await this.links.check(scope, body.links ?? []);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.milestoneRow(manager, scope, milestoneId, now, true);
      const plan = await this.row(manager, before.plan_id, now);
      this.requireReport(scope, plan, before);
      if (plan.status !== 'approved') throw ConflictError.of('activities.plan.not-approved', { planStatus: plan.status });
      const completedOn = completionDay(before.completed_on, body.status, reportedOn);
      await manager.query('UPDATE plan_milestone SET status = $2, percent = $3, completed_on = $4 WHERE id = $1', [milestoneId, body.status, body.percent, completedOn]);
      const [{ id: progressId }]: { id: string }[] = await manager.query(
        `INSERT INTO milestone_progress (milestone_id, percent, status, comment, reported_on, reported_by_id, reported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [milestoneId, body.percent, body.status, body.comment.trim(), reportedOn, scope.caller.id, actorName(scope)],
      );
      for (const link of checked) await this.insertLink(manager, scope, milestoneId, progressId, link);
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.milestone.progressed', entityType: 'plan_milestone', entityId: milestoneId,
        before: { status: before.status, percent: before.percent, completedOn: before.completed_on },
        after: { status: body.status, percent: body.percent, completedOn, comment: body.comment, links: checked.map((l) => ({ kind: l.kind, refId: l.refId })) },
      });
      await this.outbox.add<MilestoneProgressedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.milestoneProgressed, districtId: plan.district_id,
        data: {
          milestoneId, planId: plan.id, districtId: plan.district_id, allianceId: plan.alliance_id, schoolId: plan.school_id, percent: body.percent,
          status: body.status, completedOn,
        },
      });
      await this.touch(manager, plan.id);
      return this.milestoneView(manager, scope, milestoneId, now);
    });
  }

  /** A file the gateway has streamed into the store, kept as a milestone's evidence; a refusal makes the gateway delete it again. */
  async addEvidenceFile(scope: AccessScope, dto: AddEvidenceFileRequest, now = new Date()): Promise<MilestoneView> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await this.milestoneRow(manager, scope, dto.id, now, true);
      const plan = await this.row(manager, milestone.plan_id, now);
      this.requireReport(scope, plan, milestone);
      if (plan.status !== 'approved') throw ConflictError.of('activities.plan.not-approved', { planStatus: plan.status });
      const note = dto.note?.trim() || null;
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO plan_evidence (milestone_id, kind, title, verified, note, file_key, file_size, file_sha256, content_type, added_by_id, added_by)
         VALUES ($1, 'file', $2, true, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [dto.id, dto.file.filename.slice(0, 255), note, dto.file.key, dto.file.size, dto.file.sha256, dto.file.contentType, scope.caller.id, actorName(scope)],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.evidence.added', entityType: 'plan_evidence', entityId: id,
        after: { milestoneId: dto.id, kind: 'file', filename: dto.file.filename, size: dto.file.size, sha256: dto.file.sha256, note },
      });
      return this.milestoneView(manager, scope, dto.id, now);
    });
  }

  async downloadEvidence(scope: AccessScope, evidenceId: string, now = new Date()): Promise<EvidenceDownloadView> {
    const [row]: { milestone_id: string; file_key: string | null; title: string | null }[] = await this.dataSource.query(
      'SELECT milestone_id, file_key, title FROM plan_evidence WHERE id = $1', [evidenceId],
    );
    if (!row?.file_key) throw new NotFoundError('Evidence', evidenceId);
    await this.milestoneRow(this.dataSource.manager, scope, row.milestone_id, now).catch(() => {
      throw new NotFoundError('Evidence', evidenceId);
    });
    return { key: row.file_key, filename: row.title ?? 'evidence' };
  }

  /** The completion assessment of a target (met, partly, not met) by the plan's reviewer; a change is audited with before and after. */
  async assessTarget(scope: AccessScope, targetId: string, body: AssessTargetDto, now = new Date()): Promise<PlanDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targetRow(manager, scope, targetId, now, true);
      const plan = await this.row(manager, target.plan_id, now);
      if (!canReviewPlan(scope, this.scopeOf(plan))) throw ForbiddenError.of('activities.plan.review-forbidden');
      if (plan.status !== 'approved') throw ConflictError.of('activities.plan.not-approved', { planStatus: plan.status });
      await manager.query(
        'UPDATE plan_target SET rating = $2, assessment_comment = $3, assessed_by = $4, assessed_at = $5 WHERE id = $1',
        [targetId, body.rating, body.comment.trim(), actorName(scope), now],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: plan.district_id, action: 'plan.target.assessed', entityType: 'plan_target', entityId: targetId,
        before: { rating: target.rating, comment: target.assessment_comment, assessedBy: target.assessed_by, assessedAt: isoOrNull(target.assessed_at) },
        after: { rating: body.rating, comment: body.comment.trim(), assessedBy: actorName(scope), assessedAt: iso(now) },
      });
      await this.outbox.add<TargetAssessedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.targetAssessed, districtId: plan.district_id,
        data: { targetId, planId: plan.id, districtId: plan.district_id, allianceId: plan.alliance_id, schoolId: plan.school_id, term: plan.term, rating: body.rating },
      });
      await this.touch(manager, plan.id);
      return this.detail(manager, scope, await this.row(manager, plan.id, now), now);
    });
  }

  /**
   * Milestones across the plans the caller may see: `mine` for those they own (as the milestone's
   * owner, or as the owner of a plan whose milestone names nobody), `status=overdue` for the overdue
   * list. Drafts are not commitments yet and are left out; closed plans count only for `done`.
   */
  async listMilestones(scope: AccessScope, query: ListMilestonesQueryDto, now = new Date()): Promise<Page<MilestoneListItemView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { dueOn: 'm.due_on', title: 'm.title', term: 'p.term' }, 'dueOn');
    const p = new SqlParams();
    const today = shanghaiDate(now);
    const where = [planVisibleSql(scope, 'p', p), "p.status <> 'draft'"];
    if (query.status && query.status !== 'done') where.push("p.status <> 'closed'");
    if (query.status === 'done') where.push('m.completed_on IS NOT NULL');
    if (query.status === 'pending') where.push('m.completed_on IS NULL');
    if (query.status === 'open') where.push(`m.completed_on IS NULL AND m.due_on >= ${p.add(today)}::date`);
    if (query.status === 'overdue') where.push(`m.completed_on IS NULL AND m.due_on < ${p.add(today)}::date`);
    if (query.mine) {
      const me = p.add(scope.caller.id);
      where.push(`(m.owner_user_id::text = ${me} OR (m.owner_user_id IS NULL AND p.owner_user_id::text = ${me}))`);
    }
    if (query.term) where.push(`p.term = ${p.add(query.term)}`);
    if (query.allianceId) where.push(`p.alliance_id = ${p.add(query.allianceId)}`);
    if (query.planId) where.push(`p.id = ${p.add(query.planId)}`);
    if (query.q) {
      const like = p.add(likePattern(query.q));
      where.push(`(m.title ILIKE ${like} ESCAPE '\\' OR COALESCE(m.owner_name, p.owner_name) ILIKE ${like} ESCAPE '\\' OR t.title ILIKE ${like} ESCAPE '\\')`);
    }
    const rows: MilestoneListRow[] = await this.dataSource.query(
      `SELECT ${MILESTONE_COLUMNS}, count(*) OVER () AS total, p.title AS plan_title, p.owner_user_id AS plan_owner_user_id, p.owner_name AS plan_owner_name,
              t.title AS target_title, p.alliance_id, da.name AS alliance_name, p.school_id, ds.name AS school_name, p.term
         FROM plan_milestone m
         JOIN plan_target t ON t.id = m.target_id
         JOIN work_plan p ON p.id = m.plan_id
         LEFT JOIN directory_alliance da ON da.id = p.alliance_id
         LEFT JOIN directory_school ds ON ds.id = p.school_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, m.id OFFSET ${p.add(window.offset)} LIMIT ${p.add(window.pageSize)}`,
      p.values,
    );
    const items = rows.map((r): MilestoneListItemView => {
      const state = { dueOn: r.due_on, completedOn: r.completed_on };
      return {
        id: r.id, title: r.title, dueOn: r.due_on, expectedResult: r.expected_result, ownerUserId: r.owner_user_id ?? r.plan_owner_user_id,
        ownerName: r.owner_name ?? r.plan_owner_name, status: r.status, percent: r.percent, overdue: isOverdue(state, now), daysOverdue: daysOverdue(state, now),
        plan: { id: r.plan_id, name: r.plan_title }, target: { id: r.target_id, name: r.target_title }, alliance: { id: r.alliance_id, name: r.alliance_name ?? '' },
        school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null, term: r.term,
      };
    });
    return toPage(items, rows[0]?.total ? Number(rows[0].total) : 0, window);
  }

  // --- reads and checks ---

  private async row(manager: EntityManager, id: string, now: Date): Promise<PlanRow> {
    const [row]: PlanRow[] = await manager.query(`${planSelect('$2')} WHERE p.id = $1`, [id, shanghaiDate(now)]);
    if (!row) throw new NotFoundError('Work plan', id);
    return row;
  }

  /** The plan if the caller may see it (locked FOR UPDATE when asked), else 404. */
  private async visible(manager: EntityManager, scope: AccessScope, id: string, now: Date, lock = false): Promise<PlanRow> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const today = p.add(shanghaiDate(now));
    const [row]: PlanRow[] = await manager.query(
      `${planSelect(today)} WHERE p.id = ${idParam} AND ${planVisibleSql(scope, 'p', p)}${lock ? ' FOR UPDATE OF p' : ''}`, p.values,
    );
    if (!row) throw new NotFoundError('Work plan', id);
    return row;
  }

  private async targetRow(manager: EntityManager, scope: AccessScope, id: string, _now: Date, lock = false): Promise<TargetRow> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const [row]: TargetRow[] = await manager.query(
      `SELECT t.* FROM plan_target t JOIN work_plan p ON p.id = t.plan_id WHERE t.id = ${idParam} AND ${planVisibleSql(scope, 'p', p)}${lock ? ' FOR UPDATE OF t' : ''}`,
      p.values,
    );
    if (!row) throw new NotFoundError('Plan target', id);
    return row;
  }

  private async milestoneRow(manager: EntityManager, scope: AccessScope, id: string, _now: Date, lock = false): Promise<MilestoneRow> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const [row]: MilestoneRow[] = await manager.query(
      `SELECT ${MILESTONE_COLUMNS} FROM plan_milestone m JOIN work_plan p ON p.id = m.plan_id
        WHERE m.id = ${idParam} AND ${planVisibleSql(scope, 'p', p)}${lock ? ' FOR UPDATE OF m' : ''}`,
      p.values,
    );
    if (!row) throw new NotFoundError('Milestone', id);
    return row;
  }

  private async draftToEdit(manager: EntityManager, scope: AccessScope, planId: string, now: Date): Promise<PlanRow> {
    const plan = await this.visible(manager, scope, planId, now, true);
    this.requireEdit(scope, plan);
    if (plan.status !== 'draft') throw ConflictError.of('activities.plan.not-draft', { planStatus: plan.status });
    return plan;
  }

  private async assertComplete(manager: EntityManager, planId: string): Promise<void> {
    const targets: { title: string; milestones: number }[] = await manager.query(
      `SELECT t.title, (SELECT count(*)::int FROM plan_milestone m WHERE m.target_id = t.id) AS milestones
         FROM plan_target t WHERE t.plan_id = $1 ORDER BY t.position`, [planId],
    );
    if (!targets.length) throw ConflictError.of('activities.plan.empty');
    const bare = targets.find((t) => t.milestones === 0);
    if (bare) throw ConflictError.of('activities.plan.target-without-milestone', { title: bare.title });
  }

  private scopeOf(row: PlanRow): { districtId: string; allianceId: string; schoolId: string | null } {
    return { districtId: row.district_id, allianceId: row.alliance_id, schoolId: row.school_id };
  }

  private requireEdit(scope: AccessScope, plan: PlanRow): void {
    if (!canEditPlan(scope, this.scopeOf(plan))) throw ForbiddenError.of('activities.plan.edit-forbidden');
  }

  private mayReport(scope: AccessScope, plan: PlanRow, milestone: MilestoneRow): boolean {
    const owner = milestone.owner_user_id ?? plan.owner_user_id;
    return canEditPlan(scope, this.scopeOf(plan)) || owner === scope.caller.id || plan.owner_user_id === scope.caller.id;
  }

  private requireReport(scope: AccessScope, plan: PlanRow, milestone: MilestoneRow): void {
    if (!this.mayReport(scope, plan, milestone)) throw ForbiddenError.of('activities.plan.report-forbidden');
  }

  private async insertMilestone(manager: EntityManager, planId: string, targetId: string, m: MilestoneInputDto): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO plan_milestone (target_id, plan_id, title, due_on, expected_result, owner_user_id, owner_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [targetId, planId, m.title.trim(), m.dueOn, m.expectedResult.trim(), m.ownerUserId ?? null, m.ownerName?.trim() || null],
    );
    return id;
  }

  private async insertLink(manager: EntityManager, scope: AccessScope, milestoneId: string, progressId: string, link: CheckedLink): Promise<void> {
    await manager.query(
      `INSERT INTO plan_evidence (milestone_id, progress_id, kind, ref_id, title, verified, added_by_id, added_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [milestoneId, progressId, link.kind, link.refId, link.title?.slice(0, 255) ?? null, link.verified, scope.caller.id, actorName(scope)],
    );
  }

  private async touch(manager: EntityManager, planId: string): Promise<void> {
    await manager.query('UPDATE work_plan SET updated_at = now() WHERE id = $1', [planId]);
  }

  // --- views ---

  private view(scope: AccessScope, r: PlanRow): PlanView {
    const planScope = this.scopeOf(r);
    const edit = canEditPlan(scope, planScope);
    return {
      id: r.id, districtId: r.district_id, alliance: { id: r.alliance_id, name: r.alliance_name ?? '' },
      school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null, level: r.school_id ? 'school' : 'alliance', term: r.term,
      title: r.title, goals: r.goals, measures: r.measures, ownerUserId: r.owner_user_id, ownerName: r.owner_name, bodyId: r.body_id, status: r.status,
      returnComment: r.return_comment, submittedAt: isoOrNull(r.submitted_at), approvedAt: isoOrNull(r.approved_at), approvedBy: r.approved_by,
      closedAt: isoOrNull(r.closed_at), targetCount: r.target_count, milestoneCount: r.milestone_count, milestonesDone: r.milestones_done,
      milestonesOverdue: r.milestones_overdue,
      can: { edit, review: canReviewPlan(scope, planScope), report: edit || r.owner_user_id === scope.caller.id },
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
  }

  private async detail(manager: EntityManager, scope: AccessScope, plan: PlanRow, now: Date): Promise<PlanDetailView> {
    const targets: TargetRow[] = await manager.query('SELECT * FROM plan_target WHERE plan_id = $1 ORDER BY position, created_at', [plan.id]);
    const milestones = await this.milestonesOf(manager, scope, plan, 'm.plan_id = $1', [plan.id], now);
    const byTarget = (id: string): MilestoneView[] => milestones.filter((m) => m.targetId === id);
    return {
      ...this.view(scope, plan),
      targets: targets.map((t): TargetView => ({
        id: t.id, title: t.title, description: t.description, assignees: t.assignees, milestones: byTarget(t.id),
        assessment: t.rating ? { rating: t.rating, comment: t.assessment_comment ?? '', assessedBy: t.assessed_by ?? '', assessedAt: iso(t.assessed_at!) } : null,
      })),
    };
  }

  private async milestoneView(manager: EntityManager, scope: AccessScope, milestoneId: string, now: Date): Promise<MilestoneView> {
    const [{ plan_id: planId }]: { plan_id: string }[] = await manager.query('SELECT plan_id FROM plan_milestone WHERE id = $1', [milestoneId]);
    const plan = await this.row(manager, planId, now);
    const [view] = await this.milestonesOf(manager, scope, plan, 'm.id = $1', [milestoneId], now);
    return view!;
  }

  private async milestonesOf(manager: EntityManager, _scope: AccessScope, plan: PlanRow, where: string, params: unknown[], now: Date): Promise<MilestoneView[]> {
    const rows: MilestoneRow[] = await manager.query(`SELECT ${MILESTONE_COLUMNS} FROM plan_milestone m WHERE ${where} ORDER BY m.due_on, m.created_at`, params);
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const progress: ProgressRow[] = await manager.query(
      `SELECT id, milestone_id, percent, status, comment, to_char(reported_on, 'YYYY-MM-DD') AS reported_on, reported_by, created_at
         FROM milestone_progress WHERE milestone_id = ANY($1::uuid[]) ORDER BY created_at DESC`, [ids],
    );
    const evidence: EvidenceRow[] = await manager.query(
      'SELECT * FROM plan_evidence WHERE milestone_id = ANY($1::uuid[]) ORDER BY added_at, id', [ids],
    );
    const open = plan.status === 'submitted' || plan.status === 'approved';
    return rows.map((r): MilestoneView => {
      const state = { dueOn: r.due_on, completedOn: r.completed_on };
      return {
        id: r.id, targetId: r.target_id, planId: r.plan_id, title: r.title, dueOn: r.due_on, expectedResult: r.expected_result,
        ownerUserId: r.owner_user_id ?? plan.owner_user_id, ownerName: r.owner_name ?? plan.owner_name, status: r.status, percent: r.percent,
        completedOn: r.completed_on, overdue: open && isOverdue(state, now), onTime: isOnTime(state),
        progress: progress.filter((p) => p.milestone_id === r.id).map((p) => ({
          id: p.id, percent: p.percent, status: p.status, comment: p.comment, reportedOn: dateOnly(p.reported_on), reportedBy: p.reported_by, createdAt: iso(p.created_at),
        })),
        evidence: evidence.filter((e) => e.milestone_id === r.id).map((e) => ({
          id: e.id, kind: e.kind, refId: e.ref_id, title: e.title, verified: e.verified, note: e.note, fileSize: e.file_size === null ? null : Number(e.file_size),
          progressId: e.progress_id, addedBy: e.added_by, addedAt: iso(e.added_at),
        })),
      };
    });
  }
}

import {
  isTerm, TeacherExchangeEvents, type CreateMentorshipDto, type ListMentorshipsQueryDto, type MentorLessonKind, type MentorLessonView, type MentorMonthView,
  type MentorshipChangedEvent, type MentorshipCommentDto, type MentorshipLessonDoneEvent, type MentorshipMissedView, type MentorshipStatus,
  type MentorshipView, type Page, type RecordMentorLessonDto, type TeacherMentorLessonsQueryDto, type TeacherMentorLessonView, type TeacherView,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DirectoryService, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow,
  sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, isoDate, SqlParams, todayInShanghai } from '../common/access.js';
import { rosterTeacher } from '../common/roster.js';
import { LessonPlans } from './lesson-plans.js';
import { checkLesson, GIVER, isMissed, teachingMonths } from './mentorship.rules.js';

interface LessonRow {
  month: string; kind: MentorLessonKind; scheduled_on: string | Date; starts_at: string; place: string; lesson_plan_id: string | null;
  lesson_plan_title: string | null; video_url: string | null; reflection: string | null; done_at: string | null; updated_at: string;
}

interface PairRow {
  id: string; district_id: string; alliance_id: string; alliance_name: string | null; term: string; mentor_id: string; mentor_name: string;
  mentor_school_id: string; mentor_school_name: string | null; apprentice_id: string; apprentice_name: string; apprentice_school_id: string;
  apprentice_school_name: string | null; goals: string; status: MentorshipStatus; mentor_comment: string | null; apprentice_comment: string | null;
  school_comment: string | null; closed_at: Date | null; created_at: Date; updated_at: Date; lessons: LessonRow[];
}

const SELECT = `
  SELECT m.*, da.name AS alliance_name, mt.name AS mentor_name, ms.name AS mentor_school_name, at.name AS apprentice_name, aps.name AS apprentice_school_name,
         COALESCE((SELECT json_agg(l ORDER BY l.month, l.kind) FROM mentorship_lesson l WHERE l.mentorship_id = m.id), '[]') AS lessons
    FROM mentorship m
    JOIN teacher mt ON mt.id = m.mentor_id
    JOIN teacher at ON at.id = m.apprentice_id
    LEFT JOIN directory_alliance da ON da.id = m.alliance_id
    LEFT JOIN directory_school ms ON ms.id = m.mentor_school_id
    LEFT JOIN directory_school aps ON aps.id = m.apprentice_school_id`;

/** Pairs: district admins their district's; alliance admins their alliances'; school staff those with a teacher of their school. */
export function mentorshipVisibility(scope: AccessScope, alias: string, p: SqlParams): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const schools = p.bind(scope.schoolIds());
  return `(${alias}.district_id = ANY(${p.bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.alliance_id = ANY(${p.bind(scope.adminAllianceIds())}::uuid[])
    OR ${alias}.mentor_school_id = ANY(${schools}::uuid[])
    OR ${alias}.apprentice_school_id = ANY(${schools}::uuid[]))`;
}

const lessonView = (r: LessonRow, pair: PairRow): MentorLessonView => ({
  month: r.month, kind: r.kind, teacherId: GIVER[r.kind] === 'mentor' ? pair.mentor_id : pair.apprentice_id, scheduledOn: isoDate(r.scheduled_on),
  startsAt: r.starts_at, place: r.place, lessonPlanId: r.lesson_plan_id, lessonPlanTitle: r.lesson_plan_title, videoUrl: r.video_url,
  reflection: r.reflection, doneAt: r.done_at ? iso(r.done_at) : null, updatedAt: iso(r.updated_at),
});

/** The month grid of a pair: every teaching month of its term with its two lessons, complete and missed flags. */
export function monthGrid(pair: PairRow, today: string): MentorMonthView[] {
  return teachingMonths(pair.term).map((month) => {
    const demo = pair.lessons.find((l) => l.month === month && l.kind === 'demo');
    const report = pair.lessons.find((l) => l.month === month && l.kind === 'report');
    const complete = Boolean(demo?.done_at && report?.done_at);
    return {
      month, demo: demo ? lessonView(demo, pair) : null, report: report ? lessonView(report, pair) : null, complete,
      missed: isMissed(month, today, Boolean(demo?.done_at), Boolean(report?.done_at)),
    };
  });
}

const toView = (r: PairRow, today: string): MentorshipView => {
  const months = monthGrid(r, today);
  return {
    id: r.id, districtId: r.district_id, allianceId: r.alliance_id, allianceName: r.alliance_name ?? '', term: r.term, mentorId: r.mentor_id,
    mentorName: r.mentor_name, mentorSchoolId: r.mentor_school_id, mentorSchoolName: r.mentor_school_name ?? '', apprenticeId: r.apprentice_id,
    apprenticeName: r.apprentice_name, apprenticeSchoolId: r.apprentice_school_id, apprenticeSchoolName: r.apprentice_school_name ?? '', goals: r.goals,
    status: r.status, months, missedMonths: months.filter((m) => m.missed).length,
    comments: { mentor: r.mentor_comment, apprentice: r.apprentice_comment, school: r.school_comment },
    closedAt: r.closed_at ? iso(r.closed_at) : null, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
};

const COMMENT_COLUMN = { mentor: 'mentor_comment', apprentice: 'apprentice_comment', school: 'school_comment' } as const;

/**
 * Mentorship pairs (师徒结对). The admins of the two teachers' schools and the alliance admin manage
 * pairs; the lessons and comments are recorded by the admins of the two schools (teachers record their
 * own once roster teachers are linked to user accounts).
 */
@Injectable()
export class MentorshipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly plans: LessonPlans,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(scope: AccessScope, dto: CreateMentorshipDto, now = new Date()): Promise<MentorshipView> {
    if (!isTerm(dto.term)) throw ValidationError.of('term', 'exchange.mentorship.term-invalid');
    if (dto.mentorId === dto.apprenticeId) throw ValidationError.of('apprenticeId', 'exchange.mentorship.same-teacher');
    return this.dataSource.transaction(async (manager) => {
      const mentor = await rosterTeacher(scope, dto.mentorId, manager, 'mentorId');
      const apprentice = await rosterTeacher(scope, dto.apprenticeId, manager, 'apprenticeId');
      const allianceId = await this.allianceOf(mentor, apprentice, dto.allianceId, manager);
      const allowed = scope.isAllianceAdmin(allianceId, mentor.districtId)
        || scope.isSchoolAdmin(mentor.schoolId, mentor.districtId) || scope.isSchoolAdmin(apprentice.schoolId, mentor.districtId);
      if (!allowed) throw ForbiddenError.of('exchange.mentorship.manage-forbidden');
      const [taken] = await manager.query(`SELECT 1 FROM mentorship WHERE mentor_id = $1 AND apprentice_id = $2 AND term = $3 AND status = 'active'`, [mentor.id, apprentice.id, dto.term]);
      if (taken) throw duplicate();
      let id: string;
      try {
        [{ id }] = await manager.query(
          `INSERT INTO mentorship (district_id, alliance_id, term, mentor_id, apprentice_id, mentor_school_id, apprentice_school_id, goals, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9) RETURNING id`,
          [mentor.districtId, allianceId, dto.term, mentor.id, apprentice.id, mentor.schoolId, apprentice.schoolId, dto.goals, scope.caller.id],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw duplicate();
        throw error;
      }
      const view = await this.load(manager, id, now);
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'mentorship.created', entityType: 'mentorship', entityId: id,
        after: { term: view.term, mentorId: view.mentorId, apprenticeId: view.apprenticeId, allianceId, goals: view.goals },
      });
      await this.outbox.add<MentorshipChangedEvent>(manager, scope.caller, { subject: TeacherExchangeEvents.mentorshipCreated, districtId: view.districtId, data: eventData(view) });
      return view;
    });
  }

  get(scope: AccessScope, id: string, now = new Date()): Promise<MentorshipView> {
    return this.visible(scope, id, this.dataSource.manager, false, now);
  }

  async list(scope: AccessScope, query: ListMentorshipsQueryDto, now = new Date()): Promise<Page<MentorshipView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { term: 'm.term', createdAt: 'm.created_at', updatedAt: 'm.updated_at', mentorName: 'mt.name', apprenticeName: 'at.name', status: 'm.status' }, '-createdAt');
    const p = new SqlParams();
    const where: string[] = [];
    const visibility = mentorshipVisibility(scope, 'm', p);
    if (visibility) where.push(visibility);
    if (query.term) where.push(`m.term = ${p.bind(query.term)}`);
    if (query.status) where.push(`m.status = ${p.bind(query.status)}`);
    if (query.allianceId) where.push(`m.alliance_id = ${p.bind(query.allianceId)}`);
    if (query.schoolId) {
      const school = p.bind(query.schoolId);
      where.push(`(m.mentor_school_id = ${school} OR m.apprentice_school_id = ${school})`);
    }
    if (query.teacherId) {
      const teacher = p.bind(query.teacherId);
      where.push(`(m.mentor_id = ${teacher} OR m.apprentice_id = ${teacher})`);
    }
    if (query.q) {
      const q = p.bind(likePattern(query.q));
      where.push(`(mt.name ILIKE ${q} ESCAPE '\\' OR at.name ILIKE ${q} ESCAPE '\\')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM mentorship m JOIN teacher mt ON mt.id = m.mentor_id JOIN teacher at ON at.id = m.apprentice_id ${filter}`, p.values,
    );
    const rows: PairRow[] = await this.dataSource.query(
      `${SELECT} ${filter} ORDER BY ${order.column} ${order.direction}, m.id LIMIT ${p.bind(window.pageSize)} OFFSET ${p.bind(window.offset)}`, p.values,
    );
    const today = todayInShanghai(now);
    return toPage(rows.map((r) => toView(r, today)), total, window);
  }

  /** Schedules a month's lesson, adds its evidence and marks it done, replacing what was recorded before. */
  async recordLesson(scope: AccessScope, id: string, dto: RecordMentorLessonDto, now = new Date()): Promise<MentorshipView> {
    const today = todayInShanghai(now);
    const pair = await this.visible(scope, id, this.dataSource.manager, false, now);
    this.mayRecord(scope, pair);
    if (pair.status === 'closed') throw ConflictError.of('exchange.mentorship.closed');
    const problems = checkLesson(dto, pair.term, today);
    if (problems.length) throw new ValidationError(problems);
    // asked before the transaction: no row stays locked while another service answers
    const planTitle = dto.lessonPlanId ? await this.plans.title(scope, dto.lessonPlanId) : null;
    return this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, id, manager, true, now);
      if (current.status === 'closed') throw ConflictError.of('exchange.mentorship.closed');
      const before = current.months.find((m) => m.month === dto.month)?.[dto.kind] ?? null;
      const doneAt = dto.done ? (before?.doneAt ?? now.toISOString()) : null;
      await manager.query(
        `INSERT INTO mentorship_lesson (mentorship_id, month, kind, scheduled_on, starts_at, place, lesson_plan_id, lesson_plan_title, video_url, reflection, done_at, done_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE $12 END, now())
         ON CONFLICT (mentorship_id, month, kind) DO UPDATE SET scheduled_on = EXCLUDED.scheduled_on, starts_at = EXCLUDED.starts_at, place = EXCLUDED.place,
           lesson_plan_id = EXCLUDED.lesson_plan_id, lesson_plan_title = EXCLUDED.lesson_plan_title, video_url = EXCLUDED.video_url, reflection = EXCLUDED.reflection,
           done_at = EXCLUDED.done_at, done_by = COALESCE(mentorship_lesson.done_by, EXCLUDED.done_by), updated_at = now()`,
        [id, dto.month, dto.kind, dto.scheduledOn, dto.startsAt, dto.place.trim(), dto.lessonPlanId ?? null, planTitle, dto.videoUrl ?? null,
          dto.reflection?.trim() || null, doneAt, scope.caller.id],
      );
      await manager.query('UPDATE mentorship SET updated_at = now() WHERE id = $1', [id]);
      const view = await this.load(manager, id, now);
      const after = view.months.find((m) => m.month === dto.month)?.[dto.kind] ?? null;
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'mentorship.lesson-recorded', entityType: 'mentorship', entityId: id,
        before: before ? lessonSnapshot(before) : null, after: after ? lessonSnapshot(after) : null,
      });
      if (after?.doneAt && !before?.doneAt) {
        await this.outbox.add<MentorshipLessonDoneEvent>(manager, scope.caller, {
          subject: TeacherExchangeEvents.mentorshipLessonDone, districtId: view.districtId,
          data: { mentorshipId: id, districtId: view.districtId, month: dto.month, kind: dto.kind, teacherId: after.teacherId, on: after.scheduledOn, lessonPlanId: after.lessonPlanId },
        });
      }
      return view;
    });
  }

  /** A term-end comment for one side: the mentor's, the apprentice's, or the school's (an admin of one of the two schools). */
  async comment(scope: AccessScope, id: string, dto: MentorshipCommentDto, now = new Date()): Promise<MentorshipView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, id, manager, true, now);
      if (dto.side === 'school') {
        const schoolAdmin = scope.isSchoolAdmin(current.mentorSchoolId, current.districtId) || scope.isSchoolAdmin(current.apprenticeSchoolId, current.districtId);
        if (!schoolAdmin) throw ForbiddenError.of('exchange.mentorship.school-comment-forbidden');
      } else {
        this.mayRecord(scope, current);
      }
      if (current.status === 'closed') throw ConflictError.of('exchange.mentorship.closed');
      await manager.query(`UPDATE mentorship SET ${COMMENT_COLUMN[dto.side]} = $2, updated_at = now() WHERE id = $1`, [id, dto.text.trim()]);
      const view = await this.load(manager, id, now);
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'mentorship.commented', entityType: 'mentorship', entityId: id,
        before: { [dto.side]: current.comments[dto.side] }, after: { [dto.side]: view.comments[dto.side] },
      });
      return view;
    });
  }

  /** Closes the pair at term end (from its last teaching month on), once all three comments are in. */
  async close(scope: AccessScope, id: string, now = new Date()): Promise<MentorshipView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, id, manager, true, now);
      this.mayManage(scope, current);
      if (current.status === 'closed') throw ConflictError.of('exchange.mentorship.closed');
      const last = teachingMonths(current.term).at(-1) as string;
      if (todayInShanghai(now).slice(0, 7) < last) throw ConflictError.of('exchange.mentorship.too-early', { month: last });
      const missing = (['mentor', 'apprentice', 'school'] as const).filter((side) => !current.comments[side]);
      if (missing.length) {
        throw ConflictError.of('exchange.mentorship.comments-missing', {}, missing.map((side) => fieldError(`comments.${side}`, 'exchange.mentorship.comments-missing-field')));
      }
      await manager.query(`UPDATE mentorship SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`, [id]);
      const view = await this.load(manager, id, now);
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'mentorship.completed', entityType: 'mentorship', entityId: id,
        before: { status: current.status }, after: { status: view.status, missedMonths: view.missedMonths },
      });
      await this.outbox.add<MentorshipChangedEvent>(manager, scope.caller, { subject: TeacherExchangeEvents.mentorshipCompleted, districtId: view.districtId, data: eventData(view) });
      return view;
    });
  }

  /** Per school of the pairs the caller may see in a term: its pairs and their missed months (a pair counts for both its schools). */
  async missed(scope: AccessScope, term: string, now = new Date()): Promise<MentorshipMissedView> {
    if (!isTerm(term)) throw ValidationError.of('term', 'exchange.mentorship.term-invalid');
    const admin = scope.isPlatformAdmin || scope.adminDistrictIds().length || scope.adminAllianceIds().length || scope.adminSchoolIds().length;
    if (!admin) throw ForbiddenError.of('exchange.mentorship.missed-forbidden');
    const p = new SqlParams();
    const where = [`m.term = ${p.bind(term)}`];
    const visibility = mentorshipVisibility(scope, 'm', p);
    if (visibility) where.push(visibility);
    const rows: PairRow[] = await this.dataSource.query(`${SELECT} WHERE ${where.join(' AND ')}`, p.values);
    const today = todayInShanghai(now);
    const bySchool = new Map<string, { schoolId: string; schoolName: string; pairs: number; missedMonths: number }>();
    for (const row of rows) {
      const missed = monthGrid(row, today).filter((m) => m.missed).length;
      const schools = new Map([[row.mentor_school_id, row.mentor_school_name], [row.apprentice_school_id, row.apprentice_school_name]]);
      for (const [schoolId, schoolName] of schools) {
        const entry = bySchool.get(schoolId) ?? { schoolId, schoolName: schoolName ?? '', pairs: 0, missedMonths: 0 };
        entry.pairs += 1;
        entry.missedMonths += missed;
        bySchool.set(schoolId, entry);
      }
    }
    const schools = [...bySchool.values()].sort((a, b) => b.missedMonths - a.missedMonths || a.schoolName.localeCompare(b.schoolName, 'zh-CN'));
    return { term, schools };
  }

  /** A roster teacher's mentorship lessons (given or attended) scheduled between two days, for their week. */
  async lessonsOfTeacher(scope: AccessScope, query: TeacherMentorLessonsQueryDto): Promise<TeacherMentorLessonView[]> {
    if (query.to < query.from || Date.parse(query.to) - Date.parse(query.from) > 92 * 86_400_000) throw ValidationError.of('to', 'exchange.mentorship.range-invalid');
    await rosterTeacher(scope, query.teacherId, this.dataSource.manager);
    const p = new SqlParams();
    const teacher = p.bind(query.teacherId);
    const where = [`(m.mentor_id = ${teacher} OR m.apprentice_id = ${teacher})`, `l.scheduled_on BETWEEN ${p.bind(query.from)}::date AND ${p.bind(query.to)}::date`];
    const visibility = mentorshipVisibility(scope, 'm', p);
    if (visibility) where.push(visibility);
    const rows: { id: string; kind: MentorLessonKind; mentor_id: string; scheduled_on: string | Date; starts_at: string; place: string; mentor_name: string; apprentice_name: string; done_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT m.id, m.mentor_id, l.kind, l.scheduled_on, l.starts_at, l.place, l.done_at, mt.name AS mentor_name, at.name AS apprentice_name
           FROM mentorship_lesson l JOIN mentorship m ON m.id = l.mentorship_id
           JOIN teacher mt ON mt.id = m.mentor_id JOIN teacher at ON at.id = m.apprentice_id
          WHERE ${where.join(' AND ')} ORDER BY l.scheduled_on, l.starts_at, m.id`,
        p.values,
      );
    return rows.map((r) => ({
      mentorshipId: r.id, kind: r.kind, role: r.mentor_id === query.teacherId ? 'mentor' : 'apprentice', on: isoDate(r.scheduled_on), startsAt: r.starts_at,
      place: r.place, mentorName: r.mentor_name, apprenticeName: r.apprentice_name, done: Boolean(r.done_at),
    }));
  }

  private mayManage(scope: AccessScope, pair: MentorshipView): void {
    const allowed = scope.isAllianceAdmin(pair.allianceId, pair.districtId)
      || scope.isSchoolAdmin(pair.mentorSchoolId, pair.districtId) || scope.isSchoolAdmin(pair.apprenticeSchoolId, pair.districtId);
    if (!allowed) throw ForbiddenError.of('exchange.mentorship.manage-forbidden');
  }

  private mayRecord(scope: AccessScope, pair: MentorshipView): void {
    const allowed = scope.isSchoolAdmin(pair.mentorSchoolId, pair.districtId) || scope.isSchoolAdmin(pair.apprenticeSchoolId, pair.districtId);
    if (!allowed) throw ForbiddenError.of('exchange.mentorship.record-forbidden');
  }


  private async allianceOf(mentor: TeacherView, apprentice: TeacherView, named: string | undefined, manager: EntityManager): Promise<string> {
    const shared = await this.directory.sharedAlliances(mentor.schoolId, apprentice.schoolId, manager);
    if (!shared.length) throw ValidationError.of('apprenticeId', 'exchange.mentorship.no-shared-alliance');
    if (named) {
      if (!shared.includes(named)) throw ValidationError.of('allianceId', 'exchange.mentorship.not-in-alliance');
      return named;
    }
    if (shared.length > 1) throw ValidationError.of('allianceId', 'exchange.mentorship.alliance-ambiguous');
    return shared[0] as string;
  }

  private async load(manager: EntityManager, id: string, now: Date): Promise<MentorshipView> {
    const [row] = await manager.query(`${SELECT} WHERE m.id = $1`, [id]);
    return toView(row, todayInShanghai(now));
  }

  private async visible(scope: AccessScope, id: string, manager: EntityManager, lock: boolean, now: Date): Promise<MentorshipView> {
    const p = new SqlParams();
    const where = [`m.id = ${p.bind(id)}`];
    const visibility = mentorshipVisibility(scope, 'm', p);
    if (visibility) where.push(visibility);
    const [row] = await manager.query(`SELECT m.id FROM mentorship m WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE' : ''}`, p.values);
    if (!row) throw new NotFoundError('mentorship', id);
    return this.load(manager, id, now);
  }
}

const duplicate = (): ConflictError => ConflictError.of('exchange.mentorship.duplicate', {}, [fieldError('apprenticeId', 'exchange.mentorship.duplicate-field')]);

const lessonSnapshot = (l: MentorLessonView): Record<string, unknown> => ({
  month: l.month, kind: l.kind, scheduledOn: l.scheduledOn, startsAt: l.startsAt, place: l.place, lessonPlanId: l.lessonPlanId, videoUrl: l.videoUrl, done: Boolean(l.doneAt),
});

function eventData(view: MentorshipView): MentorshipChangedEvent {
  return {
    mentorshipId: view.id, districtId: view.districtId, allianceId: view.allianceId, term: view.term, mentorId: view.mentorId, apprenticeId: view.apprenticeId,
    mentorSchoolId: view.mentorSchoolId, apprenticeSchoolId: view.apprenticeSchoolId, status: view.status, missedMonths: view.missedMonths,
  };
}

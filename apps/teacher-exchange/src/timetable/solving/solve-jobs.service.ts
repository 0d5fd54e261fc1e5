import type {
  CreateSolveJobDto, CreateSlotDto, MoveLessonDto, SolveAcceptedView, SolveJobCreatedView, SolveJobStatus, SolveJobView, SolveProposalView, TeacherSubject,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../../common/access.js';
import { SlotsService } from '../slots.service.js';
import { evaluateTimetable, TIMETABLE_DEFAULTS, type LessonAssignment, type TeacherLoad, type TimetableResult, type Violation } from '../solver/timetable.model.js';
import { moveLesson } from '../solver/timetable.proposal.js';
import { fromWire } from '../solver/timetable.runner.js';
import { assembleInput, type StoredInput } from './solve-input.js';
import { SolveRunner } from './solve-runner.js';
import { LIVE_PLACEMENT, SolverInputsService, type AllianceFacts } from './solver-inputs.service.js';

type StoredResult = TimetableResult & { breaks: Violation[] };

interface JobRow {
  id: string; district_id: string; alliance_id: string; status: SolveJobStatus; input: StoredInput; progress: SolveJobView['progress'];
  result: StoredResult | null; error: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null; accepted_at: Date | null;
}

const breaksOf = (violations: Violation[]): SolveProposalView['breaks'] => violations.map((v) => ({
  code: v.code,
  ...('lessonId' in v ? { lessonId: v.lessonId } : {}),
  ...('teacherId' in v && v.teacherId ? { teacherId: v.teacherId } : {}),
  ...('weekday' in v ? { weekday: v.weekday } : {}),
}));

/**
 * Solve jobs of an alliance's itinerant timetable (走教排课任务): created from the stored inputs by the
 * alliance's admin, run by SolveRunner, read while they run, edited lesson by lesson once done (each move
 * judged by the solver's own rules), and accepted: the proposal's lessons become timetable slots, all or none.
 */
@Injectable()
export class SolveJobsService {
  constructor(
    private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly inputs: SolverInputsService,
    private readonly slots: SlotsService, private readonly runner: SolveRunner,
  ) {}

  async create(scope: AccessScope, dto: CreateSolveJobDto): Promise<SolveJobCreatedView> {
    const alliance = await this.inputs.alliance(scope, dto.allianceId);
    this.mayRun(scope, alliance);
    const { input, errors } = await assembleInput(this.dataSource.manager, alliance, dto.timeLimitSeconds ?? TIMETABLE_DEFAULTS.timeLimitSeconds);
    if (!input.problem.lessons.length) throw ValidationError.of('allianceId', 'exchange.timetable-solver.nothing-to-solve');
    if (errors.length) throw new ValidationError(errors);
    const id = await this.dataSource.transaction(async (manager) => {
      const [{ id: created }]: { id: string }[] = await manager.query(
        `INSERT INTO solver_job (district_id, alliance_id, status, input, created_by) VALUES ($1, $2, 'queued', $3, $4) RETURNING id::text`,
        [alliance.district_id, alliance.id, JSON.stringify(input), scope.caller.id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.district_id, action: 'solve.created', entityType: 'solver_job', entityId: created, before: null,
        after: { allianceId: alliance.id, lessons: input.problem.lessons.length, teachers: input.problem.teachers.length, schools: input.problem.schools.length },
      });
      return created;
    });
    void this.runner.kick();
    return { id };
  }

  async get(scope: AccessScope, id: string): Promise<SolveJobView> {
    return this.view(await this.job(scope, id, this.dataSource.manager, false));
  }

  /** Moves one lesson-period of a finished proposal; the proposal is kept with every rule it now breaks. */
  async move(scope: AccessScope, dto: MoveLessonDto): Promise<SolveJobView> {
    return this.dataSource.transaction(async (manager) => {
      const job = await this.editable(scope, dto.id, manager);
      const problem = fromWire(job.input.problem);
      const { id: _id, ...move } = dto;
      const outcome = moveLesson(problem, job.result.assignments, move);
      if (!outcome.moved) {
        throw outcome.reason === 'not-in-proposal'
          ? ValidationError.of('lessonId', 'exchange.timetable-solver.move-not-in-proposal')
          : ValidationError.of('to.period', 'exchange.timetable-solver.move-no-such-period');
      }
      const { evaluation } = outcome;
      const result: StoredResult = {
        ...job.result, assignments: outcome.assignments, teachers: evaluation.teachers, travelMinutes: evaluation.travelMinutes, idleMinutes: evaluation.idleMinutes,
        objective: evaluation.objective, breaks: evaluation.violations,
      };
      await manager.query('UPDATE solver_job SET result = $2, objective = $3 WHERE id = $1', [job.id, JSON.stringify(result), evaluation.objective]);
      await this.audit.record(manager, scope.caller, {
        districtId: job.district_id, action: 'solve.lesson-moved', entityType: 'solver_job', entityId: job.id, before: null, after: { ...move, breaks: evaluation.violations.length },
      });
      return this.view({ ...job, result });
    });
  }

  /** Writes the proposal's lessons as timetable slots of the teachers' itinerant placements, all or none. */
  async accept(scope: AccessScope, id: string): Promise<SolveAcceptedView> {
    return this.dataSource.transaction(async (manager) => {
      const job = await this.editable(scope, id, manager);
      const problem = fromWire(job.input.problem);
      const violations = evaluateTimetable(problem, job.result.assignments).violations;
      if (violations.length) throw ConflictError.of('exchange.timetable-solver.breaks-rules', { count: violations.length });
      const placements: { id: string; teacher_id: string; school_id: string }[] = await manager.query(
        `SELECT DISTINCT ON (p.teacher_id, h.school_id) p.id::text, p.teacher_id::text, h.school_id::text
           FROM placement p JOIN placement_host h ON h.placement_id = p.id
          WHERE p.alliance_id = $1 AND p.kind = 'itinerant' AND ${LIVE_PLACEMENT}
          ORDER BY p.teacher_id, h.school_id, (p.status = 'active') DESC, p.starts_on DESC`, [job.alliance_id],
      );
      const placementOf = new Map(placements.map((p) => [`${p.teacher_id}|${p.school_id}`, p.id]));
      const rows: { dto: CreateSlotDto; row: number }[] = [];
      const missing = job.result.assignments.flatMap((a: LessonAssignment, row) => {
        const placementId = placementOf.get(`${a.teacherId}|${a.schoolId}`);
        const lesson = job.input.lessons[a.lessonId];
        if (!placementId || !lesson) return [fieldError(`lessons[${row}]`, 'exchange.timetable-solver.no-placement', {}, row)];
        rows.push({
          row,
          dto: {
            placementId, schoolId: a.schoolId, weekday: a.weekday, startsAt: a.startsAt, endsAt: a.endsAt, subject: lesson.subject as TeacherSubject,
            grade: lesson.grade, className: lesson.className,
          },
        });
        return [];
      });
      if (missing.length) throw ConflictError.of('exchange.timetable-solver.accept-clashes', { count: missing.length }, missing);
      const written = await this.slots.createAll(manager, scope.caller, rows);
      await manager.query(`UPDATE solver_job SET status = 'accepted', accepted_at = now(), accepted_by = $2 WHERE id = $1`, [job.id, scope.caller.id]);
      await this.audit.record(manager, scope.caller, {
        districtId: job.district_id, action: 'solve.accepted', entityType: 'solver_job', entityId: job.id, before: { status: 'done' }, after: { status: 'accepted', slots: written },
      });
      return { id: job.id, slots: written };
    });
  }

  private mayRun(scope: AccessScope, alliance: AllianceFacts): void {
    if (!scope.isAllianceAdmin(alliance.id, alliance.district_id)) throw ForbiddenError.of('exchange.timetable-solver.solve-forbidden');
  }

  /** A finished, not yet accepted job the caller may edit, locked. Order: unseen 404, role 403, state 409. */
  private async editable(scope: AccessScope, id: string, manager: EntityManager): Promise<JobRow & { result: StoredResult }> {
    const job = await this.job(scope, id, manager, true);
    if (!scope.isAllianceAdmin(job.alliance_id, job.district_id)) throw ForbiddenError.of('exchange.timetable-solver.solve-forbidden');
    if (job.status === 'accepted') throw ConflictError.of('exchange.timetable-solver.accepted');
    if (job.status !== 'done' || !job.result) throw ConflictError.of('exchange.timetable-solver.not-done', { solveStatus: job.status });
    return job as JobRow & { result: StoredResult };
  }

  /** A job of an alliance the caller may see (its admins, the district's admins, staff of its member schools). */
  private async job(scope: AccessScope, id: string, manager: EntityManager, lock: boolean): Promise<JobRow> {
    const [row]: JobRow[] = await manager.query(
      `SELECT id::text, district_id::text, alliance_id::text, status, input, progress, result, error, created_at, started_at, finished_at, accepted_at
         FROM solver_job WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id],
    );
    if (!row) throw new NotFoundError('solve', id);
    try {
      await this.inputs.alliance(scope, row.alliance_id);
    } catch {
      throw new NotFoundError('solve', id);
    }
    return row;
  }

  private view(row: JobRow): SolveJobView {
    const r = row.result;
    return {
      id: row.id, allianceId: row.alliance_id, status: row.status, progress: row.progress, error: row.error, createdAt: iso(row.created_at),
      startedAt: row.started_at ? iso(row.started_at) : null, finishedAt: row.finished_at ? iso(row.finished_at) : null,
      acceptedAt: row.accepted_at ? iso(row.accepted_at) : null,
      proposal: r
        ? {
          outcome: r.status, gap: r.gap, objective: r.objective, travelMinutes: r.travelMinutes, idleMinutes: r.idleMinutes,
          lessons: r.assignments.map((a) => ({ ...a })),
          teachers: r.teachers.map((t: TeacherLoad) => ({ teacherId: t.teacherId, travelMinutes: t.travelMinutes, idleMinutes: t.idleMinutes })),
          breaks: breaksOf(r.breaks ?? []),
        }
        : null,
    };
  }
}

import {
  TeacherExchangeEvents, type ListObservationsQueryDto, type ObservationRecordedEvent, type ObservationStatsQueryDto, type ObservationStatsView,
  type ObservationView, type Page, type RecordObservationDto, type RubricDimensionView, type RubricVersionedEvent, type RubricView, type SaveRubricDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, DirectoryService, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, isoDate, SqlParams, todayInShanghai } from '../common/access.js';
import { rosterTeacher } from '../common/roster.js';
import { checkRubric, DEFAULT_RUBRIC, dimensionView, meanPercent, percentOf, sameRubric, scoreObservation } from './rubric.rules.js';

interface RubricRow { district_id: string; version: number; dimensions: RubricDimensionView[]; max_total: number; created_at: Date }

interface ObservationRow {
  id: string; district_id: string; observer_id: string; observer_name: string; observer_school_id: string; observer_school_name: string | null;
  observed_id: string; observed_name: string; observed_school_id: string; observed_school_name: string | null; observed_on: string | Date;
  subject: string; class_name: string; topic: string; rubric_version: number; scores: Record<string, number>; total: number; max_total: number;
  comments: string | null; placement_id: string | null; created_at: Date;
}

const SELECT = `
  SELECT o.*, ot.name AS observer_name, os.name AS observer_school_name, dt.name AS observed_name, ds.name AS observed_school_name
    FROM observation o
    JOIN teacher ot ON ot.id = o.observer_id
    JOIN teacher dt ON dt.id = o.observed_id
    LEFT JOIN directory_school os ON os.id = o.observer_school_id
    LEFT JOIN directory_school ds ON ds.id = o.observed_school_id`;

const toView = (r: ObservationRow): ObservationView => ({
  id: r.id, districtId: r.district_id, observerId: r.observer_id, observerName: r.observer_name, observerSchoolId: r.observer_school_id,
  observerSchoolName: r.observer_school_name ?? '', observedId: r.observed_id, observedName: r.observed_name, observedSchoolId: r.observed_school_id,
  observedSchoolName: r.observed_school_name ?? '', observedOn: isoDate(r.observed_on), subject: r.subject, className: r.class_name, topic: r.topic,
  rubricVersion: r.rubric_version, scores: r.scores, total: r.total, maxTotal: r.max_total, percent: percentOf(r.total, r.max_total), comments: r.comments,
  placementId: r.placement_id, createdAt: iso(r.created_at),
});

/**
 * Observations: district admins their district's; school staff those where the observer or the observed
 * teacher is of their school; alliance admins those touching a school of their alliances.
 */
export function observationVisibility(scope: AccessScope, alias: string, p: SqlParams): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const schools = p.bind(scope.schoolIds());
  const alliances = p.bind(scope.adminAllianceIds());
  return `(${alias}.district_id = ANY(${p.bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.observer_school_id = ANY(${schools}::uuid[]) OR ${alias}.observed_school_id = ANY(${schools}::uuid[])
    OR EXISTS (SELECT 1 FROM directory_member vm WHERE vm.active AND vm.alliance_id = ANY(${alliances}::uuid[])
               AND vm.school_id IN (${alias}.observer_school_id, ${alias}.observed_school_id)))`;
}

/** The district's versioned rubric and the observation records (听课评课) scored against it. */
@Injectable()
export class ObservationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A version of the district's rubric (the current one by default); a district without one gets the default as version 1. */
  async rubric(scope: AccessScope, districtId: string, version?: number): Promise<RubricView> {
    if (!scope.inDistrict(districtId)) throw new NotFoundError('rubric', districtId);
    await this.ensureDefault(districtId, this.dataSource.manager);
    return this.rubricView(this.dataSource.manager, districtId, version);
  }

  /** A changed rubric becomes a new version; the records keep the version they were scored with. Saving the current one again changes nothing. */
  async saveRubric(scope: AccessScope, dto: SaveRubricDto): Promise<RubricView> {
    if (!scope.inDistrict(dto.districtId)) throw new NotFoundError('rubric', dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('exchange.rubric.edit-forbidden');
    const problems = checkRubric(dto.dimensions);
    if (problems.length) throw new ValidationError(problems);
    const dimensions = dto.dimensions.map(dimensionView);
    return this.dataSource.transaction(async (manager) => {
      await this.ensureDefault(dto.districtId, manager);
      // one writer at a time per district: the next version number is taken under this lock
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rubric:${dto.districtId}`]);
      const current = await this.rubricView(manager, dto.districtId);
      if (sameRubric(current.dimensions, dimensions)) return current;
      const version = current.version + 1;
      const maxTotal = dimensions.reduce((sum, d) => sum + d.maxScore, 0);
      await manager.query('INSERT INTO observation_rubric (district_id, version, dimensions, max_total, created_by) VALUES ($1, $2, $3, $4, $5)',
        [dto.districtId, version, JSON.stringify(dimensions), maxTotal, scope.caller.id]);
      await this.audit.record(manager, scope.caller, {
        districtId: dto.districtId, action: 'rubric.versioned', entityType: 'rubric', entityId: dto.districtId,
        before: { version: current.version, dimensions: current.dimensions }, after: { version, dimensions },
      });
      await this.outbox.add<RubricVersionedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.rubricVersioned, districtId: dto.districtId, data: { districtId: dto.districtId, version, dimensions: dimensions.map((d) => d.key) },
      });
      return this.rubricView(manager, dto.districtId, version);
    });
  }

  async record(scope: AccessScope, dto: RecordObservationDto, now = new Date()): Promise<ObservationView> {
    if (dto.observerId === dto.observedId) throw ValidationError.of('observedId', 'exchange.observation.same-teacher');
    if (dto.observedOn > todayInShanghai(now)) throw ValidationError.of('observedOn', 'exchange.observation.in-future');
    return this.dataSource.transaction(async (manager) => {
      const observer = await rosterTeacher(scope, dto.observerId, manager, 'observerId');
      const observed = await rosterTeacher(scope, dto.observedId, manager, 'observedId');
      if (observer.districtId !== observed.districtId) throw ValidationError.of('observerId', 'exchange.observation.other-district');
      if (observer.schoolId !== observed.schoolId && !(await this.directory.sameAlliance(observer.schoolId, observed.schoolId, manager))) {
        throw ValidationError.of('observerId', 'exchange.observation.no-shared-alliance');
      }
      const allowed = scope.isSchoolAdmin(observer.schoolId, observer.districtId) || scope.isSchoolAdmin(observed.schoolId, observed.districtId);
      if (!allowed) throw ForbiddenError.of('exchange.observation.record-forbidden');
      await this.ensureDefault(observed.districtId, manager);
      const [rubric]: RubricRow[] = await manager.query('SELECT * FROM observation_rubric WHERE district_id = $1 AND version = $2', [observed.districtId, dto.rubricVersion]);
      if (!rubric) throw ValidationError.of('rubricVersion', 'exchange.rubric.version-unknown', { version: dto.rubricVersion });
      const scored = scoreObservation(dto.scores, rubric.dimensions);
      if (scored.errors.length) throw new ValidationError(scored.errors);
      // a visiting observer is usually on a shadowing or observation placement at the observed school: link it
      const [placement]: { id: string }[] = observer.schoolId === observed.schoolId ? [] : await manager.query(
        `SELECT p.id FROM placement p JOIN placement_host h ON h.placement_id = p.id AND h.school_id = $2
          WHERE p.teacher_id = $1 AND p.kind IN ('shadowing', 'observation') AND p.status IN ('approved', 'active', 'completed')
            AND $3::date BETWEEN p.starts_on AND p.ends_on
          ORDER BY p.starts_on DESC LIMIT 1`,
        [observer.id, observed.schoolId, dto.observedOn],
      );
      const [{ id }] = await manager.query(
        `INSERT INTO observation (district_id, observer_id, observer_school_id, observed_id, observed_school_id, observed_on, subject, class_name, topic,
                                  rubric_version, scores, total, max_total, comments, placement_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [observed.districtId, observer.id, observer.schoolId, observed.id, observed.schoolId, dto.observedOn, dto.subject.trim(), dto.className.trim(), dto.topic.trim(),
          rubric.version, JSON.stringify(dto.scores), scored.total, scored.maxTotal, dto.comments?.trim() || null, placement?.id ?? null, scope.caller.id],
      );
      const view = await this.load(manager, id);
      await this.audit.record(manager, scope.caller, {
        districtId: view.districtId, action: 'observation.recorded', entityType: 'observation', entityId: id,
        after: { observerId: view.observerId, observedId: view.observedId, observedOn: view.observedOn, rubricVersion: view.rubricVersion, scores: view.scores, total: view.total },
      });
      await this.outbox.add<ObservationRecordedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.observationRecorded, districtId: view.districtId,
        data: {
          observationId: id, districtId: view.districtId, observerId: view.observerId, observerSchoolId: view.observerSchoolId, observedId: view.observedId,
          observedSchoolId: view.observedSchoolId, observedOn: view.observedOn, rubricVersion: view.rubricVersion, total: view.total, maxTotal: view.maxTotal,
          placementId: view.placementId,
        },
      });
      return view;
    });
  }

  async get(scope: AccessScope, id: string): Promise<ObservationView> {
    const p = new SqlParams();
    const where = [`o.id = ${p.bind(id)}`];
    const visibility = observationVisibility(scope, 'o', p);
    if (visibility) where.push(visibility);
    const [row] = await this.dataSource.query(`${SELECT} WHERE ${where.join(' AND ')}`, p.values);
    if (!row) throw new NotFoundError('observation', id);
    return toView(row);
  }

  async list(scope: AccessScope, query: ListObservationsQueryDto): Promise<Page<ObservationView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { observedOn: 'o.observed_on', createdAt: 'o.created_at', total: 'o.total', observedName: 'dt.name', observerName: 'ot.name' }, '-observedOn');
    const p = new SqlParams();
    const where: string[] = [];
    const visibility = observationVisibility(scope, 'o', p);
    if (visibility) where.push(visibility);
    if (query.teacherId) {
      const teacher = p.bind(query.teacherId);
      where.push(`(o.observer_id = ${teacher} OR o.observed_id = ${teacher})`);
    }
    if (query.schoolId) {
      const school = p.bind(query.schoolId);
      where.push(`(o.observer_school_id = ${school} OR o.observed_school_id = ${school})`);
    }
    if (query.from) where.push(`o.observed_on >= ${p.bind(query.from)}::date`);
    if (query.to) where.push(`o.observed_on <= ${p.bind(query.to)}::date`);
    if (query.q) {
      const q = p.bind(likePattern(query.q));
      where.push(`(ot.name ILIKE ${q} ESCAPE '\\' OR dt.name ILIKE ${q} ESCAPE '\\' OR o.topic ILIKE ${q} ESCAPE '\\' OR o.class_name ILIKE ${q} ESCAPE '\\')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM observation o JOIN teacher ot ON ot.id = o.observer_id JOIN teacher dt ON dt.id = o.observed_id ${filter}`, p.values,
    );
    const rows: ObservationRow[] = await this.dataSource.query(
      `${SELECT} ${filter} ORDER BY ${order.column} ${order.direction}, o.id LIMIT ${p.bind(window.pageSize)} OFFSET ${p.bind(window.offset)}`, p.values,
    );
    return toPage(rows.map(toView), total, window);
  }

  /**
   * Counts and mean percentages per teacher and per school of one district, over the observations the
   * caller may see (a school admin: those touching their school). Evaluation indicators ask this query.
   */
  async stats(scope: AccessScope, query: ObservationStatsQueryDto): Promise<ObservationStatsView> {
    if (!scope.inDistrict(query.districtId)) throw new NotFoundError('district', query.districtId);
    const admin = scope.isDistrictAdmin(query.districtId) || scope.adminAllianceIds().length > 0 || scope.adminSchoolIds().length > 0;
    if (!admin) throw ForbiddenError.of('exchange.observation.stats-forbidden');
    const p = new SqlParams();
    const where = [`o.district_id = ${p.bind(query.districtId)}`];
    const visibility = observationVisibility(scope, 'o', p);
    if (visibility) where.push(visibility);
    if (query.from) where.push(`o.observed_on >= ${p.bind(query.from)}::date`);
    if (query.to) where.push(`o.observed_on <= ${p.bind(query.to)}::date`);
    if (query.schoolId) {
      const school = p.bind(query.schoolId);
      where.push(`(o.observer_school_id = ${school} OR o.observed_school_id = ${school})`);
    }
    const baseParams = p.values.length;
    const sides = `
      WITH seen AS (SELECT o.* FROM observation o WHERE ${where.join(' AND ')}),
      sides AS (
        SELECT observer_id AS teacher_id, observer_school_id AS school_id, 1 AS given, 0 AS received, NULL::numeric AS pct,
               (observer_school_id <> observed_school_id)::int AS elsewhere FROM seen
        UNION ALL
        SELECT observed_id, observed_school_id, 0, 1, total * 100.0 / max_total, 0 FROM seen
      )`;
    const teacherRows: { teacher_id: string; name: string; school_id: string; school_name: string | null; given: number; received: number; pct_sum: string | null }[] =
      await this.dataSource.query(
        `${sides}
         SELECT s.teacher_id, t.name, t.school_id, ds.name AS school_name, sum(s.given)::int AS given, sum(s.received)::int AS received, sum(s.pct) AS pct_sum
           FROM sides s JOIN teacher t ON t.id = s.teacher_id LEFT JOIN directory_school ds ON ds.id = t.school_id
          ${query.schoolId ? `WHERE t.school_id = ${p.bind(query.schoolId)}` : ''}
          GROUP BY 1, 2, 3, 4 ORDER BY t.name, s.teacher_id`,
        p.values,
      );
    const schoolRows: { school_id: string; school_name: string | null; given: number; received: number; elsewhere: number; pct_sum: string | null }[] =
      await this.dataSource.query(
        `${sides}
         SELECT s.school_id, ds.name AS school_name, sum(s.given)::int AS given, sum(s.received)::int AS received, sum(s.elsewhere)::int AS elsewhere, sum(s.pct) AS pct_sum
           FROM sides s LEFT JOIN directory_school ds ON ds.id = s.school_id
          GROUP BY 1, 2 ORDER BY ds.name, s.school_id`,
        p.values.slice(0, baseParams),
      );
    return {
      districtId: query.districtId,
      teachers: teacherRows.map((r) => ({
        teacherId: r.teacher_id, teacherName: r.name, schoolId: r.school_id, schoolName: r.school_name ?? '', given: r.given, received: r.received,
        averageReceived: meanPercent(Number(r.pct_sum ?? 0), r.received),
      })),
      schools: schoolRows.map((r) => ({
        schoolId: r.school_id, schoolName: r.school_name ?? '', given: r.given, received: r.received, givenElsewhere: r.elsewhere,
        averageReceived: meanPercent(Number(r.pct_sum ?? 0), r.received),
      })),
    };
  }

  private async ensureDefault(districtId: string, manager: EntityManager): Promise<void> {
    const dimensions = DEFAULT_RUBRIC.map(dimensionView);
    await manager.query(
      `INSERT INTO observation_rubric (district_id, version, dimensions, max_total, created_by) VALUES ($1, 1, $2, $3, 'system') ON CONFLICT DO NOTHING`,
      [districtId, JSON.stringify(dimensions), dimensions.reduce((sum, d) => sum + d.maxScore, 0)],
    );
  }

  private async rubricView(manager: EntityManager, districtId: string, version?: number): Promise<RubricView> {
    const rows: RubricRow[] = await manager.query('SELECT * FROM observation_rubric WHERE district_id = $1 ORDER BY version DESC', [districtId]);
    const row = version === undefined ? rows[0] : rows.find((r) => r.version === version);
    if (!row) throw ValidationError.of('version', 'exchange.rubric.version-unknown', { version: version ?? 0 });
    return { districtId, version: row.version, dimensions: row.dimensions, maxTotal: row.max_total, versions: rows.map((r) => r.version), createdAt: iso(row.created_at) };
  }


  private async load(manager: EntityManager, id: string): Promise<ObservationView> {
    const [row] = await manager.query(`${SELECT} WHERE o.id = $1`, [id]);
    return toView(row);
  }
}

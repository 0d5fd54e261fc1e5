import { termRange, type ActivitiesTermFactsQueryDto, type TermFact, type TermFactsView } from '@jiaolian/contracts';
import { ForbiddenError, type AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service.js';
import { occurrencesBetween, type Recurrence } from '../activities/recurrence.js';
import { iso } from '../common/time.js';
import { assertTerm, onTimeRatio } from '../plans/plan.rules.js';

/** The fact keys this service answers (see common/term-facts.ts in the contracts). */
export const ACTIVITIES_FACT_KEYS = {
  milestonesOnTime: 'activities.plans.milestones-on-time',
  held: 'activities.joint-activities.held',
  attended: 'activities.joint-activities.attended',
  checkInRate: 'activities.check-in-rate',
} as const;

const ALL_KEYS: string[] = Object.values(ACTIVITIES_FACT_KEYS);

/** The first instant of an Asia/Shanghai calendar day (YYYY-MM-DD), in UTC. */
const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

const rate = (numerator: number, denominator: number): number => Math.round((numerator / denominator) * 10_000) / 10_000;

/**
 * Per-school figures of one term of one district for the term evaluation (assessment asks; it never
 * reads these tables):
 * - `activities.plans.milestones-on-time`: per school (school plans) and per alliance (alliance plans,
 *   no schoolId), milestones of approved or closed plans due in the term whose due day has come;
 *   numerator those completed by their due day; value the ratio (0–1). Absent where nothing is due.
 * - `activities.joint-activities.held`: per organising school, occurrences of its alliance activities
 *   that started within the term up to now, less cancelled ones and cancelled activities.
 * - `activities.joint-activities.attended`: per school, occurrences within the term where at least
 *   one of its registered participants checked in.
 * - `activities.check-in-rate`: per school, its registrations for occurrences that started within
 *   the term up to now; numerator those checked in; value the ratio (0–1). Absent without registrations.
 */
@Injectable()
export class TermFactsService {
  constructor(private readonly dataSource: DataSource, private readonly activities: ActivitiesService) {}

  async facts(scope: AccessScope, query: ActivitiesTermFactsQueryDto, now = new Date()): Promise<TermFactsView> {
    assertTerm(query.term);
    if (!scope.isDistrictAdmin(query.districtId)) throw ForbiddenError.of('activities.term-facts.forbidden');
    const wanted = new Set(query.keys?.length ? query.keys.filter((k) => ALL_KEYS.includes(k)) : ALL_KEYS);
    const { from: fromDay, to: toDay } = termRange(query.term);
    const from = shanghaiMidnight(fromDay);
    const until = new Date(Math.min(shanghaiMidnight(toDay).getTime(), now.getTime()));
    const facts: TermFact[] = [];
    if (wanted.has(ACTIVITIES_FACT_KEYS.milestonesOnTime)) facts.push(...(await this.milestonesOnTime(query.districtId, query.term, now)));
    if (wanted.has(ACTIVITIES_FACT_KEYS.held)) facts.push(...(await this.held(query.districtId, from, until)));
    if (wanted.has(ACTIVITIES_FACT_KEYS.attended) || wanted.has(ACTIVITIES_FACT_KEYS.checkInRate)) {
      const rows = await this.registrations(query.districtId, from, until);
      if (wanted.has(ACTIVITIES_FACT_KEYS.attended)) {
        for (const r of rows.filter((row) => row.attended > 0)) facts.push({ key: ACTIVITIES_FACT_KEYS.attended, schoolId: r.school_id, value: r.attended });
      }
      if (wanted.has(ACTIVITIES_FACT_KEYS.checkInRate)) {
        for (const r of rows.filter((row) => row.registered > 0)) {
          facts.push({ key: ACTIVITIES_FACT_KEYS.checkInRate, schoolId: r.school_id, value: rate(r.checked_in, r.registered), numerator: r.checked_in, denominator: r.registered });
        }
      }
    }
    return { service: 'activities', term: query.term, facts };
  }

  private async milestonesOnTime(districtId: string, term: string, now: Date): Promise<TermFact[]> {
    const rows: { alliance_id: string; school_id: string | null; due_on: string; completed_on: string | null }[] = await this.dataSource.query(
      `SELECT p.alliance_id, p.school_id, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, to_char(m.completed_on, 'YYYY-MM-DD') AS completed_on
         FROM plan_milestone m JOIN work_plan p ON p.id = m.plan_id
        WHERE p.district_id = $1 AND p.term = $2 AND p.status IN ('approved', 'closed')`,
      [districtId, term],
    );
    const groups = new Map<string, { schoolId: string | null; allianceId: string; milestones: typeof rows }>();
    for (const row of rows) {
      const key = row.school_id ? `s/${row.school_id}` : `a/${row.alliance_id}`;
      const group = groups.get(key) ?? { schoolId: row.school_id, allianceId: row.alliance_id, milestones: [] };
      group.milestones.push(row);
      groups.set(key, group);
    }
    const facts: TermFact[] = [];
    for (const group of groups.values()) {
      const { numerator, denominator } = onTimeRatio(group.milestones.map((m) => ({ dueOn: m.due_on, completedOn: m.completed_on })), term, now);
      if (!denominator) continue;
      const where = group.schoolId ? { schoolId: group.schoolId } : { allianceId: group.allianceId };
      facts.push({ key: ACTIVITIES_FACT_KEYS.milestonesOnTime, ...where, value: rate(numerator, denominator), numerator, denominator });
    }
    return facts;
  }

  /** Occurrences held per organising school in [from, until); only one alliance's when allianceId is given (briefings). */
  async held(districtId: string, from: Date, until: Date, allianceId?: string): Promise<TermFact[]> {
    if (until <= from) return [];
    const rows: { id: string; organiser_school_id: string; starts_at: Date; recurrence: Recurrence | null }[] = await this.dataSource.query(
      `SELECT id, organiser_school_id, starts_at, recurrence FROM activity
        WHERE district_id = $1 AND status = 'scheduled' AND starts_at < $3 AND COALESCE(last_occurrence_at, starts_at) >= $2
          AND ($4::uuid IS NULL OR alliance_id = $4)`,
      [districtId, from, until, allianceId ?? null],
    );
    const cancelled = await this.activities.cancellationsOf(rows.filter((r) => r.recurrence).map((r) => r.id), from, until);
    const counts = new Map<string, number>();
    for (const row of rows) {
      const held = occurrencesBetween(row.starts_at, row.recurrence, from, until).filter((start) => !cancelled.has(`${row.id}/${iso(start)}`)).length;
      if (held) counts.set(row.organiser_school_id, (counts.get(row.organiser_school_id) ?? 0) + held);
    }
    return [...counts].map(([schoolId, value]) => ({ key: ACTIVITIES_FACT_KEYS.held, schoolId, value }));
  }

  /** Registrations, check-ins and occurrences attended per school in [from, until); only one alliance's when allianceId is given. */
  async registrations(districtId: string, from: Date, until: Date, allianceId?: string): Promise<{ school_id: string; registered: number; checked_in: number; attended: number }[]> {
    if (until <= from) return [];
    return this.dataSource.query(
      `SELECT r.school_id, count(*)::int AS registered, count(r.checked_in_at)::int AS checked_in,
              count(DISTINCT (r.activity_id, r.occurrence_start)) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS attended
         FROM registration r JOIN activity a ON a.id = r.activity_id
        WHERE a.district_id = $1 AND a.status = 'scheduled' AND r.status = 'registered' AND r.occurrence_start >= $2 AND r.occurrence_start < $3
          AND ($4::uuid IS NULL OR a.alliance_id = $4)
        GROUP BY r.school_id ORDER BY r.school_id`,
      [districtId, from, until, allianceId ?? null],
    );
  }
}


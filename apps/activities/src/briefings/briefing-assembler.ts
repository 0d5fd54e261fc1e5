import {
  EVALUATION_STATUS_SUBJECT, MembershipSubjects, termFactsSubject, type DistrictView, type BriefingContent, type BriefingEvaluation, type BriefingFigure, type BriefingPlanProgress,
  type BriefingServiceSection, type EvaluationStatusQuery, type EvaluationStatusView, type ServiceName, type TermFact, type TermFactsQuery,
  type TermFactsView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, DomainError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DAY_MS, shanghaiDate } from '../common/time.js';
import { ACTIVITIES_FACT_KEYS, TermFactsService } from '../term-facts/term-facts.service.js';
import { aggregateFacts, highlights, schoolRows, type BriefingPeriod } from './briefing.rules.js';
import type { ReportScope } from './report-scope.js';

/** The services asked for their term facts; activities counts its own over the exact period. */
const OTHER_SERVICES: ServiceName[] = ['membership', 'teacher-exchange', 'curriculum', 'assessment'];

/** How long another service has to answer before its section says "not available". */
const ASK_TIMEOUT_MS = 3_000;

/** The figures activities counts over the briefing's own days. */
export const BRIEFING_FIGURE_KEYS = {
  held: ACTIVITIES_FACT_KEYS.held,
  registrations: 'activities.registrations',
  checkIns: 'activities.check-ins',
  checkInRate: ACTIVITIES_FACT_KEYS.checkInRate,
  minutes: 'activities.minutes.recorded',
  actionItemsDone: 'activities.action-items.done',
  actionItemsOverdue: 'activities.action-items.overdue',
  milestonesOnTime: ACTIVITIES_FACT_KEYS.milestonesOnTime,
  milestonesCompleted: 'activities.plans.milestones-completed',
} as const;

const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
const rate = (n: number, d: number): number => (d ? Math.round((n / d) * 10_000) / 10_000 : 0);

/**
 * Gathers what a briefing shows, once, at issue: activities' own figures counted over the period's
 * days, plan progress of the period's term, the other services' term facts added up over the scope's
 * schools, the evaluation status from assessment, per-school rows and highlights. Another service that
 * does not answer (not deployed, too slow, no such query yet) leaves its section marked not available;
 * the briefing is still issued.
 *
 * The other services are asked as this service acting for the briefing's district (a district-admin
 * token of that district only, signed here): an alliance admin may brief their alliance, whose facts
 * the services answer only district-wide, and only the scope's schools are kept.
 */
@Injectable()
export class BriefingAssembler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly termFacts: TermFactsService,
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
  ) {}

  async assemble(scope: ReportScope, period: BriefingPeriod, now = new Date()): Promise<BriefingContent> {
    const from = shanghaiMidnight(period.from);
    const until = new Date(Math.min(shanghaiMidnight(period.to).getTime() + DAY_MS, now.getTime()));
    const allianceId = scope.allianceId ?? undefined;
    const inScope = { schools: new Set(scope.schools.map((s) => s.id)), alliances: new Set(scope.alliances.map((a) => a.id)) };

    const held = await this.termFacts.held(scope.districtId, from, until, allianceId);
    const registrations = await this.termFacts.registrations(scope.districtId, from, until, allianceId);
    const checkInRates: TermFact[] = registrations.filter((r) => r.registered > 0).map((r) => ({
      key: BRIEFING_FIGURE_KEYS.checkInRate, schoolId: r.school_id, value: rate(r.checked_in, r.registered), numerator: r.checked_in, denominator: r.registered,
    }));
    const localFacts = [...held, ...checkInRates].filter((f) => !f.schoolId || inScope.schools.has(f.schoolId));
    const registered = registrations.filter((r) => inScope.schools.has(r.school_id));
    const totalRegistered = registered.reduce((n, r) => n + r.registered, 0);
    const totalCheckedIn = registered.reduce((n, r) => n + r.checked_in, 0);
    const records = await this.minutesAndActions(scope, from, until);
    const plans = await this.plans(scope, period, now);
    const local: BriefingServiceSection = {
      service: 'activities', available: true, basis: 'period',
      figures: [
        { key: BRIEFING_FIGURE_KEYS.held, unit: 'count', value: held.filter((f) => inScope.schools.has(f.schoolId ?? '')).reduce((n, f) => n + f.value, 0) },
        { key: BRIEFING_FIGURE_KEYS.registrations, unit: 'count', value: totalRegistered },
        { key: BRIEFING_FIGURE_KEYS.checkIns, unit: 'count', value: totalCheckedIn },
        { key: BRIEFING_FIGURE_KEYS.checkInRate, unit: 'rate', value: rate(totalCheckedIn, totalRegistered), numerator: totalCheckedIn, denominator: totalRegistered },
        { key: BRIEFING_FIGURE_KEYS.minutes, unit: 'count', value: records.minutes },
        { key: BRIEFING_FIGURE_KEYS.actionItemsDone, unit: 'count', value: records.done },
        { key: BRIEFING_FIGURE_KEYS.actionItemsOverdue, unit: 'count', value: records.overdue },
        { key: BRIEFING_FIGURE_KEYS.milestonesCompleted, unit: 'count', value: plans.completedInPeriod },
        { key: BRIEFING_FIGURE_KEYS.milestonesOnTime, unit: 'rate', value: rate(plans.doneOnTime, plans.dueInPeriod), numerator: plans.doneOnTime, denominator: plans.dueInPeriod },
      ],
    };

    const others: BriefingServiceSection[] = [];
    const otherFacts: TermFact[] = [];
    for (const service of OTHER_SERVICES) {
      const view = await this.ask<TermFactsView>(scope.districtId, termFactsSubject(service), { districtId: scope.districtId, term: period.term } satisfies TermFactsQuery);
      if (!view) {
        others.push({ service, available: false, basis: 'term', figures: [] });
        continue;
      }
      others.push({ service, available: true, basis: 'term', figures: aggregateFacts(view.facts, inScope) });
      otherFacts.push(...view.facts.filter((f) => f.schoolId && inScope.schools.has(f.schoolId)));
    }

    const evaluation = await this.evaluation(scope, period);
    const schools = schoolRows(scope.schools, [...localFacts, ...otherFacts]);
    const top = evaluation.rows.filter((r) => r.score !== undefined).sort((a, b) => b.score! - a.score! || a.name.localeCompare(b.name, 'zh-CN'))[0];
    const keyFigures: BriefingFigure[] = [
      ...local.figures.filter((f) => ([BRIEFING_FIGURE_KEYS.held, BRIEFING_FIGURE_KEYS.checkInRate, BRIEFING_FIGURE_KEYS.minutes, BRIEFING_FIGURE_KEYS.milestonesCompleted,
        BRIEFING_FIGURE_KEYS.milestonesOnTime] as string[]).includes(f.key)),
      ...others.flatMap((section) => section.figures.slice(0, 2)),
    ];
    return {
      keyFigures,
      services: [local, ...others],
      plans,
      evaluation,
      schools,
      highlights: highlights({
        schools, checkInKey: BRIEFING_FIGURE_KEYS.checkInRate, heldKey: BRIEFING_FIGURE_KEYS.held, milestonesCompleted: plans.completedInPeriod,
        plansClosed: plans.byStatus['closed'] ?? 0, topEvaluation: top ? { name: top.name, score: top.score! } : undefined,
      }, checkInRates),
    };
  }

  private async minutesAndActions(scope: ReportScope, from: Date, until: Date): Promise<{ minutes: number; done: number; overdue: number }> {
    const [row]: { minutes: number; done: number; overdue: number }[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM minutes mi JOIN activity a ON a.id = mi.activity_id
           WHERE a.district_id = $1 AND ($2::uuid IS NULL OR a.alliance_id = $2) AND mi.occurrence_start >= $3 AND mi.occurrence_start < $4) AS minutes,
         (SELECT count(*)::int FROM action_item ai WHERE ai.district_id = $1 AND ($2::uuid IS NULL OR ai.alliance_id = $2)
           AND ai.done_at >= $3 AND ai.done_at < $4) AS done,
         (SELECT count(*)::int FROM action_item ai WHERE ai.district_id = $1 AND ($2::uuid IS NULL OR ai.alliance_id = $2)
           AND ai.due_on < $5::date AND (ai.done_at IS NULL OR ai.done_at >= $4)) AS overdue`,
      // overdue: due before the last day the period has reached (its last day, or today) and not done by its end
      [scope.districtId, scope.allianceId, from, until, shanghaiDate(new Date(until.getTime() - 1))],
    );
    return row ?? { minutes: 0, done: 0, overdue: 0 };
  }

  /**
   * Plans of the period's term in the scope (submitted, approved or closed: a draft commits nobody).
   * Due in the period: milestones due within its days up to today; on time: completed by their due day;
   * overdue: due before the end of the period (or today) and not completed by then.
   */
  private async plans(scope: ReportScope, period: BriefingPeriod, now: Date): Promise<BriefingPlanProgress> {
    const today = shanghaiDate(now);
    const end = period.to < today ? period.to : today;
    const rows: {
      id: string; title: string; owner: string | null; status: string; milestones: number; done: number; overdue: number; due: number; on_time: number;
      completed: number; met: number; partly: number; not_met: number;
    }[] = await this.dataSource.query(
      `SELECT p.id, p.title, COALESCE(ds.name, da.name) AS owner, p.status,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id) AS milestones,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.completed_on <= $4::date) AS done,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.due_on < $4::date AND (m.completed_on IS NULL OR m.completed_on > $4::date)) AS overdue,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.due_on >= $5::date AND m.due_on <= $4::date) AS due,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.due_on >= $5::date AND m.due_on <= $4::date AND m.completed_on <= m.due_on) AS on_time,
              (SELECT count(*)::int FROM plan_milestone m WHERE m.plan_id = p.id AND m.completed_on >= $5::date AND m.completed_on <= $4::date) AS completed,
              (SELECT count(*)::int FROM plan_target t WHERE t.plan_id = p.id AND t.rating = 'met') AS met,
              (SELECT count(*)::int FROM plan_target t WHERE t.plan_id = p.id AND t.rating = 'partly') AS partly,
              (SELECT count(*)::int FROM plan_target t WHERE t.plan_id = p.id AND t.rating = 'not_met') AS not_met
         FROM work_plan p
         LEFT JOIN directory_school ds ON ds.id = p.school_id
         LEFT JOIN directory_alliance da ON da.id = p.alliance_id
        WHERE p.district_id = $1 AND ($2::uuid IS NULL OR p.alliance_id = $2) AND p.term = $3 AND p.status <> 'draft'
        ORDER BY p.school_id NULLS FIRST, COALESCE(ds.name, da.name), p.id`,
      [scope.districtId, scope.allianceId, period.term, end, period.from],
    );
    const byStatus: Record<string, number> = {};
    const sum = (pick: (r: (typeof rows)[number]) => number): number => rows.reduce((n, r) => n + pick(r), 0);
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    return {
      plans: rows.length, byStatus, milestones: sum((r) => r.milestones), dueInPeriod: sum((r) => r.due), doneOnTime: sum((r) => r.on_time),
      completedInPeriod: sum((r) => r.completed), overdue: sum((r) => r.overdue),
      ratings: { met: sum((r) => r.met), partly: sum((r) => r.partly), not_met: sum((r) => r.not_met) },
      rows: rows.map((r) => ({ planId: r.id, title: r.title, owner: r.owner ?? '', status: r.status, milestones: r.milestones, done: r.done, overdue: r.overdue })),
    };
  }

  private async evaluation(scope: ReportScope, period: BriefingPeriod): Promise<BriefingEvaluation> {
    const query: EvaluationStatusQuery = { districtId: scope.districtId, term: period.term, ...(scope.allianceId ? { allianceId: scope.allianceId } : {}) };
    const view = await this.ask<EvaluationStatusView>(scope.districtId, EVALUATION_STATUS_SUBJECT, query);
    if (!view) return { available: false, bySteps: {}, rows: [] };
    const names = new Map([...scope.schools, ...scope.alliances].map((x) => [x.id, x.name]));
    const items = view.items.filter((i) => names.has(i.targetId));
    const bySteps: Record<string, number> = {};
    for (const item of items) bySteps[item.step] = (bySteps[item.step] ?? 0) + 1;
    return {
      available: true, bySteps,
      rows: items.map((i) => ({
        targetType: i.targetType, targetId: i.targetId, name: names.get(i.targetId)!, step: i.step,
        ...(i.score !== undefined ? { score: i.score } : {}), ...(i.rank !== undefined ? { rank: i.rank } : {}), ...(i.award ? { award: i.award } : {}),
      })),
    };
  }

  /** The district's name as membership keeps it (the services' directories do not); null when membership does not answer. */
  async districtName(districtId: string): Promise<string | null> {
    const district = await this.ask<DistrictView>(districtId, MembershipSubjects.districtGet, { id: districtId });
    return district?.name ?? null;
  }

  /** Asks another service for the district; null when it does not answer or refuses (its section is then not available). */
  private async ask<T>(districtId: string, subject: string, data: unknown): Promise<T | null> {
    const callerToken = await this.tokens.sign({
      kind: 'system', id: 'activities:briefing', displayName: 'briefing', assignments: [{ role: 'district_admin', districtId }],
    }, 60);
    try {
      return await this.bus.request<T>(subject, data, { callerToken, timeoutMs: ASK_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}

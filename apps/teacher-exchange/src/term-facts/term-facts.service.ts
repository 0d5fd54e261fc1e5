import { QUOTA_COUNTED_KINDS, TERM_FACT_KEYS, termRange, type TermFact, type TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { ForbiddenError, type AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/access.js';
import { COUNTED_STATUSES } from '../placements/placement.rules.js';
import { assertTerm } from './term.rules.js';

const KEYS: string[] = [TERM_FACT_KEYS.quotaCompletion, TERM_FACT_KEYS.placementsCompleted, TERM_FACT_KEYS.itinerantPeriods];

const rate = (numerator: number, denominator: number): number => Math.round((numerator / denominator) * 10_000) / 10_000;

/**
 * Per-school figures of one term of one district for the term evaluation (assessment asks; it never
 * reads these tables):
 * - `teacher-exchange.quota.completion`: for each alliance the school is an active member of and each
 *   quota category with a minimum for the calendar year the term starts in, the teachers it sent that
 *   count (as the quota progress counts them) up to the minimum; numerator their sum, denominator the
 *   minimums' sum, value the ratio. Absent where no minimum applies.
 * - `teacher-exchange.placements.completed`: the school's placements completed with an end date in the term.
 * - `teacher-exchange.itinerant.periods`: lessons of the itinerant timetable its teachers gave at other
 *   schools on the term's days so far (each weekly slot once per matching weekday within its dates).
 */
@Injectable()
export class TermFactsService {
  constructor(private readonly dataSource: DataSource) {}

  async facts(scope: AccessScope, query: TermFactsQueryDto, now = new Date()): Promise<TermFactsView> {
    assertTerm(query.term);
    if (!scope.isDistrictAdmin(query.districtId)) throw ForbiddenError.of('exchange.term-facts.forbidden');
    const wanted = new Set(query.keys?.length ? query.keys.filter((k) => KEYS.includes(k)) : KEYS);
    const { from, to } = termRange(query.term);
    const facts: TermFact[] = [];
    if (wanted.has(TERM_FACT_KEYS.quotaCompletion)) facts.push(...(await this.quota(query.districtId, Number(from.slice(0, 4)))));
    if (wanted.has(TERM_FACT_KEYS.placementsCompleted)) {
      const rows: { school_id: string; n: number }[] = await this.dataSource.query(
        `SELECT home_school_id AS school_id, count(*)::int AS n FROM placement
          WHERE district_id = $1 AND status = 'completed' AND ends_on >= $2::date AND ends_on < $3::date GROUP BY 1`,
        [query.districtId, from, to],
      );
      facts.push(...rows.map((r) => ({ key: TERM_FACT_KEYS.placementsCompleted, schoolId: r.school_id, value: r.n })));
    }
    if (wanted.has(TERM_FACT_KEYS.itinerantPeriods)) {
      const rows: { school_id: string; n: number }[] = await this.dataSource.query(
        `SELECT p.home_school_id AS school_id, count(*)::int AS n
           FROM timetable_slot s JOIN placement p ON p.id = s.placement_id
           CROSS JOIN LATERAL generate_series(GREATEST(s.starts_on, $2::date), LEAST(s.ends_on, $3::date - 1, $4::date), interval '1 day') AS d(day)
          WHERE s.district_id = $1 AND p.kind = 'itinerant' AND p.status = ANY($5) AND s.school_id <> p.home_school_id
            AND extract(isodow FROM d.day) = s.weekday
          GROUP BY 1`,
        [query.districtId, from, to, todayInShanghai(now), COUNTED_STATUSES],
      );
      facts.push(...rows.map((r) => ({ key: TERM_FACT_KEYS.itinerantPeriods, schoolId: r.school_id, value: r.n })));
    }
    return { service: 'teacher-exchange', term: query.term, facts };
  }

  private async quota(districtId: string, year: number): Promise<TermFact[]> {
    const rows: { school_id: string; numerator: number; denominator: number }[] = await this.dataSource.query(
      `WITH rules AS (
         SELECT alliance_id, category, min_count FROM exchange_quota WHERE district_id = $1 AND year = $2 AND min_count > 0
       ), members AS (
         SELECT m.alliance_id, m.school_id FROM directory_member m JOIN directory_alliance a ON a.id = m.alliance_id
          WHERE m.active AND a.district_id = $1
       ), sent AS (
         SELECT p.alliance_id, p.home_school_id AS school_id,
                count(DISTINCT t.id) FILTER (WHERE t.middle_manager)::int AS middle_manager,
                count(DISTINCT t.id) FILTER (WHERE t.rank <> 'none')::int AS backbone,
                count(DISTINCT t.id)::int AS any
           FROM placement p JOIN teacher t ON t.id = p.teacher_id
          WHERE p.district_id = $1 AND p.status = ANY($3) AND p.kind = ANY($4) AND p.starts_on >= make_date($2, 1, 1) AND p.starts_on < make_date($2 + 1, 1, 1)
          GROUP BY 1, 2
       )
       SELECT m.school_id,
              sum(LEAST(CASE r.category WHEN 'middle_manager' THEN COALESCE(s.middle_manager, 0) WHEN 'backbone' THEN COALESCE(s.backbone, 0) ELSE COALESCE(s.any, 0) END, r.min_count))::int AS numerator,
              sum(r.min_count)::int AS denominator
         FROM members m JOIN rules r ON r.alliance_id = m.alliance_id
         LEFT JOIN sent s ON s.alliance_id = m.alliance_id AND s.school_id = m.school_id
        GROUP BY m.school_id`,
      [districtId, year, COUNTED_STATUSES, QUOTA_COUNTED_KINDS],
    );
    return rows.map((r) => ({ key: TERM_FACT_KEYS.quotaCompletion, schoolId: r.school_id, value: rate(r.numerator, r.denominator), numerator: r.numerator, denominator: r.denominator }));
  }
}

import { TERM_FACT_KEYS, termRange, type TermFact, type TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { ForbiddenError, type AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertTerm } from './term.rules.js';

const KEYS: string[] = [TERM_FACT_KEYS.resourcesContributed, TERM_FACT_KEYS.resourcesUsedByOthers, TERM_FACT_KEYS.facilityBookings];

/** The first instant of an Asia/Shanghai calendar day (YYYY-MM-DD), in UTC. */
const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * Per-school figures of one term of one district for the term evaluation (assessment asks; it never
 * reads these tables):
 * - `curriculum.resources.contributed`: resources the school's teachers shared with the alliance or
 *   the district (school-only ones are not sharing), created in the term.
 * - `curriculum.resources.used-by-others`: downloads in the term of the school's shared resources by
 *   anyone but their uploader. A download records who, not their school, so a colleague of the same
 *   school counts too; the figure says "used by others", the catalogue explains it so.
 * - `curriculum.facilities.shared-bookings`: approved bookings of the school's facilities by other
 *   schools, starting in the term.
 */
@Injectable()
export class TermFactsService {
  constructor(private readonly dataSource: DataSource) {}

  async facts(scope: AccessScope, query: TermFactsQueryDto): Promise<TermFactsView> {
    assertTerm(query.term);
    if (!scope.isDistrictAdmin(query.districtId)) throw ForbiddenError.of('curriculum.term-facts.forbidden');
    const wanted = new Set(query.keys?.length ? query.keys.filter((k) => KEYS.includes(k)) : KEYS);
    const { from: fromDay, to: toDay } = termRange(query.term);
    const [from, to] = [shanghaiMidnight(fromDay), shanghaiMidnight(toDay)];
    const facts: TermFact[] = [];
    const add = (key: string, rows: { school_id: string; n: number }[]): void => {
      facts.push(...rows.map((r) => ({ key, schoolId: r.school_id, value: r.n })));
    };
    if (wanted.has(TERM_FACT_KEYS.resourcesContributed)) {
      add(TERM_FACT_KEYS.resourcesContributed, await this.dataSource.query(
        `SELECT school_id, count(*)::int AS n FROM resource
          WHERE district_id = $1 AND visibility IN ('alliance', 'district') AND created_at >= $2 AND created_at < $3 GROUP BY 1`,
        [query.districtId, from, to]));
    }
    if (wanted.has(TERM_FACT_KEYS.resourcesUsedByOthers)) {
      add(TERM_FACT_KEYS.resourcesUsedByOthers, await this.dataSource.query(
        `SELECT r.school_id, count(*)::int AS n FROM resource_download d JOIN resource r ON r.id = d.resource_id
          WHERE r.district_id = $1 AND r.visibility IN ('alliance', 'district') AND d.actor_id <> r.owner_id AND d.downloaded_at >= $2 AND d.downloaded_at < $3
          GROUP BY 1`,
        [query.districtId, from, to]));
    }
    if (wanted.has(TERM_FACT_KEYS.facilityBookings)) {
      add(TERM_FACT_KEYS.facilityBookings, await this.dataSource.query(
        `SELECT owner_school_id AS school_id, count(*)::int AS n FROM booking
          WHERE district_id = $1 AND status = 'approved' AND requester_school_id <> owner_school_id AND starts_at >= $2 AND starts_at < $3 GROUP BY 1`,
        [query.districtId, from, to]));
    }
    return { service: 'curriculum', term: query.term, facts };
  }
}

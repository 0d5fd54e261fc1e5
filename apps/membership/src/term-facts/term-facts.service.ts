import { isTerm, termRange, type TermFact, type TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { ForbiddenError, ValidationError, type AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The fact keys membership answers (per alliance: no schoolId). */
export const MEMBERSHIP_FACT_KEYS = {
  memberSchools: 'membership.alliance.member-schools',
  joined: 'membership.alliance.joined',
} as const;

const KEYS: string[] = Object.values(MEMBERSHIP_FACT_KEYS);

/** The first instant of an Asia/Shanghai calendar day (YYYY-MM-DD). */
const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * Per-alliance figures of one term of one district (briefings ask; no other service reads these tables):
 * - `membership.alliance.member-schools`: schools that are members of an active alliance at the end of
 *   the term, or now while the term runs;
 * - `membership.alliance.joined`: schools that joined an active alliance within the term up to then.
 */
@Injectable()
export class TermFactsService {
  constructor(private readonly dataSource: DataSource) {}

  async facts(scope: AccessScope, query: TermFactsQueryDto, now = new Date()): Promise<TermFactsView> {
    if (!isTerm(query.term)) throw ValidationError.of('term', 'membership.term-facts.term-invalid');
    if (!scope.isDistrictAdmin(query.districtId)) throw ForbiddenError.of('membership.term-facts.forbidden');
    const wanted = new Set(query.keys?.length ? query.keys.filter((k) => KEYS.includes(k)) : KEYS);
    const { from, to } = termRange(query.term);
    const start = shanghaiMidnight(from);
    const until = new Date(Math.min(shanghaiMidnight(to).getTime(), now.getTime()));
    const facts: TermFact[] = [];
    if (until <= start) return { service: 'membership', term: query.term, facts };
    const rows: { alliance_id: string; members: number; joined: number }[] = await this.dataSource.query(
      `SELECT a.id AS alliance_id,
              count(*) FILTER (WHERE m.left_at IS NULL OR m.left_at >= $3)::int AS members,
              count(*) FILTER (WHERE m.joined_at >= $2)::int AS joined
         FROM alliance a JOIN alliance_member m ON m.alliance_id = a.id
        WHERE a.district_id = $1 AND a.status = 'active' AND m.joined_at < $3
        GROUP BY a.id`,
      [query.districtId, start, until],
    );
    for (const r of rows) {
      if (wanted.has(MEMBERSHIP_FACT_KEYS.memberSchools) && r.members > 0) facts.push({ key: MEMBERSHIP_FACT_KEYS.memberSchools, allianceId: r.alliance_id, value: r.members });
      if (wanted.has(MEMBERSHIP_FACT_KEYS.joined) && r.joined > 0) facts.push({ key: MEMBERSHIP_FACT_KEYS.joined, allianceId: r.alliance_id, value: r.joined });
    }
    return { service: 'membership', term: query.term, facts };
  }
}

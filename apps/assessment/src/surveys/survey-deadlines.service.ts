import type { SurveyAudience, SurveyDeadlineView, SurveyDeadlinesQuery, SurveyLevel, SurveyStatus } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { iso } from '../common/access.js';

/** At most this many surveys per window: a district has tens of surveys a term, not thousands. */
const MAX_SURVEYS = 500;
/** The widest window asked for: the reminder pass asks for a week back and a few days ahead. */
const MAX_WINDOW_MS = 31 * 86_400_000;

interface DeadlineRow {
  id: string; district_id: string; level: SurveyLevel; alliance_id: string | null; school_id: string | null; title: string; audiences: SurveyAudience[];
  status: SurveyStatus; opens_at: Date; closes_at: Date; closed_at: Date; created_by: string; school_ids: string[];
}

/**
 * The surveys past draft whose deadline (closesAt, or the moment an owner closed one early) falls in a
 * window, with their per-school response counts and the accounts that have answered, for the
 * notification centre's reminders. Only the platform's own services ask: it names who has answered.
 */
@Injectable()
export class SurveyDeadlinesService {
  constructor(private readonly dataSource: DataSource) {}

  async deadlines(scope: AccessScope, query: SurveyDeadlinesQuery): Promise<SurveyDeadlineView[]> {
    if (scope.caller.kind !== 'system') throw ForbiddenError.of('assessment.survey.deadlines-system-only');
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > MAX_WINDOW_MS) throw ValidationError.of('to', 'assessment.survey.deadline-window', { maxDays: 31 });
    // a survey is only ever closed by its owner after it opened, and its window cannot change once open: updated_at of a closed one is when it closed
    const rows: DeadlineRow[] = await this.dataSource.query(
      `SELECT id, district_id, level, alliance_id, school_id, title, audiences, status, opens_at, closes_at, school_ids, created_by,
              CASE WHEN status = 'closed' THEN LEAST(closes_at, updated_at) ELSE closes_at END AS closed_at
         FROM survey
        WHERE status <> 'draft' AND (CASE WHEN status = 'closed' THEN LEAST(closes_at, updated_at) ELSE closes_at END) BETWEEN $1 AND $2
        ORDER BY closes_at, id LIMIT ${MAX_SURVEYS}`,
      [from, to],
    );
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const counts: { survey_id: string; school_id: string; n: number }[] = await this.dataSource.query(
      'SELECT survey_id, school_id, count(*)::int AS n FROM survey_response WHERE survey_id = ANY($1::uuid[]) GROUP BY survey_id, school_id', [ids],
    );
    const participants: { survey_id: string; account_id: string }[] = await this.dataSource.query(
      'SELECT survey_id, account_id FROM survey_participant WHERE survey_id = ANY($1::uuid[])', [ids],
    );
    const names: { id: string; name: string }[] = await this.dataSource.query(
      'SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [[...new Set(rows.flatMap((r) => r.school_ids))]],
    );
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return rows.map((r) => {
      const bySchool = new Map(counts.filter((c) => c.survey_id === r.id).map((c) => [c.school_id, c.n]));
      return {
        id: r.id, districtId: r.district_id, level: r.level, allianceId: r.alliance_id, schoolId: r.school_id, title: r.title, audiences: r.audiences,
        status: r.status, opensAt: iso(r.opens_at), closesAt: iso(r.closes_at), closedAt: iso(r.closed_at), ownerId: r.created_by,
        schools: r.school_ids.map((id) => ({ id, name: nameOf.get(id) ?? '', responses: bySchool.get(id) ?? 0 })),
        responseCount: [...bySchool.values()].reduce((a, b) => a + b, 0),
        answeredAccountIds: participants.filter((p) => p.survey_id === r.id).map((p) => p.account_id),
      };
    });
  }
}

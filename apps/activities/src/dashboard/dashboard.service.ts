import type { DashboardFiguresView } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service.js';
import { occurrencesBetween } from '../activities/recurrence.js';
import { SqlParams, visibleSql } from '../common/access.js';
import { DAY_MS, shanghaiDate } from '../common/time.js';

/** Key figures for the caller's scope: coming occurrences, attendance, open and overdue action items. */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource, private readonly activities: ActivitiesService) {}

  async figures(scope: AccessScope, now = new Date()): Promise<DashboardFiguresView> {
    const soon = new Date(now.getTime() + 30 * DAY_MS);
    const coming = (await this.activities.rowsInRange(scope, now, soon))
      .filter((row) => row.status === 'scheduled')
      .reduce((n, row) => n + occurrencesBetween(row.starts_at, row.recurrence, now, soon).length, 0);
    const p = new SqlParams();
    const since = p.add(new Date(now.getTime() - 90 * DAY_MS));
    const nowParam = p.add(now);
    const today = p.add(shanghaiDate(now));
    const [row]: { registrations: number; attended: number; past: number; open: number; overdue: number }[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM registration r JOIN activity a ON a.id = r.activity_id
           WHERE r.status = 'registered' AND r.occurrence_start >= ${since} AND ${visibleSql(scope, 'a', p)}) AS registrations,
         (SELECT count(r.checked_in_at)::int FROM registration r JOIN activity a ON a.id = r.activity_id
           WHERE r.status = 'registered' AND r.occurrence_start >= ${since} AND r.occurrence_start < ${nowParam} AND ${visibleSql(scope, 'a', p)}) AS attended,
         (SELECT count(*)::int FROM registration r JOIN activity a ON a.id = r.activity_id
           WHERE r.status = 'registered' AND r.occurrence_start >= ${since} AND r.occurrence_start < ${nowParam} AND ${visibleSql(scope, 'a', p)}) AS past,
         (SELECT count(*)::int FROM action_item ai WHERE ai.done_at IS NULL AND ai.due_on >= ${today}::date AND ${visibleSql(scope, 'ai', p)}) AS open,
         (SELECT count(*)::int FROM action_item ai WHERE ai.done_at IS NULL AND ai.due_on < ${today}::date AND ${visibleSql(scope, 'ai', p)}) AS overdue`,
      p.values,
    );
    const r = row ?? { registrations: 0, attended: 0, past: 0, open: 0, overdue: 0 };
    return {
      service: 'activities',
      figures: [
        { key: 'activities.upcoming', value: coming, unit: 'count' },
        { key: 'activities.registrations', value: r.registrations, unit: 'count' },
        { key: 'activities.attendanceRate', value: r.past ? Math.round((r.attended / r.past) * 100) : 0, unit: 'percent' },
        { key: 'actionItems.open', value: r.open, unit: 'count' },
        { key: 'actionItems.overdue', value: r.overdue, unit: 'count', tone: r.overdue > 0 ? 'danger' : 'ok' },
      ],
    };
  }
}

import type { CalendarFeedRequest, CalendarFeedView, Caller, FeedTokenView } from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ForbiddenError, NotFoundError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service.js';
import { SqlParams, visibleSql } from '../common/access.js';
import { DAY_MS, iso } from '../common/time.js';
import { FeedTokenEntity } from './feed-token.entity.js';
import { buildCalendar } from './ics.js';

export const FEED_PATH_PREFIX = '/api/v1/activities/calendar/feeds/';
const PAST_DAYS = 180;
const FUTURE_DAYS = 400;

const feedPath = (token: string): string => `${FEED_PATH_PREFIX}${token}.ics`;

/** Personal calendar feed tokens and the feeds they open. */
@Injectable()
export class CalendarService {
  constructor(private readonly dataSource: DataSource, private readonly activities: ActivitiesService, private readonly audit: AuditWriter) {}

  /** The caller's token; looking at it also refreshes the roles the feed is scoped by to the caller's current ones. */
  async token(caller: Caller): Promise<FeedTokenView> {
    // TypeORM answers an UPDATE on PostgreSQL as [rows, affected]
    const [rows]: [{ token: string; created_at: Date }[], number] = await this.dataSource.query(
      'UPDATE feed_token SET assignments = $2, display_name = $3 WHERE user_id = $1 RETURNING token, created_at',
      [this.userId(caller), JSON.stringify(caller.assignments), caller.displayName?.slice(0, 64) ?? null],
    );
    const row = rows[0];
    return row ? { token: row.token, feedPath: feedPath(row.token), createdAt: iso(row.created_at) } : { token: null, feedPath: null, createdAt: null };
  }

  /** Creates the caller's feed token or replaces it: the old URL stops working at once. */
  async rotate(caller: Caller): Promise<FeedTokenView> {
    const userId = this.userId(caller);
    const token = randomBytes(24).toString('base64url');
    return this.dataSource.transaction(async (manager) => {
      const [row]: { created_at: Date }[] = await manager.query(
        `INSERT INTO feed_token (user_id, token, display_name, assignments, created_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, display_name = EXCLUDED.display_name, assignments = EXCLUDED.assignments, created_at = now()
         RETURNING created_at`,
        [userId, token, caller.displayName?.slice(0, 64) ?? null, JSON.stringify(caller.assignments)],
      );
      // the token itself never goes into the audit log
      const districtId = caller.assignments.find((a) => a.districtId !== '*')?.districtId ?? '00000000-0000-0000-0000-000000000000';
      await this.audit.record(manager, caller, { districtId, action: 'feed_token.rotated', entityType: 'feed_token', entityId: userId, after: { createdAt: iso(row!.created_at) } });
      return { token, feedPath: feedPath(token), createdAt: iso(row!.created_at) };
    });
  }

  /** The calendar a feed token opens, scoped to what its user may see; an unknown token is 404. */
  async feed(request: CalendarFeedRequest, now = new Date()): Promise<CalendarFeedView> {
    const token = request.token.replace(/\.ics$/, '');
    const row = await this.dataSource.getRepository(FeedTokenEntity).findOne({ where: { token } });
    if (!row) throw new NotFoundError('Calendar feed');
    const scope = new AccessScope({ kind: 'user', id: row.userId, displayName: row.displayName ?? undefined, assignments: row.assignments, requestId: randomUUID() });
    const from = new Date(now.getTime() - PAST_DAYS * DAY_MS);
    const to = new Date(now.getTime() + FUTURE_DAYS * DAY_MS);
    const rows = await this.activities.rowsInRange(scope, from, to, { allianceId: request.allianceId });
    if (request.allianceId && !rows.length && !(await this.allianceVisible(scope, request.allianceId))) throw new NotFoundError('Calendar feed');
    const name = request.allianceId ? `${rows[0]?.alliance_name ?? '联盟'} · 联盟活动` : `${row.displayName ?? ''} 的联盟活动`.trim();
    return { ics: buildCalendar(rows, name, await this.activities.cancelledStarts(rows.filter((r) => r.recurrence).map((r) => r.id))) };
  }

  private async allianceVisible(scope: AccessScope, allianceId: string): Promise<boolean> {
    const p = new SqlParams();
    const idParam = p.add(allianceId);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM directory_alliance a WHERE a.id = ${idParam} AND ${visibleSql(scope, 'a', p, 'id')}`, p.values);
    return rows.length > 0;
  }

  private userId(caller: Caller): string {
    if (caller.kind !== 'user') throw ForbiddenError.of('activities.calendar.users-only');
    return caller.id;
  }
}

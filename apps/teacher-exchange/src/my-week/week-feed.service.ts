import type { Caller, RoleAssignment, WeekFeedRequest, WeekFeedTokenView, WeekFeedView } from '@jiaolian/contracts';
import { AuditWriter, NotFoundError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { iso } from '../common/access.js';
import { MyWeekService } from './my-week.service.js';
import { buildWeekCalendar } from './week-ics.js';

export const WEEK_FEED_PATH_PREFIX = '/api/v1/me/week/feeds/';
/** The feed covers four weeks back and twelve ahead: what a phone calendar shows without growing large. */
const WEEKS_BACK = 4;
const WEEKS = 17;

const feedPath = (token: string): string => `${WEEK_FEED_PATH_PREFIX}${token}.ics`;
const UNKNOWN_DISTRICT = '00000000-0000-0000-0000-000000000000';

interface TokenRow { user_id: string; token: string; display_name: string | null; assignments: RoleAssignment[]; teacher_id: string | null; created_at: Date }

/** Personal week feed tokens and the calendars they open. */
@Injectable()
export class WeekFeedService {
  constructor(private readonly dataSource: DataSource, private readonly week: MyWeekService, private readonly audit: AuditWriter) {}

  /** The caller's token; looking at it also refreshes the identity the feed acts as to the caller's current one. */
  async token(caller: Caller): Promise<WeekFeedTokenView> {
    const user = this.week.user(caller);
    const teacherId = await this.week.teacherOf(user);
    // TypeORM answers an UPDATE on PostgreSQL as [rows, affected]
    const [rows]: [TokenRow[], number] = await this.dataSource.query(
      `UPDATE week_feed_token SET assignments = $2, display_name = $3, teacher_id = COALESCE($4, teacher_id) WHERE user_id = $1 RETURNING token, created_at`,
      [user.id, JSON.stringify(user.assignments), user.displayName?.slice(0, 64) ?? null, teacherId ?? null],
    );
    const row = rows[0];
    return row ? { token: row.token, feedPath: feedPath(row.token), createdAt: iso(row.created_at) } : { token: null, feedPath: null, createdAt: null };
  }

  /** Creates the caller's feed token or replaces it: the old URL stops working at once. */
  async rotate(caller: Caller): Promise<WeekFeedTokenView> {
    const user = this.week.user(caller);
    const teacherId = await this.week.teacherOf(user);
    const token = randomBytes(24).toString('base64url');
    return this.dataSource.transaction(async (manager) => {
      const [row]: TokenRow[] = await manager.query(
        `INSERT INTO week_feed_token (user_id, token, display_name, assignments, teacher_id, created_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, display_name = EXCLUDED.display_name, assignments = EXCLUDED.assignments,
           teacher_id = COALESCE(EXCLUDED.teacher_id, week_feed_token.teacher_id), created_at = now()
         RETURNING created_at`,
        [user.id, token, user.displayName?.slice(0, 64) ?? null, JSON.stringify(user.assignments), teacherId ?? null],
      );
      // the token itself never goes into the audit log
      const districtId = user.assignments.find((a) => a.districtId !== '*')?.districtId ?? UNKNOWN_DISTRICT;
      await this.audit.record(manager, caller, { districtId, action: 'week_feed_token.rotated', entityType: 'week_feed_token', entityId: user.id, after: { createdAt: iso(row!.created_at) } });
      return { token, feedPath: feedPath(token), createdAt: iso(row!.created_at) };
    });
  }

  /** The calendar a feed token opens: the user's entries from four weeks back to twelve ahead; an unknown token is 404. */
  async feed(request: WeekFeedRequest, now = new Date()): Promise<WeekFeedView> {
    const token = request.token.replace(/\.ics$/, '');
    const [row]: TokenRow[] = await this.dataSource.query('SELECT * FROM week_feed_token WHERE token = $1', [token]);
    if (!row) throw new NotFoundError('Calendar feed');
    const caller = { kind: 'user' as const, id: row.user_id, displayName: row.display_name ?? undefined, assignments: row.assignments, requestId: randomUUID() };
    const { entries } = await this.week.collect({ caller, teacherId: row.teacher_id, ...MyWeekService.span(WEEKS_BACK, WEEKS, now) });
    return { ics: buildWeekCalendar(entries, `${row.display_name ?? ''} 的一周`.trim()) };
  }
}

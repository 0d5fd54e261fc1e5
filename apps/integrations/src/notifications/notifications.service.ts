import {
  DEFAULT_LOCALE, NOTIFICATION_KINDS, renderNotification, type ListNotificationsRequest, type MarkedReadView, type NotificationKind,
  type NotificationPreferencesDto, type NotificationPreferencesView, type NotificationView, type Page, type UnreadCountView,
} from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, NotFoundError, pageWindow, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadNotificationsConfig } from './notifications.config.js';

interface NotificationRow {
  id: string; kind: NotificationKind; params: Record<string, string | number>; link: string | null; created_at: Date; read_at: Date | null; total?: string;
}

/** A person's own notifications: only ever the caller's rows, so another's id answers 404 like a missing one. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  private userOf(scope: AccessScope): string {
    if (scope.caller.kind !== 'user') throw ForbiddenError.of('notifications.users-only');
    return scope.caller.id;
  }

  async list(scope: AccessScope, query: ListNotificationsRequest): Promise<Page<NotificationView>> {
    const userId = this.userOf(scope);
    const window = pageWindow(query);
    const params: unknown[] = [userId];
    const where = ['recipient_id = $1'];
    if (query.unread) where.push('read_at IS NULL');
    if (query.kind) where.push(`kind = $${params.push(query.kind)}`);
    const direction = query.sort === 'createdAt' ? 'ASC' : 'DESC';
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT id, kind, params, link, created_at, read_at, count(*) OVER () AS total FROM notification WHERE ${where.join(' AND ')}
        ORDER BY created_at ${direction}, id ${direction} LIMIT $${params.push(window.pageSize)} OFFSET $${params.push(window.offset)}`,
      params,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notification WHERE ${where.join(' AND ')}`, params.slice(0, -2));
      total = count.total;
    }
    const locale = query.locale ?? DEFAULT_LOCALE;
    return toPage(rows.map((r) => ({
      id: r.id, kind: r.kind, ...renderNotification(r.kind, r.params, locale), params: r.params, link: r.link,
      createdAt: r.created_at.toISOString(), readAt: r.read_at ? r.read_at.toISOString() : null,
    })), total, window);
  }

  async unreadCount(scope: AccessScope): Promise<UnreadCountView> {
    const userId = this.userOf(scope);
    const [{ unread }] = await this.dataSource.query('SELECT count(*)::int AS unread FROM notification WHERE recipient_id = $1 AND read_at IS NULL', [userId]);
    return { unread };
  }

  async markRead(scope: AccessScope, id: string): Promise<MarkedReadView> {
    const userId = this.userOf(scope);
    const [found] = await this.dataSource.query('SELECT read_at FROM notification WHERE id = $1 AND recipient_id = $2', [id, userId]);
    if (!found) throw new NotFoundError('notification', id);
    const marked: unknown[] = await this.dataSource.query(
      'UPDATE notification SET read_at = now() WHERE id = $1 AND recipient_id = $2 AND read_at IS NULL RETURNING id', [id, userId],
    ).then(rowsOf);
    return { marked: marked.length, ...await this.unreadCount(scope) };
  }

  async markAllRead(scope: AccessScope): Promise<MarkedReadView> {
    const userId = this.userOf(scope);
    const marked: unknown[] = await this.dataSource.query(
      'UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING id', [userId],
    ).then(rowsOf);
    return { marked: marked.length, unread: 0 };
  }

  async preferences(scope: AccessScope): Promise<NotificationPreferencesView> {
    const userId = this.userOf(scope);
    const [row] = await this.dataSource.query('SELECT muted_kinds, email FROM notification_preference WHERE user_id = $1', [userId]);
    return this.preferencesView(row);
  }

  async setPreferences(scope: AccessScope, dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    const userId = this.userOf(scope);
    const muted = NOTIFICATION_KINDS.filter((k) => dto.mutedKinds.includes(k));
    const [row] = await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, muted_kinds, email) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET muted_kinds = EXCLUDED.muted_kinds, email = EXCLUDED.email, updated_at = now()
       RETURNING muted_kinds, email`,
      [userId, muted, dto.email],
    );
    return this.preferencesView(row);
  }

  private preferencesView(row: { muted_kinds: NotificationKind[]; email: boolean } | undefined): NotificationPreferencesView {
    return { mutedKinds: row?.muted_kinds ?? [], email: row?.email ?? false, emailAvailable: Boolean(loadNotificationsConfig().smtpUrl) };
  }
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected]. */
export function rowsOf<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

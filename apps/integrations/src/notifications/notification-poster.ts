import { renderNotification, type MessageParams, type NotificationKind } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import { loadNotificationsConfig } from './notifications.config.js';

export interface NotificationRecipient {
  userId: string;
  /** the user's e-mail address, when known: used only if they asked for e-mail and SMTP is configured */
  email?: string | null;
}

export interface NewNotification {
  districtId: string;
  kind: NotificationKind;
  /** the values of the kind's title and body templates (NOTIFICATION_TEMPLATES) */
  params: MessageParams;
  /** path of the object in the console, e.g. `/teacher-exchange/placements` */
  link: string | null;
  recipients: NotificationRecipient[];
  /** the schools and alliances it concerns: their robots get it when their settings ask for this kind */
  concerns?: { schoolIds?: string[]; allianceIds?: string[] };
  /** the domain event it comes from, if any */
  sourceEventId?: string;
}

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PostedNotification {
  notificationIds: string[];
  robotMessages: number;
  emails: number;
}

/**
 * Posts a notification in the caller's transaction: one row per recipient who has not muted the kind,
 * an e-mail for those who asked for e-mail (where SMTP is configured), and a Chinese message to every
 * enabled robot of the schools and alliances concerned whose settings include the kind. Robot posts
 * and e-mails are written to `outbound_message` and sent after commit with retries, so a rolled-back
 * change sends nothing and a process that dies loses nothing.
 *
 * Other parts of the service (webhooks: "endpoint paused") call this too.
 */
export async function postNotification(manager: EntityManager, input: NewNotification): Promise<PostedNotification> {
  const config = loadNotificationsConfig();
  const byUser = new Map<string, NotificationRecipient>();
  // people only: an object made by a seeder or a service (a system caller's id) has nobody to tell
  for (const r of input.recipients) if (USER_ID.test(r.userId) && (!byUser.has(r.userId) || r.email)) byUser.set(r.userId, r);
  const userIds = [...byUser.keys()];
  const preferences: { user_id: string; muted_kinds: string[]; email: boolean }[] = userIds.length
    ? await manager.query('SELECT user_id, muted_kinds, email FROM notification_preference WHERE user_id = ANY($1::uuid[])', [userIds])
    : [];
  const prefOf = new Map(preferences.map((p) => [p.user_id, p]));
  const zh = renderNotification(input.kind, input.params, 'zh-CN');
  const absoluteLink = input.link ? `${config.consoleUrl}${input.link}` : null;

  const notificationIds: string[] = [];
  let emails = 0;
  for (const [userId, recipient] of byUser) {
    const pref = prefOf.get(userId);
    if (pref?.muted_kinds.includes(input.kind)) continue;
    const [{ id }] = await manager.query(
      `INSERT INTO notification (district_id, recipient_id, kind, params, link, source_event_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.districtId, userId, input.kind, JSON.stringify(input.params), input.link, input.sourceEventId ?? null],
    );
    notificationIds.push(id as string);
    if (config.smtpUrl && pref?.email && recipient.email) {
      await manager.query(
        `INSERT INTO outbound_message (channel, email_to, notification_id, title, body, link, status) VALUES ('email', $1, $2, $3, $4, $5, 'pending')`,
        [recipient.email, id, zh.title.slice(0, 300), zh.body, absoluteLink],
      );
      emails += 1;
    }
  }

  const ownerIds = [...(input.concerns?.schoolIds ?? []), ...(input.concerns?.allianceIds ?? [])];
  let robotMessages = 0;
  if (ownerIds.length) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO outbound_message (channel, robot_id, title, body, link, status)
       SELECT r.channel, r.id, $3, $4, $5, 'pending' FROM notification_robot r
        WHERE r.district_id = $1 AND r.owner_id = ANY($2::uuid[]) AND r.enabled AND $6 = ANY(r.kinds)
       RETURNING id`,
      [input.districtId, [...new Set(ownerIds)], zh.title.slice(0, 300), zh.body, absoluteLink, input.kind],
    );
    robotMessages = inserted.length;
  }
  return { notificationIds, robotMessages, emails };
}

import { ActivitiesSubjects, type ActionItemView, type Page } from '@jiaolian/contracts';
import { BusClient, KIT_LOGGER } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { adminsOf } from './notification-events.js';
import { ReminderPass } from './reminder-pass.js';
import { postNotification, type NewNotification } from './notification-poster.js';

/** An open action item this many days (Asia/Shanghai) before it is due counts as due soon. */
export const DUE_SOON_DAYS = 2;
const PAGE_SIZE = 200;

const shanghaiDay = (at: Date, plusDays = 0): string => new Date(at.getTime() + 8 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Reminders of action items (待办事项) due soon and overdue. The activities service's events carry no
 * due dates, so this asks it over NATS (as this service) every hour for open items due within two
 * days and for overdue ones, and reminds each item's owner (or its school's admins) once per item and
 * state: the reminder's key and the notification commit together, so replicas never remind twice.
 */
@Injectable()
export class ActionItemReminders extends ReminderPass {
  constructor(dataSource: DataSource, bus: BusClient, @Inject(KIT_LOGGER) logger: Logger) {
    super(dataSource, bus, logger, 'action item reminders');
  }

  protected async pass(now: Date): Promise<number> {
    let sent = 0;
    const dueBy = shanghaiDay(now, DUE_SOON_DAYS);
    for (const status of ['open', 'overdue'] as const) {
      // open items come by due date: past the due-soon horizon, the rest are not due soon either
      pages: for (let page = 1; ; page += 1) {
        const items = await this.ask(status, page);
        for (const item of items.items) {
          if (status === 'open' && item.dueOn > dueBy) break pages;
          if (await this.remind(item, status === 'open' ? 'action-item.due-soon' : 'action-item.overdue')) sent += 1;
        }
        if (page * PAGE_SIZE >= items.total || !items.items.length) break;
      }
    }
    return sent;
  }

  private async ask(status: 'open' | 'overdue', page: number): Promise<Page<ActionItemView>> {
    const callerToken = await this.tokens.signSystem('integrations-reminders', 60);
    return this.bus.request<Page<ActionItemView>>(ActivitiesSubjects.actionItemList, { status, page, pageSize: PAGE_SIZE, sort: 'dueOn' }, { callerToken });
  }

  private async remind(item: ActionItemView, kind: 'action-item.due-soon' | 'action-item.overdue'): Promise<boolean> {
    const [alliance] = await this.dataSource.query('SELECT district_id FROM directory_alliance WHERE id = $1', [item.alliance.id]);
    if (!alliance) return false;
    const districtId = alliance.district_id as string;
    const recipients: NewNotification['recipients'] = item.ownerUserId
      ? [{ userId: item.ownerUserId }]
      : item.ownerSchool ? (await adminsOf(this.lookups, districtId, 'school_admin', [item.ownerSchool.id])).map((h) => ({ userId: h.userId, email: h.email })) : [];
    if (!recipients.length) return false;
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        'INSERT INTO notification_reminder (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [`${kind}:${item.id}`],
      );
      if (!fresh.length) return false;
      await postNotification(manager, {
        districtId, kind, link: '/activities/action-items', recipients,
        params: { title: item.title, activityName: item.activity.name, allianceName: item.alliance.name, dueOn: item.dueOn, ownerName: item.ownerName },
        concerns: { schoolIds: item.ownerSchool ? [item.ownerSchool.id] : [], allianceIds: [item.alliance.id] },
      });
      return true;
    });
  }
}

import { MembershipSubjects, type ProfileRoundDueView } from '@jiaolian/contracts';
import { BusClient, KIT_LOGGER } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReminderPass } from './reminder-pass.js';
import { postNotification, type NewNotification } from './notification-poster.js';

/** School admins are reminded 3 days and again 1 day before a profile round's deadline. */
export const PROFILE_ROUND_REMINDER_DAYS = [3, 1] as const;

const shanghai = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Deadline reminders of the school profile survey (学校画像调研). Membership's events say when a round
 * opens, not who is still to answer as the deadline nears, so this asks membership over NATS (as this
 * service) every hour for the open rounds due within 3 days and their schools without a profile, and
 * reminds each such school's admins once at 3 days and once at 1 day: the reminder's key and the
 * notification commit together, so replicas never remind twice.
 */
@Injectable()
export class ProfileRoundReminders extends ReminderPass {
  constructor(dataSource: DataSource, bus: BusClient, @Inject(KIT_LOGGER) logger: Logger) {
    super(dataSource, bus, logger, 'profile round reminders');
  }

  protected async pass(now: Date): Promise<number> {
    const callerToken = await this.tokens.signSystem('integrations-reminders', 60);
    const rounds = await this.bus.request<ProfileRoundDueView[]>(MembershipSubjects.profileRoundsDue, { withinDays: PROFILE_ROUND_REMINDER_DAYS[0] }, { callerToken });
    let sent = 0;
    for (const round of rounds) {
      const daysLeft = (Date.parse(round.deadline) - now.getTime()) / 86_400_000;
      if (daysLeft <= 0) continue;
      // the nearest threshold reached: a round opened 2 days before its deadline gets the 3-day reminder once, then the 1-day one
      const threshold = [...PROFILE_ROUND_REMINDER_DAYS].reverse().find((days) => daysLeft <= days);
      if (threshold === undefined || !round.pendingSchools.length) continue;
      const holders = await this.lookups.holders(round.districtId, ['school_admin'], { schoolIds: round.pendingSchools.map((s) => s.id) });
      for (const school of round.pendingSchools) {
        const recipients = holders.filter((h) => h.schoolId === school.id).map((h) => ({ userId: h.userId, email: h.email }));
        if (recipients.length && await this.remind(round, school, threshold, recipients)) sent += 1;
      }
    }
    return sent;
  }

  private remind(round: ProfileRoundDueView, school: { id: string; name: string }, threshold: number, recipients: NewNotification['recipients']): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        'INSERT INTO notification_reminder (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [`profile-round.deadline:${round.roundId}:${school.id}:${threshold}d`],
      );
      if (!fresh.length) return false;
      await postNotification(manager, {
        districtId: round.districtId, kind: 'profile-round.deadline', link: `/profiles/rounds/${round.roundId}`, recipients,
        params: { schoolName: school.name, term: round.term, deadline: shanghai(round.deadline) },
        concerns: { schoolIds: [school.id], allianceIds: [] },
      });
      return true;
    });
  }
}

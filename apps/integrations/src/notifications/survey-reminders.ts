import { AssessmentSubjects, type RoleHolderView, type SurveyDeadlineView } from '@jiaolian/contracts';
import { BusClient, KIT_LOGGER } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CONSOLE_LINKS } from './notification-events.js';
import { ReminderPass } from './reminder-pass.js';
import { postNotification, type NewNotification } from './notification-poster.js';

/**
 * Hours before a survey closes at which those who have not answered are reminded: three days ahead
 * leaves a school a weekend and a weekday to chase parents' answers; one day ahead is the last call.
 * A pass that finds a survey inside several stages (the service was down) sends the latest one only.
 */
export const SURVEY_REMINDER_HOURS = [72, 24] as const;
/** A closed survey's owner is told within this many days of the close; older news is left alone. */
export const SURVEY_CLOSED_LOOKBACK_DAYS = 7;
/** The role-holders query takes at most this many schools at once. */
const SCHOOLS_PER_QUERY = 500;

const HOUR = 3_600_000;
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const shanghaiTime = (iso: string): string => SHANGHAI.format(new Date(iso));

/** The reminder stage a survey is in at `now` (hours before closing), or undefined when none is due. */
export function reminderStage(survey: Pick<SurveyDeadlineView, 'status' | 'opensAt' | 'closesAt'>, now: Date): number | undefined {
  const left = Date.parse(survey.closesAt) - now.getTime();
  if (survey.status !== 'open' || Date.parse(survey.opensAt) > now.getTime() || left <= 0) return undefined;
  return [...SURVEY_REMINDER_HOURS].sort((a, b) => a - b).find((hours) => left <= hours * HOUR);
}

/** One notification the pass may send, under the key that makes it go out once. */
interface Reminder {
  key: string;
  notification: NewNotification;
}

/**
 * Survey deadlines (问卷截止). Assessment's events say nothing when time passes, and who has answered
 * changes up to the last minute, so this asks assessment over NATS (as this service) in the hourly
 * reminder pass for the surveys that close within three days or closed within a week, then:
 * - teachers of the covered schools who have not answered a survey that asks teachers, 72 and 24 hours before it closes;
 * - the admins of each covered school, when parents or students answer through links the school hands out,
 *   with their school's response count so far (and the school's robots);
 * - the survey's owner once it has closed, with its response count.
 * Each reminder's key commits with its notifications, so a pass run twice, by two replicas or after a
 * restart sends it once; a pass missed while the service was down is made up by the next one.
 */
@Injectable()
export class SurveyReminders extends ReminderPass {
  constructor(dataSource: DataSource, bus: BusClient, @Inject(KIT_LOGGER) logger: Logger) {
    super(dataSource, bus, logger, 'survey reminders');
  }

  protected async pass(now: Date): Promise<number> {
    const callerToken = await this.tokens.signSystem('integrations-reminders', 60);
    const surveys = await this.bus.request<SurveyDeadlineView[]>(AssessmentSubjects.surveyDeadlines, {
      from: new Date(now.getTime() - SURVEY_CLOSED_LOOKBACK_DAYS * 24 * HOUR).toISOString(),
      to: new Date(now.getTime() + Math.max(...SURVEY_REMINDER_HOURS) * HOUR).toISOString(),
    }, { callerToken });
    let sent = 0;
    for (const survey of surveys) {
      for (const reminder of await this.remindersOf(survey, now)) if (await this.send(reminder)) sent += 1;
    }
    return sent;
  }

  private async remindersOf(survey: SurveyDeadlineView, now: Date): Promise<Reminder[]> {
    const base = { districtId: survey.districtId, params: { title: survey.title, closesAt: shanghaiTime(survey.closesAt) } };
    if (Date.parse(survey.closedAt) <= now.getTime()) {
      return [{
        key: `survey.closed:${survey.id}`,
        notification: {
          ...base, kind: 'survey.closed', link: CONSOLE_LINKS.survey(survey.id), recipients: [{ userId: survey.ownerId }],
          params: { ...base.params, closedAt: shanghaiTime(survey.closedAt), responses: survey.responseCount },
          concerns: survey.level === 'alliance' && survey.allianceId ? { allianceIds: [survey.allianceId] } : survey.level === 'school' && survey.schoolId ? { schoolIds: [survey.schoolId] } : {},
        },
      }];
    }
    const stage = reminderStage(survey, now);
    if (stage === undefined) return [];
    const reminders: Reminder[] = [];
    const schoolIds = survey.schools.map((s) => s.id);
    if (survey.audiences.includes('teachers')) {
      const answered = new Set(survey.answeredAccountIds);
      const teachers = (await this.holders(survey.districtId, 'teacher', schoolIds)).filter((t) => !answered.has(t.userId));
      if (teachers.length) {
        reminders.push({
          key: `survey.answer-due:${survey.id}:${stage}h`,
          notification: { ...base, kind: 'survey.answer-due', link: CONSOLE_LINKS.surveyAnswer(survey.id), recipients: teachers.map((t) => ({ userId: t.userId, email: t.email })) },
        });
      }
    }
    if (survey.audiences.some((a) => a !== 'teachers')) {
      const admins = await this.holders(survey.districtId, 'school_admin', schoolIds);
      for (const school of survey.schools) {
        reminders.push({
          key: `survey.closing-soon:${survey.id}:${stage}h:${school.id}`,
          notification: {
            ...base, kind: 'survey.closing-soon', link: CONSOLE_LINKS.survey(survey.id), params: { ...base.params, schoolName: school.name, responses: school.responses },
            recipients: admins.filter((a) => a.schoolId === school.id).map((a) => ({ userId: a.userId, email: a.email })), concerns: { schoolIds: [school.id] },
          },
        });
      }
    }
    return reminders;
  }

  private async holders(districtId: string, role: 'teacher' | 'school_admin', schoolIds: string[]): Promise<RoleHolderView[]> {
    const found: RoleHolderView[] = [];
    for (let at = 0; at < schoolIds.length; at += SCHOOLS_PER_QUERY) {
      found.push(...await this.lookups.holders(districtId, [role], { schoolIds: schoolIds.slice(at, at + SCHOOLS_PER_QUERY) }));
    }
    return found;
  }

  /** Sends a reminder unless its key is taken: the key and the notifications commit together. */
  private async send(reminder: Reminder): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query('INSERT INTO notification_reminder (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [reminder.key]);
      if (!fresh.length) return false;
      const posted = await postNotification(manager, reminder.notification);
      return posted.notificationIds.length + posted.robotMessages > 0;
    });
  }
}

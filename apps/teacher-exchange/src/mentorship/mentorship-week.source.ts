import type { WeekEntryView } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { localInstant } from '../my-week/my-week.rules.js';
import type { WeekContext, WeekSource } from '../my-week/week-sources.js';
import { MentorshipService } from './mentorship.service.js';

/** A mentorship lesson has a start time only; in the week it lasts one class period. */
const LESSON_MINUTES = 45;
const KIND_TITLES = { demo: '示范课', report: '汇报课' } as const;

/**
 * Mentorship lessons (示范课, 汇报课) the linked roster teacher gives or attends in the week, seen with
 * the caller's own scope: a pair the caller may not see adds nothing.
 */
@Injectable()
export class MentorshipWeekSource implements WeekSource {
  readonly kind = 'mentorship' as const;

  constructor(private readonly mentorships: MentorshipService) {}

  async entries(context: WeekContext): Promise<WeekEntryView[]> {
    if (context.teacherId === undefined) throw new Error('which roster teacher the account belongs to is unknown (membership did not answer)');
    if (context.teacherId === null) return [];
    const scope = new AccessScope({ ...context.caller, requestId: context.caller.requestId ?? randomUUID() });
    const lessons = await this.mentorships.lessonsOfTeacher(scope, { teacherId: context.teacherId, from: context.firstDay, to: context.lastDay });
    return lessons.map((l) => {
      const startsAt = localInstant(l.on, l.startsAt);
      return {
        kind: this.kind, id: `${l.mentorshipId}:${l.on}:${l.kind}`, refId: l.mentorshipId,
        title: `${KIND_TITLES[l.kind]} · ${l.mentorName} — ${l.apprenticeName}`,
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + LESSON_MINUTES * 60_000).toISOString(),
        place: l.place, detail: l.done ? 'done' : null,
      };
    });
  }
}

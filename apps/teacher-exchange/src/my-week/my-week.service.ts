import { MembershipSubjects, type Caller, type MeView, type MyWeekView, type WeekEntryView, type WeekSourceView } from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, ForbiddenError } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { addDays, inStartOrder, localToday, weekOf, WEEK_TIME_ZONE } from './my-week.rules.js';
import { SOURCE_TIMEOUT_MS, WEEK_SOURCES, type WeekContext, type WeekSource } from './week-sources.js';

type TokenCaller = WeekContext['caller'];

/**
 * A teacher's week, composed from every source at once: lessons from the timetable here, the rest
 * from the services that own them, each asked as the teacher. Which roster teacher the user is comes
 * from membership (the account's link); without one, there are no lessons to show.
 */
@Injectable()
export class MyWeekService {
  constructor(
    @Inject(WEEK_SOURCES) private readonly sources: WeekSource[],
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
  ) {}

  async week(scope: AccessScope, from?: string, now = new Date()): Promise<MyWeekView> {
    const caller = this.user(scope.caller);
    const week = weekOf(from ?? localToday(now));
    const teacherId = await this.teacherOf(caller);
    const { entries, sources } = await this.collect({ caller, teacherId, from: week.fromInstant, to: week.toInstant, firstDay: week.monday, lastDay: week.sunday });
    return { from: week.monday, to: week.sunday, timeZone: WEEK_TIME_ZONE, teacherId: teacherId ?? null, entries, sources };
  }

  /** Entries of [firstDay, lastDay] from every source (the feed asks for several weeks at once). */
  async collect(context: WeekContext): Promise<{ entries: WeekEntryView[]; sources: WeekSourceView[] }> {
    const answers = await Promise.allSettled(this.sources.map((source) => source.entries(context)));
    const entries: WeekEntryView[] = [];
    const sources = this.sources.map((source, i): WeekSourceView => {
      const answer = answers[i]!;
      if (answer.status === 'fulfilled') entries.push(...answer.value);
      return { kind: source.kind, available: answer.status === 'fulfilled' };
    });
    return { entries: inStartOrder(entries), sources };
  }

  /** The roster teacher linked to the user's account: null without a link, undefined when membership did not answer. */
  async teacherOf(caller: TokenCaller): Promise<string | null | undefined> {
    const { requestId, ...identity } = caller;
    const callerToken = await this.tokens.sign(identity, 60);
    try {
      const me = await this.bus.request<MeView>(MembershipSubjects.authMe, {}, { callerToken, requestId, timeoutMs: SOURCE_TIMEOUT_MS });
      return me.teacherId ?? null;
    } catch {
      return undefined;
    }
  }

  /** Only a user has a week. */
  user(caller: Caller | TokenCaller): TokenCaller {
    if (caller.kind !== 'user') throw ForbiddenError.of('exchange.my-week.users-only');
    return caller;
  }

  /** The local days and instants of `weeks` weeks starting `weeksBack` weeks before this one (for the feed). */
  static span(weeksBack: number, weeks: number, now = new Date()): Pick<WeekContext, 'from' | 'to' | 'firstDay' | 'lastDay'> {
    const first = weekOf(addDays(localToday(now), -7 * weeksBack));
    const last = weekOf(addDays(first.monday, 7 * (weeks - 1)));
    return { from: first.fromInstant, to: last.toInstant, firstDay: first.monday, lastDay: last.sunday };
  }
}

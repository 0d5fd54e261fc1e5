import { evaluateTimetable, toMinutes, travelMinutes, type Evaluation, type LessonAssignment, type TimetableInput } from './timetable.model.js';

interface Placed { schoolId: string; begin: number; end: number }

/**
 * The greedy baseline the benchmark compares the model with: how a careful person fills a timetable by
 * hand. Lessons with the fewest possible places go first; each lesson takes the eligible teacher and each
 * of its periods the free place that adds the least travel and idle time to that teacher's day, given what
 * is placed already. It never moves a placed lesson, so it can miss a feasible timetable (lessons it
 * cannot place are left out and show up as violations of the evaluation).
 */
export function greedyTimetable(input: TimetableInput): { assignments: LessonAssignment[]; evaluation: Evaluation } {
  const schools = new Map(input.schools.map((s) => [s.id, s]));
  const teachers = new Map(input.teachers.map((t) => [t.id, t]));
  const travel = (a: string, b: string): number | null => travelMinutes(schools.get(a)!, schools.get(b)!, input.params, input.travelOverrides);
  const days = new Map<string, Placed[]>(); // teacher/day → lessons in order
  const classBusy = new Set<string>();
  const assignments: LessonAssignment[] = [];

  const dayCost = (teacherId: string, day: Placed[]): { cost: number; travel: number } | null => {
    const home = teachers.get(teacherId)!.homeSchoolId;
    let t = 0;
    let idle = 0;
    if (home && day.length) {
      const out = travel(home, day[0]!.schoolId);
      const back = travel(day.at(-1)!.schoolId, home);
      if (out === null || back === null) return null;
      t += out + back;
    }
    for (let i = 1; i < day.length; i++) {
      const leg = travel(day[i - 1]!.schoolId, day[i]!.schoolId);
      if (leg === null || day[i - 1]!.end + leg > day[i]!.begin) return null;
      t += leg;
      idle += day[i]!.begin - day[i - 1]!.end - leg;
    }
    return { cost: t + input.params.idleWeight * idle, travel: t };
  };

  const weekdaysOf = (schoolId: string) => schools.get(schoolId)?.weekdays?.length ? schools.get(schoolId)!.weekdays! : [1, 2, 3, 4, 5];
  const eligible = (lessonId: string) => {
    const lesson = input.lessons.find((l) => l.id === lessonId)!;
    if (lesson.teacherId) return teachers.has(lesson.teacherId) ? [lesson.teacherId] : [];
    return input.teachers.filter((t) => t.subjects.includes(lesson.subject) && t.schoolIds.includes(lesson.schoolId)).map((t) => t.id);
  };
  const order = [...input.lessons].sort((a, b) => eligible(a.id).length - eligible(b.id).length || b.periodsPerWeek - a.periodsPerWeek || a.id.localeCompare(b.id));

  for (const lesson of order) {
    const school = schools.get(lesson.schoolId);
    if (!school) continue;
    const cap = Math.ceil(lesson.periodsPerWeek / weekdaysOf(school.id).length);
    let best: { teacherId: string; placed: LessonAssignment[]; cost: number } | undefined;
    for (const teacherId of eligible(lesson.id)) {
      const teacher = teachers.get(teacherId)!;
      // place on copies so that another teacher can be tried
      const trial = new Map([...days].filter(([k]) => k.startsWith(`${teacherId}/`)).map(([k, v]) => [k, [...v]]));
      const placed: LessonAssignment[] = [];
      const perDay = new Map<number, number>();
      let total = 0;
      for (let n = 0; n < lesson.periodsPerWeek; n++) {
        let pick: { weekday: number; period: number; delta: number; day: Placed[] } | undefined;
        for (const weekday of weekdaysOf(school.id)) {
          if ((perDay.get(weekday) ?? 0) >= cap) continue;
          const current = trial.get(`${teacherId}/${weekday}`) ?? [];
          const before = dayCost(teacherId, current)?.cost ?? 0;
          school.periods.forEach((period, p) => {
            if (classBusy.has(`${school.id}/${lesson.className}/${weekday}/${p}`) || placed.some((a) => a.weekday === weekday && a.period === p)) return;
            const begin = toMinutes(period.startsAt);
            const end = toMinutes(period.endsAt);
            if (teacher.unavailable.some((u) => u.weekday === weekday && toMinutes(u.startsAt) < end && begin < toMinutes(u.endsAt))) return;
            if (current.some((c) => c.begin < end && begin < c.end)) return;
            const day = [...current, { schoolId: school.id, begin, end }].sort((a, b) => a.begin - b.begin);
            const after = dayCost(teacherId, day);
            if (!after || (teacher.maxTravelMinutesPerDay !== null && after.travel > teacher.maxTravelMinutesPerDay)) return;
            const delta = after.cost - before;
            if (!pick || delta < pick.delta - 1e-9) pick = { weekday, period: p, delta, day };
          });
        }
        if (!pick) break;
        trial.set(`${teacherId}/${pick.weekday}`, pick.day);
        perDay.set(pick.weekday, (perDay.get(pick.weekday) ?? 0) + 1);
        total += pick.delta;
        const period = school.periods[pick.period]!;
        placed.push({ lessonId: lesson.id, teacherId, schoolId: school.id, weekday: pick.weekday, period: pick.period, startsAt: period.startsAt, endsAt: period.endsAt });
      }
      if (placed.length === lesson.periodsPerWeek && (!best || total < best.cost - 1e-9)) best = { teacherId, placed, cost: total };
    }
    if (!best) continue;
    for (const a of best.placed) {
      const key = `${a.teacherId}/${a.weekday}`;
      const period = school.periods[a.period]!;
      days.set(key, [...(days.get(key) ?? []), { schoolId: school.id, begin: toMinutes(period.startsAt), end: toMinutes(period.endsAt) }].sort((x, y) => x.begin - y.begin));
      classBusy.add(`${school.id}/${lesson.className}/${a.weekday}/${a.period}`);
      assignments.push(a);
    }
  }
  return { assignments, evaluation: evaluateTimetable(input, assignments) };
}

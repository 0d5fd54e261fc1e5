import {
  components, evaluateTimetable, highs, MipBuilder, solveMip, toMinutes, WEEKDAYS, World, type ComponentReport, type LessonAssignment,
  type SolveProgress, type SolveStatus, type TimetableInput, type TimetableResult,
} from './timetable.model.js';
import { buildPlainModel } from './timetable.plain.js';

/*
 * How the service solves the itinerant timetable (the day-plan model), exactly.
 *
 * 1. Day costs. A teacher's day costs travel (home → first school, between schools, back home) plus ω per
 *    idle minute between lessons, and whether it is possible (travel time between consecutive lessons by
 *    the schools' own clocks, unavailable times, the daily travel limit) depends only on which periods of
 *    which schools the teacher teaches, not on which of their lessons at a school sits in which period.
 *    So each teacher-day's periods are enumerated once (every feasible sequence in time order, depth
 *    first), keeping for each count vector m = (lessons at school s)_s its cheapest sequences:
 *    c(t,d,m) is the least cost of a day teaching m(s) lessons at each school s.
 *
 * 2. The week (one HiGHS MIP per component). A teacher's days with the same c(t,d,·) are interchangeable
 *    and form a group g of |g| days. A lesson kind κ is a teacher's lessons at one school with the same
 *    n (their own: M(κ) lessons), or one lesson several teachers may take (M = 1, one kind per teacher).
 *    A plan P of a group says how many periods of each kind one day teaches, p(P,κ) ≤ k·M(κ)
 *    (k = ⌈n / school days⌉, the spread), and costs c(t,d,m(P)).
 *      W(g,P) ∈ {0..|g|}   days of group g that teach plan P
 *      y(l,t) ∈ {0,1}      teacher t takes lesson l (lessons several teachers may take)
 *    minimise   Σ c(P)·W(g,P)
 *    subject to Σ_P W(g,P) ≤ |g|                                 a day has one plan (or is off)
 *               Σ_{g,P} p(P,κ)·W(g,P) = n·M(κ)                    a teacher's own lessons get their periods
 *               Σ_t Σ_{g,P} p(P,κ_lt)·W(g,P) = n(l),  Σ_{g,P} p(P,κ_lt)·W(g,P) ≤ n(l)·y(l,t),  Σ_t y(l,t) = 1
 *    Exact: any day counts with c(d) ≤ k·M and Σ c(d) = n·M deal round-robin to M lessons of n periods,
 *    at most k a day; so every timetable gives a solution of no greater cost and every solution gives
 *    lessons per day. Components that share no lesson share no variable and are solved apart, each to a
 *    relative gap of 0; the sum of their optima is a lower bound of the timetable problem.
 *
 * 3. Periods. Each chosen plan takes a free day of its group and that day's cheapest sequence for m, and
 *    its lessons take the sequence's periods so that no class has two lessons at once (classes may be
 *    shared between teachers: plans with the fewest sequences go first, and a taken class makes a plan try
 *    its other days, other orders of its lessons and its next cheapest sequences). When every plan keeps
 *    its cheapest sequence the timetable costs exactly the lower bound: proven optimal. Otherwise the gap
 *    between its cost and the bound is reported.
 */

interface Period { schoolId: string; period: number; begin: number; end: number }

interface DaySequence { periods: Period[]; cost: number }

interface TeacherDay {
  teacherId: string;
  weekday: number;
  schoolIds: string[];
  /** count-vector key → its cheapest sequences, cheapest first */
  options: Map<string, DaySequence[]>;
}

/** How many alternative sequences per count vector are kept for placing lessons around shared classes. */
const ALTERNATIVES = 12;
/** Depth-first steps allowed for one teacher-day; a day of 6 periods at 3 schools needs a few thousand. */
const MAX_STEPS = 2_000_000;

export const countKey = (counts: readonly number[]): string => counts.join(',');

/** Every feasible day of a teacher, grouped by how many lessons it teaches at each school. */
export function dayOptions(world: World, teacherId: string, weekday: number, maxPerSchool: Map<string, number>): TeacherDay {
  const teacher = world.teachers.get(teacherId)!;
  const schoolIds = [...maxPerSchool.keys()].sort();
  const periods: Period[] = [];
  for (const schoolId of schoolIds) {
    const school = world.schools.get(schoolId);
    if (!school || !world.weekdays(school).includes(weekday)) continue;
    school.periods.forEach((p, i) => {
      if (world.available(teacher, weekday, p)) periods.push({ schoolId, period: i, begin: toMinutes(p.startsAt), end: toMinutes(p.endsAt) });
    });
  }
  periods.sort((a, b) => a.begin - b.begin || a.end - b.end || a.schoolId.localeCompare(b.schoolId));
  const options = new Map<string, DaySequence[]>();
  const home = teacher.homeSchoolId;
  const limit = teacher.maxTravelMinutesPerDay ?? Infinity;
  const counts = schoolIds.map(() => 0);
  const maxima = schoolIds.map((s) => maxPerSchool.get(s) ?? 0);
  const path: Period[] = [];
  let steps = 0;
  const record = (travel: number, idle: number) => {
    const last = path.at(-1)!;
    const back = home ? world.tau(last.schoolId, home) : 0;
    if (back === null || travel + back > limit) return;
    const cost = travel + back + world.input.params.idleWeight * idle;
    const key = countKey(counts);
    const list = options.get(key) ?? [];
    if (list.length >= ALTERNATIVES && list.at(-1)!.cost <= cost) return;
    list.push({ periods: [...path], cost });
    list.sort((a, b) => a.cost - b.cost);
    if (list.length > ALTERNATIVES) list.pop();
    options.set(key, list);
  };
  const extend = (from: number, travel: number, idle: number) => {
    if (++steps > MAX_STEPS) throw new Error(`too many day plans for teacher ${teacherId} on day ${weekday}`);
    record(travel, idle);
    const last = path.at(-1)!;
    for (let i = from; i < periods.length; i++) {
      const next = periods[i]!;
      const s = schoolIds.indexOf(next.schoolId);
      if (counts[s]! >= maxima[s]!) continue;
      const leg = world.tau(last.schoolId, next.schoolId);
      if (leg === null || last.end + leg > next.begin || travel + leg > limit) continue;
      counts[s]!++;
      path.push(next);
      extend(i + 1, travel + leg, idle + next.begin - last.end - leg);
      path.pop();
      counts[s]!--;
    }
  };
  periods.forEach((first, i) => {
    const out = home ? world.tau(home, first.schoolId) : 0;
    if (out === null || out > limit) return;
    const s = schoolIds.indexOf(first.schoolId);
    if (maxima[s]! < 1) return;
    counts[s]!++;
    path.push(first);
    extend(i + 1, out, 0);
    path.pop();
    counts[s]!--;
  });
  return { teacherId, weekday, schoolIds, options };
}

/**
 * Lessons of one teacher at one school with the same periods a week (and no other teacher who may take
 * them) are interchangeable in the week model: a plan says how many of them it teaches, not which. Any
 * day counts c(d) ≤ k·M with Σ c(d) = n·M can be dealt to the M lessons, n periods each and at most k a
 * day, by dealing round-robin; so grouping them keeps the model exact and its plans few.
 */
interface LessonKind { teacherId: string; schoolId: string; lessons: string[]; periodsPerWeek: number; perDay: number; shared: boolean }

interface WeekModel {
  mip: MipBuilder;
  kinds: LessonKind[];
  /** W columns: a plan (lessons of each kind that day) used on `count` of a group of interchangeable days */
  plans: { col: number; days: TeacherDay[]; key: string; kinds: { kind: LessonKind; times: number }[] }[];
  feasible: boolean;
}

/** Plans of one teacher-day group above this many make the model refuse the instance rather than grow without bound. */
const MAX_PLANS_PER_GROUP = 50_000;

/** Step 2: the week's MIP over the day plans of one component. */
export function buildWeekModel(input: TimetableInput, teacherIds: readonly string[], lessonIds: readonly string[]): WeekModel {
  const world = new World(input);
  const mip = new MipBuilder();
  const lessons = lessonIds.map((id) => world.lessons.get(id)!);
  const teacherSet = new Set(teacherIds);
  const days = [...new Set([...WEEKDAYS, ...input.schools.flatMap((s) => s.weekdays ?? [])])].sort((a, b) => a - b);
  const eligible = new Map(lessons.map((l) => [l.id, world.eligible(l).filter((t) => teacherSet.has(t))]));
  const kinds: LessonKind[] = [];
  const plans: WeekModel['plans'] = [];
  const uses = new Map<LessonKind, [number, number][]>(); // kind → (W column, periods a use teaches)
  const signature = (day: TeacherDay) => [...day.options].map(([key, seqs]) => `${key}:${seqs[0]!.cost}`).sort().join(';');

  for (const teacherId of teacherIds) {
    const mine = lessons.filter((l) => eligible.get(l.id)!.includes(teacherId));
    const maxPerSchool = new Map<string, number>();
    for (const l of mine) maxPerSchool.set(l.schoolId, (maxPerSchool.get(l.schoolId) ?? 0) + world.perDay(l));
    const own = new Map<string, LessonKind>();
    const myKinds: LessonKind[] = [];
    for (const l of mine) {
      const shared = eligible.get(l.id)!.length > 1;
      const key = `${l.schoolId}/${l.periodsPerWeek}`;
      const kind = !shared && own.get(key);
      if (kind) kind.lessons.push(l.id);
      else {
        const created: LessonKind = { teacherId, schoolId: l.schoolId, lessons: [l.id], periodsPerWeek: l.periodsPerWeek, perDay: world.perDay(l), shared };
        if (!shared) own.set(key, created);
        myKinds.push(created);
      }
    }
    kinds.push(...myKinds);
    // days with the same plans at the same costs are interchangeable: one integer W per plan and group
    const groups = new Map<string, TeacherDay[]>();
    for (const weekday of days) {
      const day = dayOptions(world, teacherId, weekday, maxPerSchool);
      if (!day.options.size) continue;
      const sig = signature(day);
      groups.set(sig, [...(groups.get(sig) ?? []), day]);
    }
    for (const group of groups.values()) {
      const rep = group[0]!;
      const open = myKinds.filter((k) => rep.schoolIds.includes(k.schoolId));
      const counts = open.map(() => 0);
      const columns: number[] = [];
      const visit = (i: number) => {
        if (i === open.length) {
          if (counts.every((c) => c === 0)) return;
          const key = countKey(rep.schoolIds.map((s) => open.reduce((sum, k, j) => sum + (k.schoolId === s ? counts[j]! : 0), 0)));
          const sequences = rep.options.get(key);
          if (!sequences) return;
          if (columns.length >= MAX_PLANS_PER_GROUP) throw new Error(`teacher ${teacherId} has more than ${MAX_PLANS_PER_GROUP} day plans`);
          const col = mip.column(sequences[0]!.cost, group.length, true);
          columns.push(col);
          const taught = open.map((kind, j) => ({ kind, times: counts[j]! })).filter((x) => x.times > 0);
          plans.push({ col, days: group, key, kinds: taught });
          for (const x of taught) uses.set(x.kind, [...(uses.get(x.kind) ?? []), [col, x.times]]);
          return;
        }
        const kind = open[i]!;
        for (let c = 0; c <= kind.perDay * kind.lessons.length; c++) {
          counts[i] = c;
          visit(i + 1);
        }
        counts[i] = 0;
      };
      visit(0);
      if (columns.length) mip.row(columns.map((c) => [c, 1]), -Infinity, group.length);
    }
  }
  let feasible = true;
  // a teacher's own lessons: all their periods, from that teacher
  for (const kind of kinds.filter((k) => !k.shared)) {
    const terms = uses.get(kind) ?? [];
    if (!terms.length) feasible = false;
    mip.row(terms, kind.periodsPerWeek * kind.lessons.length, kind.periodsPerWeek * kind.lessons.length);
  }
  // a lesson several teachers may take: all its periods, from one of them
  for (const lesson of lessons.filter((l) => eligible.get(l.id)!.length > 1)) {
    const mineOf = kinds.filter((k) => k.shared && k.lessons[0] === lesson.id);
    const all = mineOf.flatMap((k) => uses.get(k) ?? []);
    if (!all.length) feasible = false;
    mip.row(all, lesson.periodsPerWeek, lesson.periodsPerWeek);
    const ys = mineOf.map(() => mip.column(0, 1, true));
    mip.row(ys.map((c) => [c, 1]), 1, 1);
    mineOf.forEach((k, i) => {
      const terms = uses.get(k) ?? [];
      if (terms.length) mip.row([...terms, [ys[i]!, -lesson.periodsPerWeek]], -Infinity, 0);
    });
  }
  if (lessons.some((l) => eligible.get(l.id)!.length === 0)) feasible = false;
  return { mip, kinds, plans, feasible };
}

/** A plan the week model chose, to be taught on one of the interchangeable days of its group. */
interface ChosenDay { days: TeacherDay[]; key: string; lessons: { lessonId: string; schoolId: string; className: string }[] }

/**
 * Step 3: puts the lessons of each chosen plan into a day of its group and the periods of a sequence, so
 * that no class has two lessons at once: plans with the fewest sequences first, each on the free day and
 * sequence that costs least (the cheapest sequence whenever a day allows it). Returns the assignments and
 * whether every plan kept its cheapest sequence (then the timetable costs exactly the week model's objective).
 */
export function placeLessons(input: TimetableInput, chosen: readonly ChosenDay[]): { assignments: LessonAssignment[]; cheapest: boolean; unplaced: number } {
  const world = new World(input);
  const taken = new Set<string>(); // school/class/day/period
  const used = new Set<TeacherDay>();
  const assignments: LessonAssignment[] = [];
  let cheapest = true;
  let unplaced = 0;
  const order = [...chosen].sort((a, b) => (a.days[0]!.options.get(a.key)?.length ?? 0) - (b.days[0]!.options.get(b.key)?.length ?? 0)
    || b.lessons.length - a.lessons.length || a.days[0]!.teacherId.localeCompare(b.days[0]!.teacherId) || a.key.localeCompare(b.key));
  for (const c of order) {
    let best: { day: TeacherDay; cost: number; placed: LessonAssignment[] } | undefined;
    for (const day of c.days) {
      if (used.has(day)) continue;
      for (const sequence of day.options.get(c.key) ?? []) {
        if (best && sequence.cost >= best.cost - 1e-9) break;
        const placed = fit(world, day, c.lessons, sequence, taken);
        if (placed) {
          best = { day, cost: sequence.cost, placed };
          break;
        }
      }
    }
    if (!best) {
      cheapest = false;
      unplaced += c.lessons.length;
      continue;
    }
    if (best.cost > (c.days[0]!.options.get(c.key)?.[0]?.cost ?? 0) + 1e-9) cheapest = false;
    used.add(best.day);
    for (const a of best.placed) {
      taken.add(`${a.schoolId}/${world.lessons.get(a.lessonId)!.className}/${a.weekday}/${a.period}`);
      assignments.push(a);
    }
  }
  return { assignments, cheapest, unplaced };
}

/** Matches a day's lessons to the periods of one sequence (per school, by backtracking) so that no class is taken twice. */
function fit(world: World, day: TeacherDay, dayLessons: ChosenDay['lessons'], sequence: DaySequence, taken: ReadonlySet<string>): LessonAssignment[] | null {
  const result: LessonAssignment[] = [];
  for (const schoolId of new Set(dayLessons.map((l) => l.schoolId))) {
    const lessons = dayLessons.filter((l) => l.schoolId === schoolId);
    const periods = sequence.periods.filter((p) => p.schoolId === schoolId);
    if (periods.length !== lessons.length) return null;
    const used = new Set<number>();
    const assigned: number[] = [];
    const classBusy = (i: number, p: Period) => taken.has(`${schoolId}/${lessons[i]!.className}/${day.weekday}/${p.period}`);
    const search = (i: number): boolean => {
      if (i === lessons.length) return true;
      for (let j = 0; j < periods.length; j++) {
        if (used.has(j) || classBusy(i, periods[j]!)) continue;
        // two lessons of one class in one teacher's day are in different periods already
        used.add(j);
        assigned[i] = j;
        if (search(i + 1)) return true;
        used.delete(j);
      }
      return false;
    };
    if (!search(0)) return null;
    lessons.forEach((l, i) => {
      const p = periods[assigned[i]!]!;
      const bell = world.schools.get(schoolId)!.periods[p.period]!;
      result.push({ lessonId: l.lessonId, teacherId: day.teacherId, schoolId, weekday: day.weekday, period: p.period, startsAt: bell.startsAt, endsAt: bell.endsAt });
    });
  }
  return result;
}

export interface SolveOptions {
  /** one period-indexed MIP over everything instead of the day-plan model (the benchmark's plain formulation) */
  plain?: boolean;
  onProgress?: (progress: SolveProgress) => void;
}

/**
 * Solves the timetable. Each component gets a share of the time limit in proportion to its lesson-periods
 * (plus what earlier ones left over). The status is 'optimal' only when every component's week model is
 * proven optimal and every day kept its cheapest sequence; otherwise the gap against the proven bound is
 * reported.
 */
export async function solveTimetable(input: TimetableInput, options: SolveOptions = {}): Promise<TimetableResult> {
  const started = performance.now();
  const solver = await highs();
  const world = new World(input);
  const solvable = input.lessons.filter((l) => world.eligible(l).length > 0);
  const parts = options.plain
    ? [{ teacherIds: input.teachers.map((t) => t.id), lessonIds: solvable.map((l) => l.id) }]
    : components(input);
  const weight = (p: { lessonIds: string[] }) => p.lessonIds.reduce((sum, id) => sum + world.lessons.get(id)!.periodsPerWeek, 0);
  let remainingWeight = parts.reduce((sum, p) => sum + weight(p), 0);
  const deadline = started + input.params.timeLimitSeconds * 1000;
  const reports: ComponentReport[] = [];
  const assignments: LessonAssignment[] = [];
  const chosen: ChosenDay[] = [];
  let infeasible = solvable.length < input.lessons.length;
  let bound = 0;
  for (const [i, part] of parts.entries()) {
    const share = Math.max(0.2, ((deadline - performance.now()) / 1000) * (weight(part) / Math.max(1, remainingWeight)));
    remainingWeight -= weight(part);
    if (options.plain) {
      const { mip, xs, feasible } = buildPlainModel(input, part.teacherIds, part.lessonIds);
      const outcome = feasible ? solveMip(solver, mip, share) : null;
      if (!outcome || outcome.status === 'infeasible') infeasible = true;
      bound += outcome?.bound ?? 0;
      for (const x of outcome?.values ? xs.filter((c) => outcome.values![c.col]! > 0.5) : []) {
        const bell = world.schools.get(x.node.schoolId)!.periods[x.node.period]!;
        assignments.push({ lessonId: x.lessonId, teacherId: x.teacherId, schoolId: x.node.schoolId, weekday: x.weekday, period: x.node.period, startsAt: bell.startsAt, endsAt: bell.endsAt });
      }
      reports.push(report(part, mip, outcome));
    } else {
      const model = buildWeekModel(input, part.teacherIds, part.lessonIds);
      const outcome = model.feasible ? solveMip(solver, model.mip, share) : null;
      if (!outcome || outcome.status === 'infeasible') infeasible = true;
      bound += outcome?.bound ?? 0;
      if (outcome?.values) chosen.push(...chosenDays(world, model, outcome.values));
      reports.push(report(part, model.mip, outcome));
    }
    options.onProgress?.({ componentsDone: i + 1, components: parts.length, gap: reports.at(-1)!.status === 'infeasible' ? null : reports.at(-1)!.gap });
  }
  let cheapest = true;
  let unplaced = 0;
  if (!options.plain) {
    const placed = placeLessons(input, chosen);
    assignments.push(...placed.assignments);
    cheapest = placed.cheapest;
    unplaced = placed.unplaced;
  }
  assignments.sort((a, b) => a.teacherId.localeCompare(b.teacherId) || a.weekday - b.weekday || a.startsAt.localeCompare(b.startsAt));
  const evaluation = evaluateTimetable(input, assignments);
  // a component stopped before any timetable of its own: nothing is known about how far off the answer is
  const unsolved = reports.some((r) => r.objective === null);
  const complete = !unsolved && unplaced === 0 && evaluation.violations.length === 0;
  const proven = complete && cheapest && reports.every((r) => r.status === 'optimal');
  const status: SolveStatus = infeasible ? 'infeasible' : proven ? 'optimal' : complete ? 'feasible' : 'incomplete';
  const gap = status === 'optimal' ? 0 : !complete ? 1 : evaluation.objective > 0 ? Math.max(0, (evaluation.objective - bound) / evaluation.objective) : 0;
  return {
    status, gap, objective: evaluation.objective, bound, assignments, teachers: evaluation.teachers,
    travelMinutes: evaluation.travelMinutes, idleMinutes: evaluation.idleMinutes, components: reports,
    timeLimitSeconds: input.params.timeLimitSeconds, solveMs: performance.now() - started,
  };
}

function report(part: { teacherIds: string[]; lessonIds: string[] }, mip: MipBuilder, outcome: ReturnType<typeof solveMip> | null): ComponentReport {
  return {
    teachers: part.teacherIds.length, lessons: part.lessonIds.length, columns: mip.cost.length, rows: mip.rows.length,
    status: outcome?.status ?? 'infeasible', objective: outcome?.objective ?? null, gap: outcome?.gap ?? 1, solveMs: outcome?.solveMs ?? 0,
  };
}

/**
 * Each use of a chosen plan, with the lessons it teaches: the periods of a kind are dealt round-robin to its
 * lessons across the uses, so each lesson gets its periods a week and at most its share a day.
 */
function chosenDays(world: World, model: WeekModel, values: Float64Array): ChosenDay[] {
  const result: ChosenDay[] = [];
  const dealt = new Map<LessonKind, number>();
  for (const plan of model.plans) {
    for (let u = 0; u < Math.round(values[plan.col]!); u++) {
      const lessons = plan.kinds.flatMap(({ kind, times }) => Array.from({ length: times }, () => {
        const next = dealt.get(kind) ?? 0;
        dealt.set(kind, next + 1);
        const lesson = world.lessons.get(kind.lessons[next % kind.lessons.length]!)!;
        return { lessonId: lesson.id, schoolId: lesson.schoolId, className: lesson.className };
      }));
      result.push({ days: plan.days, key: plan.key, lessons });
    }
  }
  return result;
}

import highsModule from 'highs';

// the package ships ES module code under CommonJS typings: the default import is the loader itself
const loadHighs = highsModule as unknown as typeof highsModule.default;

/*
 * The itinerant timetable (走教排课): its data, its hard rules and its cost, free of I/O so that it can be
 * checked against brute force, timed on its own and run in a worker thread. The formulations that solve
 * it are in timetable.solver.ts (the day-plan model the service runs) and timetable.plain.ts (the plain
 * period-indexed model the benchmark compares it with).
 *
 * Data. Schools s with a bell schedule: periods p with clock times [b(s,p), e(s,p)), the same on each of
 * the school's weekdays (schools differ from each other). Itinerant teachers t with subjects, the host
 * schools they may teach at, a home school h(t) (or none), unavailable clock intervals per weekday and a
 * daily travel limit L(t) in minutes. Lessons l: a class at school s(l) that needs n(l) periods a week of
 * a subject; its eligible teachers teach the subject and may teach at s(l) (or the one teacher it is
 * fixed to). τ(a,b) is the travel time between schools in whole minutes: the entered override, or the
 * haversine distance × road factor at the average road speed.
 *
 * A timetable puts each lesson-period in a (teacher, weekday, period of its school). Hard rules: every
 * lesson gets n(l) periods, from one teacher, at most k(l) = ⌈n(l) / school days⌉ a day; only in its
 * school's periods and outside the teacher's unavailable time; no class has two lessons at once; a
 * teacher's consecutive lessons leave at least τ between them by the real clocks of both schools; a
 * teacher's travel of a day (home → first school, between schools, back home) stays within L(t).
 * Cost: total travel minutes + ω × idle minutes (time between consecutive lessons not spent travelling).
 * evaluateTimetable checks and measures any timetable by exactly these rules.
 */

export const TIMETABLE_DEFAULTS = { roadFactor: 1.3, speedKmh: 40, idleWeight: 0.1, timeLimitSeconds: 30 } as const;

export interface BellPeriod { startsAt: string; endsAt: string }

export interface TimetableSchool {
  id: string;
  lat: number | null;
  lng: number | null;
  /** the bell schedule: the periods of a day in order */
  periods: BellPeriod[];
  /** ISO weekdays with lessons (1 = Monday); Monday to Friday when left out */
  weekdays?: number[];
}

export interface UnavailableTime { weekday: number; startsAt: string; endsAt: string }

export interface TimetableTeacher {
  id: string;
  subjects: string[];
  /** host schools the teacher may teach at (their itinerant placements) */
  schoolIds: string[];
  /** where the day starts and ends; null: travel counts between lessons only */
  homeSchoolId: string | null;
  unavailable: UnavailableTime[];
  /** minutes of travel a day at most; null: no limit */
  maxTravelMinutesPerDay: number | null;
}

export interface TimetableLesson {
  id: string;
  schoolId: string;
  subject: string;
  className: string;
  periodsPerWeek: number;
  /** fixed to this teacher; otherwise any teacher of the subject at the school */
  teacherId?: string | null;
}

export interface TimetableParams {
  roadFactor: number;
  speedKmh: number;
  /** cost of an idle minute between two lessons, against 1 for a minute of travel */
  idleWeight: number;
  timeLimitSeconds: number;
}

export interface TimetableInput {
  schools: TimetableSchool[];
  teachers: TimetableTeacher[];
  lessons: TimetableLesson[];
  params: TimetableParams;
  /** travel minutes entered by hand, keyed by pairKey(a, b) (either order) */
  travelOverrides?: Map<string, number>;
}

export interface LessonAssignment {
  lessonId: string;
  teacherId: string;
  schoolId: string;
  weekday: number;
  /** index into the school's bell schedule */
  period: number;
  startsAt: string;
  endsAt: string;
}

export interface TeacherDayLoad { weekday: number; travelMinutes: number; idleMinutes: number; lessons: number }

export interface TeacherLoad { teacherId: string; travelMinutes: number; idleMinutes: number; days: TeacherDayLoad[] }

export type Violation =
  | { code: 'unknown-lesson' | 'not-eligible' | 'not-a-period' | 'unavailable'; lessonId: string; teacherId?: string }
  | { code: 'periods'; lessonId: string; expected: number; actual: number }
  | { code: 'one-teacher' | 'spread'; lessonId: string }
  | { code: 'class-clash'; schoolId: string; className: string; weekday: number; period: number }
  | { code: 'teacher-clash'; teacherId: string; weekday: number; lessonIds: [string, string] }
  | { code: 'travel-limit'; teacherId: string; weekday: number; travelMinutes: number; limit: number };

export interface Evaluation {
  violations: Violation[];
  teachers: TeacherLoad[];
  travelMinutes: number;
  idleMinutes: number;
  /** what the model minimises: travel + ω·idle */
  objective: number;
}

/** How one MIP ended: proven optimal, stopped by the time limit (with or without a solution), proven infeasible. */
export type ComponentStatus = 'optimal' | 'time_limit' | 'infeasible';

/**
 * How a solve ended. optimal: every lesson placed, proven optimal. feasible: every lesson placed and every
 * rule kept, with the gap to the proven bound left (the time limit, or a shared class that cost a detour).
 * incomplete: some lessons have no period (nothing found in time, or no room around a shared class), which
 * does not prove there is none. infeasible: proven that no timetable keeps every rule.
 */
export type SolveStatus = 'optimal' | 'feasible' | 'incomplete' | 'infeasible';

export interface ComponentReport {
  teachers: number;
  lessons: number;
  columns: number;
  rows: number;
  status: ComponentStatus;
  objective: number | null;
  /** relative MIP gap left (0 when proven optimal) */
  gap: number;
  solveMs: number;
}

export interface TimetableResult {
  status: SolveStatus;
  /** (cost − proven bound) / cost: 0 when proven optimal, 1 when nothing is known */
  gap: number;
  objective: number;
  /** the proven lower bound of the objective */
  bound: number;
  assignments: LessonAssignment[];
  teachers: TeacherLoad[];
  travelMinutes: number;
  idleMinutes: number;
  components: ComponentReport[];
  timeLimitSeconds: number;
  solveMs: number;
}

export interface SolveProgress { componentsDone: number; components: number; gap: number | null }

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export const toMinutes = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const EARTH_RADIUS_KM = 6371.0088;

function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Travel minutes between two schools (whole minutes): the override, or the road distance at the average
 * speed; null when neither an override nor both coordinates exist (the teacher cannot go between them
 * in one day).
 */
export function travelMinutes(a: TimetableSchool, b: TimetableSchool, params: Pick<TimetableParams, 'roadFactor' | 'speedKmh'>, overrides?: Map<string, number>): number | null {
  if (a.id === b.id) return 0;
  const entered = overrides?.get(pairKey(a.id, b.id));
  if (entered !== undefined) return entered;
  if (a.lat === null || a.lng === null || b.lat === null || b.lng === null) return null;
  return Math.ceil((haversineKm({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) * params.roadFactor / params.speedKmh) * 60);
}

export const WEEKDAYS = [1, 2, 3, 4, 5];

/** The shared facts of an instance: schools by id, travel, which teacher may take which lesson. */
export class World {
  readonly schools: Map<string, TimetableSchool>;
  readonly teachers: Map<string, TimetableTeacher>;
  readonly lessons: Map<string, TimetableLesson>;
  private readonly travel = new Map<string, number | null>();

  constructor(readonly input: TimetableInput) {
    this.schools = new Map(input.schools.map((s) => [s.id, s]));
    this.teachers = new Map(input.teachers.map((t) => [t.id, t]));
    this.lessons = new Map(input.lessons.map((l) => [l.id, l]));
  }

  tau(a: string, b: string): number | null {
    if (a === b) return 0;
    const key = pairKey(a, b);
    if (!this.travel.has(key)) {
      const sa = this.schools.get(a);
      const sb = this.schools.get(b);
      this.travel.set(key, sa && sb ? travelMinutes(sa, sb, this.input.params, this.input.travelOverrides) : null);
    }
    return this.travel.get(key) ?? null;
  }

  weekdays(school: TimetableSchool): number[] {
    return school.weekdays?.length ? school.weekdays : WEEKDAYS;
  }

  eligible(lesson: TimetableLesson): string[] {
    if (lesson.teacherId) return this.teachers.has(lesson.teacherId) ? [lesson.teacherId] : [];
    return this.input.teachers.filter((t) => t.subjects.includes(lesson.subject) && t.schoolIds.includes(lesson.schoolId)).map((t) => t.id);
  }

  /** ⌈n / days⌉: the most periods of one lesson on one day */
  perDay(lesson: TimetableLesson): number {
    const school = this.schools.get(lesson.schoolId);
    return Math.ceil(lesson.periodsPerWeek / (school ? this.weekdays(school).length : WEEKDAYS.length));
  }

  available(teacher: TimetableTeacher, weekday: number, period: BellPeriod): boolean {
    const b = toMinutes(period.startsAt);
    const e = toMinutes(period.endsAt);
    return !teacher.unavailable.some((u) => u.weekday === weekday && toMinutes(u.startsAt) < e && b < toMinutes(u.endsAt));
  }
}

export interface Node { index: number; schoolId: string; period: number; begin: number; end: number }

/**
 * Checks a timetable against every hard rule and measures what the model minimises. The solver's answers,
 * the greedy baseline, an admin's edits and the brute-force tests are all judged by this one function.
 */
export function evaluateTimetable(input: TimetableInput, assignments: readonly LessonAssignment[]): Evaluation {
  const world = new World(input);
  const violations: Violation[] = [];
  const count = new Map<string, number>();
  const teacherOf = new Map<string, Set<string>>();
  const perLessonDay = new Map<string, number>();
  const classSlots = new Map<string, string>();
  const byTeacherDay = new Map<string, { lessonId: string; schoolId: string; begin: number; end: number }[]>();
  for (const a of assignments) {
    const lesson = world.lessons.get(a.lessonId);
    if (!lesson) {
      violations.push({ code: 'unknown-lesson', lessonId: a.lessonId });
      continue;
    }
    const school = world.schools.get(lesson.schoolId);
    const teacher = world.teachers.get(a.teacherId);
    const period = school?.periods[a.period];
    if (!teacher || !world.eligible(lesson).includes(a.teacherId)) {
      violations.push({ code: 'not-eligible', lessonId: a.lessonId, teacherId: a.teacherId });
      continue;
    }
    if (!school || !period || a.schoolId !== lesson.schoolId || !world.weekdays(school).includes(a.weekday)) {
      violations.push({ code: 'not-a-period', lessonId: a.lessonId });
      continue;
    }
    if (!world.available(teacher, a.weekday, period)) violations.push({ code: 'unavailable', lessonId: a.lessonId, teacherId: a.teacherId });
    count.set(lesson.id, (count.get(lesson.id) ?? 0) + 1);
    teacherOf.set(lesson.id, (teacherOf.get(lesson.id) ?? new Set()).add(a.teacherId));
    const dayKey = `${lesson.id}/${a.weekday}`;
    perLessonDay.set(dayKey, (perLessonDay.get(dayKey) ?? 0) + 1);
    const classKey = `${school.id}/${lesson.className}/${a.weekday}/${a.period}`;
    if (classSlots.has(classKey)) violations.push({ code: 'class-clash', schoolId: school.id, className: lesson.className, weekday: a.weekday, period: a.period });
    classSlots.set(classKey, lesson.id);
    const key = `${a.teacherId}/${a.weekday}`;
    byTeacherDay.set(key, [...(byTeacherDay.get(key) ?? []), { lessonId: lesson.id, schoolId: school.id, begin: toMinutes(period.startsAt), end: toMinutes(period.endsAt) }]);
  }
  for (const lesson of input.lessons) {
    const actual = count.get(lesson.id) ?? 0;
    if (actual !== lesson.periodsPerWeek) violations.push({ code: 'periods', lessonId: lesson.id, expected: lesson.periodsPerWeek, actual });
    if ((teacherOf.get(lesson.id)?.size ?? 0) > 1) violations.push({ code: 'one-teacher', lessonId: lesson.id });
    const cap = world.perDay(lesson);
    if ([...perLessonDay.entries()].some(([key, n]) => key.startsWith(`${lesson.id}/`) && n > cap)) violations.push({ code: 'spread', lessonId: lesson.id });
  }
  const loads = new Map<string, TeacherLoad>();
  for (const [key, day] of byTeacherDay) {
    const [teacherId, weekdayText] = key.split('/') as [string, string];
    const weekday = Number(weekdayText);
    const teacher = world.teachers.get(teacherId)!;
    const sorted = [...day].sort((a, b) => a.begin - b.begin || a.end - b.end || a.schoolId.localeCompare(b.schoolId));
    // consecutive lessons that leave their travel time between them cannot overlap with any other either
    for (let i = 1; i < sorted.length; i++) {
      const u = sorted[i - 1]!;
      const v = sorted[i]!;
      const leg = world.tau(u.schoolId, v.schoolId);
      if (leg === null || u.end + leg > v.begin) violations.push({ code: 'teacher-clash', teacherId, weekday, lessonIds: [u.lessonId, v.lessonId] });
    }
    let travel = 0;
    let idle = 0;
    const home = teacher.homeSchoolId;
    if (home && sorted.length) travel += (world.tau(home, sorted[0]!.schoolId) ?? 0) + (world.tau(sorted.at(-1)!.schoolId, home) ?? 0);
    for (let i = 1; i < sorted.length; i++) {
      const leg = world.tau(sorted[i - 1]!.schoolId, sorted[i]!.schoolId) ?? 0;
      travel += leg;
      idle += Math.max(0, sorted[i]!.begin - sorted[i - 1]!.end - leg);
    }
    if (teacher.maxTravelMinutesPerDay !== null && travel > teacher.maxTravelMinutesPerDay) {
      violations.push({ code: 'travel-limit', teacherId, weekday, travelMinutes: travel, limit: teacher.maxTravelMinutesPerDay });
    }
    const load = loads.get(teacherId) ?? { teacherId, travelMinutes: 0, idleMinutes: 0, days: [] };
    load.travelMinutes += travel;
    load.idleMinutes += idle;
    load.days.push({ weekday, travelMinutes: travel, idleMinutes: idle, lessons: sorted.length });
    loads.set(teacherId, load);
  }
  const teachers = input.teachers.map((t) => {
    const load = loads.get(t.id) ?? { teacherId: t.id, travelMinutes: 0, idleMinutes: 0, days: [] };
    load.days.sort((a, b) => a.weekday - b.weekday);
    return load;
  });
  const travelTotal = teachers.reduce((sum, t) => sum + t.travelMinutes, 0);
  const idleTotal = teachers.reduce((sum, t) => sum + t.idleMinutes, 0);
  return { violations, teachers, travelMinutes: travelTotal, idleMinutes: idleTotal, objective: travelTotal + input.params.idleWeight * idleTotal };
}

/**
 * Components of teachers and lessons that share no variable of the week model: teachers joined by a lesson
 * both may take. (Classes two teachers share meet only when periods are placed, after the week model.)
 * Lessons nobody may take form no component (the result reports them infeasible).
 */
export function components(input: TimetableInput): { teacherIds: string[]; lessonIds: string[] }[] {
  const world = new World(input);
  const parent = new Map(input.teachers.map((t) => [t.id, t.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const lesson of input.lessons) {
    const eligible = world.eligible(lesson);
    for (const t of eligible.slice(1)) union(eligible[0]!, t);
  }
  const groups = new Map<string, { teacherIds: string[]; lessonIds: string[] }>();
  for (const t of input.teachers) {
    const root = find(t.id);
    const group = groups.get(root) ?? { teacherIds: [], lessonIds: [] };
    group.teacherIds.push(t.id);
    groups.set(root, group);
  }
  for (const lesson of input.lessons) {
    const first = world.eligible(lesson)[0];
    if (first !== undefined) groups.get(find(first))!.lessonIds.push(lesson.id);
  }
  return [...groups.values()].filter((g) => g.lessonIds.length > 0);
}

/** A MIP in row form, built column by column, with what each column means. */
export class MipBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: boolean[] = [];
  readonly rows: { lower: number; upper: number; index: number[]; value: number[] }[] = [];

  column(cost: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(0);
    this.upper.push(upper);
    this.integer.push(integer);
    return this.cost.length - 1;
  }

  row(terms: [number, number][], lower: number, upper: number): void {
    const merged = new Map<number, number>();
    for (const [col, coef] of terms) merged.set(col, (merged.get(col) ?? 0) + coef);
    const index = [...merged.keys()].filter((c) => merged.get(c) !== 0);
    this.rows.push({ lower, upper, index, value: index.map((c) => merged.get(c)!) });
  }
}

export interface XColumn { col: number; lessonId: string; teacherId: string; weekday: number; node: Node }

export type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsLoading: Promise<Highs> | undefined;
export const highs = (): Promise<Highs> => (highsLoading ??= loadHighs());

export interface MipOutcome {
  status: ComponentStatus;
  objective: number | null;
  /** the proven lower bound of the objective */
  bound: number | null;
  gap: number;
  values: Float64Array | null;
  columns: number;
  rows: number;
  solveMs: number;
}

export function solveMip(solver: Highs, mip: MipBuilder, timeLimitSeconds: number): MipOutcome {
  const started = performance.now();
  const numCols = mip.cost.length;
  const numRows = mip.rows.length;
  if (numCols === 0) return { status: 'optimal', objective: 0, bound: 0, gap: 0, values: new Float64Array(0), columns: 0, rows: 0, solveMs: 0 };
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of mip.rows) {
    indices.push(...r.index);
    values.push(...r.value);
    starts.push(indices.length);
  }
  const inf = solver.infinity;
  const finite = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const { variableType, modelStatus } = solver.constants;
  return solver.withModel({
    numCols, numRows, colCost: mip.cost, colLower: mip.lower, colUpper: mip.upper,
    rowLower: mip.rows.map((r) => finite(r.lower)), rowUpper: mip.rows.map((r) => finite(r.upper)),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality: mip.integer.map((i) => (i ? variableType.integer : variableType.continuous)),
  }, (model): MipOutcome => {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-6, time_limit: Math.max(0.1, timeLimitSeconds) });
    const run = model.run();
    const solveMs = performance.now() - started;
    const base = { columns: numCols, rows: numRows, solveMs };
    if (run.modelStatus === modelStatus.infeasible) return { ...base, status: 'infeasible', objective: null, bound: null, gap: 1, values: null };
    const dual = Number(model.info.get('mip_dual_bound'));
    const bound = Number.isFinite(dual) ? dual : null;
    const primal = Number(model.info.get('primal_solution_status'));
    if (primal !== 2) return { ...base, status: run.modelStatus === modelStatus.optimal ? 'infeasible' : 'time_limit', objective: null, bound, gap: 1, values: null };
    const objective = model.getObjectiveValue();
    const solution = model.getSolution().colValue;
    if (run.modelStatus === modelStatus.optimal) return { ...base, status: 'optimal', objective, bound: objective, gap: 0, values: solution };
    const gap = Number(model.info.get('mip_gap'));
    return { ...base, status: 'time_limit', objective, bound, gap: Number.isFinite(gap) ? gap : 1, values: solution };
  });
}


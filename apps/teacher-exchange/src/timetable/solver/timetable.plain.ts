import { MipBuilder, toMinutes, WEEKDAYS, World, type Node, type TimetableInput, type XColumn } from './timetable.model.js';

/*
 * The plain formulation: the benchmark's baseline, one period-indexed MIP over every teacher, with no
 * decomposition. Each teacher-day is a network with a node per period of each of the teacher's schools; one
 * unit of flow leaves home, passes the periods the teacher is at a school (waiting for the next period of
 * the same school, or travelling to the first period of another school that the travel time reaches) and
 * returns home. x(l,t,d,p) ≤ inflow(node), so a taught period lies on the path; arcs cost travel + ω·idle
 * and each taught period gives back its ω·length. Exact (the path through the taught periods in time
 * order is the day), but its relaxation spreads the flow over schools at the same time, which is why the
 * service solves the day-plan model instead.
 */

/** Builds the model of one component (or, for the plain formulation, of everything at once). */
export function buildPlainModel(input: TimetableInput, teacherIds: readonly string[], lessonIds: readonly string[]): { mip: MipBuilder; xs: XColumn[]; feasible: boolean } {
  const world = new World(input);
  const mip = new MipBuilder();
  const xs: XColumn[] = [];
  const { idleWeight } = input.params;
  const teacherSet = new Set(teacherIds);
  const lessons = lessonIds.map((id) => world.lessons.get(id)!);
  const days = [...new Set([...WEEKDAYS, ...input.schools.flatMap((s) => s.weekdays ?? [])])].sort((a, b) => a - b);
  let feasible = true;

  // the network of each teacher-day: a node per period of each of the teacher's schools that day
  const nodesOf = new Map<string, Node[]>();
  for (const teacherId of teacherIds) {
    const schoolIds = [...new Set(lessons.filter((l) => world.eligible(l).includes(teacherId)).map((l) => l.schoolId))].sort();
    for (const weekday of days) {
      const nodes: Node[] = [];
      for (const schoolId of schoolIds) {
        const school = world.schools.get(schoolId);
        if (!school || !world.weekdays(school).includes(weekday)) continue;
        school.periods.forEach((period, p) => nodes.push({ index: nodes.length, schoolId, period: p, begin: toMinutes(period.startsAt), end: toMinutes(period.endsAt) }));
      }
      if (nodes.length) nodesOf.set(`${teacherId}/${weekday}`, nodes);
    }
  }

  // x, with the rows of each lesson
  const xByNode = new Map<string, number[]>(); // teacher/day/node → x columns
  const xByClassSlot = new Map<string, number[]>();
  for (const lesson of lessons) {
    const eligible = world.eligible(lesson).filter((t) => teacherSet.has(t));
    const cap = world.perDay(lesson);
    const all: number[] = [];
    const ys = eligible.length > 1 ? eligible.map(() => mip.column(0, 1, true)) : [];
    const perDay = new Map<number, number[]>();
    eligible.forEach((teacherId, ti) => {
      const teacher = world.teachers.get(teacherId)!;
      for (const weekday of days) {
        const key = `${teacherId}/${weekday}`;
        const mine: number[] = [];
        for (const node of nodesOf.get(key) ?? []) {
          if (node.schoolId !== lesson.schoolId) continue;
          const period = world.schools.get(node.schoolId)!.periods[node.period]!;
          if (!world.available(teacher, weekday, period)) continue;
          // a taught minute is not idle: the pass-through cost of the node is given back
          const col = mip.column(-idleWeight * (node.end - node.begin), 1, true);
          xs.push({ col, lessonId: lesson.id, teacherId, weekday, node });
          mine.push(col);
          const nodeKey = `${key}/${node.index}`;
          xByNode.set(nodeKey, [...(xByNode.get(nodeKey) ?? []), col]);
          const classKey = `${lesson.schoolId}/${lesson.className}/${weekday}/${node.period}`;
          xByClassSlot.set(classKey, [...(xByClassSlot.get(classKey) ?? []), col]);
        }
        all.push(...mine);
        perDay.set(weekday, [...(perDay.get(weekday) ?? []), ...mine]);
        if (ys.length && mine.length) mip.row([...mine.map((c): [number, number] => [c, 1]), [ys[ti]!, -cap]], -Infinity, 0);
      }
    });
    if (all.length < lesson.periodsPerWeek) feasible = false;
    mip.row(all.map((c) => [c, 1]), lesson.periodsPerWeek, lesson.periodsPerWeek);
    if (ys.length) mip.row(ys.map((c) => [c, 1]), 1, 1);
    for (const cols of perDay.values()) if (cols.length > cap) mip.row(cols.map((c) => [c, 1]), -Infinity, cap);
  }
  for (const cols of xByClassSlot.values()) if (cols.length > 1) mip.row(cols.map((c) => [c, 1]), -Infinity, 1);

  // per teacher-day: one unit of flow from home through the periods the teacher is at a school, back home
  for (const [key, nodes] of nodesOf) {
    const teacher = world.teachers.get(key.split('/')[0]!)!;
    if (!nodes.some((n) => xByNode.has(`${key}/${n.index}`))) continue;
    const home = teacher.homeSchoolId;
    const inflow: [number, number][][] = nodes.map(() => []);
    const outflow: [number, number][][] = nodes.map(() => []);
    const source: [number, number][] = [[mip.column(0, 1, false), 1]]; // the day off
    const travel: [number, number][] = [];
    const arc = (cost: number, minutes: number, from: number | null, to: number | null) => {
      const col = mip.column(cost, 1, false);
      if (from === null) source.push([col, 1]);
      else outflow[from]!.push([col, 1]);
      if (to !== null) inflow[to]!.push([col, 1]);
      if (minutes > 0) travel.push([col, minutes]);
    };
    for (const u of nodes) {
      // being at a school during a period costs its idle minutes unless a lesson is taught there
      const stay = idleWeight * (u.end - u.begin);
      const out = home ? world.tau(home, u.schoolId) : 0;
      const back = home ? world.tau(u.schoolId, home) : 0;
      if (out !== null) arc(out + stay, out, null, u.index);
      if (back !== null) arc(back, back, u.index, null);
      for (const v of nodes) {
        if (v === u) continue;
        if (v.schoolId === u.schoolId) {
          // waiting for the next period of the same school
          if (v.period === u.period + 1) arc(idleWeight * (v.begin - u.end + v.end - v.begin), 0, u.index, v.index);
          continue;
        }
        // travelling to another school, arriving for its first period that can be reached
        const leg = world.tau(u.schoolId, v.schoolId);
        if (leg === null || v.begin < u.end + leg) continue;
        const first = nodes.filter((w) => w.schoolId === v.schoolId && w.begin >= u.end + leg).reduce((a, b) => (b.begin < a.begin ? b : a));
        if (first !== v) continue;
        arc(leg + idleWeight * (v.begin - u.end - leg) + idleWeight * (v.end - v.begin), leg, u.index, v.index);
      }
    }
    mip.row(source, 1, 1);
    nodes.forEach((u) => {
      mip.row([...inflow[u.index]!, ...outflow[u.index]!.map(([c, v]): [number, number] => [c, -v])], 0, 0);
      const taught = xByNode.get(`${key}/${u.index}`);
      if (taught) mip.row([...taught.map((c): [number, number] => [c, 1]), ...inflow[u.index]!.map(([c, v]): [number, number] => [c, -v])], -Infinity, 0);
    });
    if (teacher.maxTravelMinutesPerDay !== null && travel.length) mip.row(travel, -Infinity, teacher.maxTravelMinutesPerDay);
  }
  return { mip, xs, feasible };
}


import { isTerm, termRange, type MilestoneStatus, type PlanAction, type PlanStatus } from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';
import { DAY_MS, shanghaiDate } from '../common/time.js';

/*
 * The rules of work plans as pure functions: the status flow, what overdue and on time mean, and the
 * on-time ratio the term evaluation reads.
 */

/**
 * The status flow: a plan is written as a draft, submitted for review, approved (its milestones
 * become commitments: progress is reported and overdue counted) and closed once every target is
 * assessed. A reviewer may return a submitted plan to draft with a comment.
 */
const FLOW: Record<PlanAction, { from: PlanStatus; to: PlanStatus }> = {
  submit: { from: 'draft', to: 'submitted' },
  approve: { from: 'submitted', to: 'approved' },
  return: { from: 'submitted', to: 'draft' },
  close: { from: 'approved', to: 'closed' },
};

/** The status an action leads to from this status, or a 409 naming both. */
export function nextStatus(status: PlanStatus, action: PlanAction): PlanStatus {
  const step = FLOW[action];
  if (step.from !== status) throw ConflictError.of('activities.plan.illegal-transition', { planStatus: status, planAction: action });
  return step.to;
}

export function assertTerm(term: string, field = 'term'): void {
  if (!isTerm(term)) throw ValidationError.of(field, 'activities.plan.term-invalid');
}

/** A milestone is due within its plan's term, so that the term's on-time ratio covers all of them. */
export function assertDueInTerm(term: string, dueOn: string, field: string): void {
  const { from, to } = termRange(term);
  if (dueOn < from || dueOn >= to) {
    const last = shanghaiDate(new Date(Date.parse(`${to}T00:00:00Z`) - DAY_MS));
    throw ValidationError.of(field, 'activities.plan.due-outside-term', { term, from, to: last });
  }
}

export interface MilestoneState {
  dueOn: string;
  /** the Asia/Shanghai day it was reported done, null while not done */
  completedOn: string | null;
}

/** Overdue: its due day has passed in Asia/Shanghai and it is not done. Due today is not overdue yet. */
export function isOverdue(m: MilestoneState, now: Date): boolean {
  return m.completedOn === null && m.dueOn < shanghaiDate(now);
}

/** Whole days past the due day (0 when not overdue). */
export function daysOverdue(m: MilestoneState, now: Date): number {
  if (!isOverdue(m, now)) return 0;
  return Math.round((Date.parse(`${shanghaiDate(now)}T00:00:00Z`) - Date.parse(`${m.dueOn}T00:00:00Z`)) / DAY_MS);
}

/** Done by its due day (null while not done). */
export function isOnTime(m: MilestoneState): boolean | null {
  return m.completedOn === null ? null : m.completedOn <= m.dueOn;
}

/**
 * The on-time ratio of a term's milestones: numerator, those completed by their due day; denominator,
 * those due in the term whose due day has come (today or earlier in Asia/Shanghai). A milestone not
 * yet due cannot be late, so asking in mid-term does not count the rest of the term against anyone.
 */
export function onTimeRatio(milestones: MilestoneState[], term: string, now: Date): { numerator: number; denominator: number } {
  const { from, to } = termRange(term);
  const today = shanghaiDate(now);
  const due = milestones.filter((m) => m.dueOn >= from && m.dueOn < to && m.dueOn <= today);
  return { numerator: due.filter((m) => isOnTime(m) === true).length, denominator: due.length };
}

/** A progress update's status and percent agree: done is 100 percent. */
export function assertProgress(status: MilestoneStatus, percent: number): void {
  if (status === 'done' && percent !== 100) throw ValidationError.of('percent', 'activities.plan.done-needs-100');
}

/**
 * The day a milestone counts as done after an update: the day of the first update that said done
 * (a later "done" does not move it), none when an update takes it back to not done.
 */
export function completionDay(previous: string | null, status: MilestoneStatus, reportedOn: string): string | null {
  if (status !== 'done') return null;
  return previous ?? reportedOn;
}

import { STUDIO_CATEGORIES, WORKING_GROUP_CATEGORIES, type BodyCategory, type BodyKind, type BodyRole } from '@jiaolian/contracts';
import { ConflictError, DomainError, fieldError, ValidationError } from '@jiaolian/service-kit';

/*
 * The rules of an alliance's organisation, as pure functions. The service loads what they need and
 * calls them inside its transaction; the database's partial unique indexes hold the same membership
 * rules against races.
 */

/** Bodies an alliance has at most one of: one council (理事会), one secretariat (秘书处), one leadership group (领导小组). */
export const SINGLE_BODY_KINDS: readonly BodyKind[] = ['council', 'secretariat', 'leadership_group'];

/** Kinds that need a category, and the categories each allows. */
const CATEGORIES_OF: Partial<Record<BodyKind, readonly BodyCategory[]>> = { working_group: WORKING_GROUP_CATEGORIES, studio: STUDIO_CATEGORIES };

/**
 * A body's shape: working groups and studios say which kind they are; a subject centre and a subject
 * studio (学科工作室) name their subject; a master teacher studio (名师工作室) may name one; others have none.
 */
export function assertBodyShape(kind: BodyKind, category: BodyCategory | null, subject: string | null): void {
  const allowed = CATEGORIES_OF[kind];
  if (allowed && !category) throw ValidationError.of('category', 'membership.body.category-required', { bodyKind: kind });
  if (category && !allowed?.includes(category)) throw ValidationError.of('category', 'membership.body.category-not-allowed', { bodyKind: kind });
  const subjectRequired = kind === 'subject_centre' || (kind === 'studio' && category === 'subject');
  const subjectAllowed = subjectRequired || (kind === 'studio' && category === 'master_teacher');
  if (subjectRequired && !subject?.trim()) throw ValidationError.of('subject', 'membership.body.subject-required');
  if (!subjectAllowed && subject) throw ValidationError.of('subject', 'membership.body.subject-not-allowed');
}

export function assertSingleKindFree(kind: BodyKind, currentKinds: readonly BodyKind[]): void {
  if (SINGLE_BODY_KINDS.includes(kind) && currentKinds.includes(kind)) throw ConflictError.of('membership.body.single-kind-exists', { bodyKind: kind });
}

/**
 * A new parent must not be the body itself or sit under it, or the chart would loop.
 * `parentOf` maps each body of the alliance to its parent.
 */
export function assertNoCycle(bodyId: string, newParentId: string, parentOf: ReadonlyMap<string, string | null>): void {
  let cursor: string | null | undefined = newParentId;
  for (let hops = 0; cursor && hops <= parentOf.size; hops++) {
    if (cursor === bodyId) throw ValidationError.of('parentId', 'membership.body.parent-cycle');
    cursor = parentOf.get(cursor);
  }
}

/** A term of office: the usual term of an alliance body is two or three years; six is the longest anyone plans. */
export const MAX_TERM_YEARS = 6;

export function assertTerm(termFrom: string, termTo: string | null): void {
  if (!termTo) return;
  if (termTo < termFrom) throw ValidationError.of('termTo', 'membership.body.term-invalid');
  const from = new Date(`${termFrom}T00:00:00Z`);
  const limit = new Date(Date.UTC(from.getUTCFullYear() + MAX_TERM_YEARS, from.getUTCMonth(), from.getUTCDate()));
  if (new Date(`${termTo}T00:00:00Z`) > limit) throw ValidationError.of('termTo', 'membership.body.term-too-long', { years: MAX_TERM_YEARS });
}

export interface CurrentMember {
  userId: string;
  role: BodyRole;
  name: string;
}

/** One current membership per person and body, one current leader per body. */
export function assertMayJoin(current: readonly CurrentMember[], userId: string, role: BodyRole): void {
  if (current.some((m) => m.userId === userId)) throw ConflictError.of('membership.body.already-member', {}, [fieldError('userId', 'membership.body.already-member')]);
  const leader = current.find((m) => m.role === 'leader');
  if (role === 'leader' && leader) throw ConflictError.of('membership.body.leader-exists', { name: leader.name }, [fieldError('role', 'membership.body.leader-exists', { name: leader.name })]);
}

export function assertEndDate(termFrom: string, endedOn: string): void {
  if (endedOn < termFrom) throw ValidationError.of('endedOn', 'membership.body.end-before-start');
}

/** Well-formed input that names something outside the alliance (a school that is not a member, a person of another school): 422 naming the field. */
export function unprocessable(field: string, code: 'membership.body.school-not-member' | 'membership.body.user-not-at-school'): DomainError {
  return DomainError.coded('unprocessable', code, {}, [fieldError(field, code)]);
}

import type { FieldError, PlacementKind, PlacementStatus, ProposePlacementDto } from '@jiaolian/contracts';

/** Statuses a placement may still leave; the rest are final. */
export const LIVE_STATUSES: readonly PlacementStatus[] = ['proposed', 'home_approved', 'approved', 'active'];
/** Statuses the overlap constraint guards: the teacher is committed to be there. */
export const COMMITTED_STATUSES: readonly PlacementStatus[] = ['approved', 'active'];
/** Statuses that count as "sent" for quotas. */
export const COUNTED_STATUSES: readonly PlacementStatus[] = ['approved', 'active', 'completed'];

export type PlacementAction = 'approve' | 'reject' | 'activate' | 'complete' | 'cancel';

/** Which status each action may start from. */
const FROM: Record<PlacementAction, readonly PlacementStatus[]> = {
  approve: ['proposed', 'home_approved'],
  reject: ['proposed', 'home_approved'],
  activate: ['approved'],
  complete: ['active'],
  cancel: ['proposed', 'home_approved', 'approved'],
};

export const canStart = (action: PlacementAction, status: PlacementStatus): boolean => FROM[action].includes(status);

/** Checks a proposal on its own (the service checks teacher, schools and alliance). */
export function checkProposal(dto: Pick<ProposePlacementDto, 'kind' | 'hosts' | 'startsOn' | 'endsOn'>, homeSchoolId: string): FieldError[] {
  const errors: FieldError[] = [];
  if (dto.endsOn < dto.startsOn) errors.push({ field: 'endsOn', message: 'endsOn must be on or after startsOn' });
  const seen = new Set<string>();
  dto.hosts.forEach((host, i) => {
    if (host.schoolId === homeSchoolId) errors.push({ field: `hosts.${i}.schoolId`, message: 'a host school must differ from the teacher\'s home school' });
    if (seen.has(host.schoolId)) errors.push({ field: `hosts.${i}.schoolId`, message: 'each host school may appear once' });
    seen.add(host.schoolId);
    if (dto.kind === 'itinerant' && host.weeklyPeriods === undefined) {
      errors.push({ field: `hosts.${i}.weeklyPeriods`, message: 'itinerant placements need weekly periods at every host school' });
    }
    if (dto.kind !== 'itinerant' && host.weeklyPeriods !== undefined) {
      errors.push({ field: `hosts.${i}.weeklyPeriods`, message: 'weekly periods apply to itinerant placements only' });
    }
  });
  if (dto.kind === 'observation' && daysBetween(dto.startsOn, dto.endsOn) > 31) {
    errors.push({ field: 'endsOn', message: 'an observation lasts at most a month' });
  }
  return errors;
}

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

export const KIND_ORDER: readonly PlacementKind[] = ['rotation', 'itinerant', 'support', 'shadowing', 'observation'];

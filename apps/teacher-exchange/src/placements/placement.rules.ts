import type { FieldError, MessageCode, PlacementKind, PlacementStatus, ProposePlacementDto } from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';

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

/** The conflict code of each action tried from a status it may not start from. */
export const CANNOT_START: Record<PlacementAction, MessageCode> = {
  approve: 'exchange.placement.cannot-approve',
  reject: 'exchange.placement.cannot-reject',
  activate: 'exchange.placement.cannot-activate',
  complete: 'exchange.placement.cannot-complete',
  cancel: 'exchange.placement.cannot-cancel',
};

/** Checks a proposal on its own (the service checks teacher, schools and alliance). */
export function checkProposal(dto: Pick<ProposePlacementDto, 'kind' | 'hosts' | 'startsOn' | 'endsOn'>, homeSchoolId: string): FieldError[] {
  const errors: FieldError[] = [];
  if (dto.endsOn < dto.startsOn) errors.push(fieldError('endsOn', 'exchange.placement.ends-before-start'));
  const seen = new Set<string>();
  dto.hosts.forEach((host, i) => {
    if (host.schoolId === homeSchoolId) errors.push(fieldError(`hosts.${i}.schoolId`, 'exchange.placement.host-is-home'));
    if (seen.has(host.schoolId)) errors.push(fieldError(`hosts.${i}.schoolId`, 'exchange.placement.host-repeated'));
    seen.add(host.schoolId);
    if (dto.kind === 'itinerant' && host.weeklyPeriods === undefined) {
      errors.push(fieldError(`hosts.${i}.weeklyPeriods`, 'exchange.placement.periods-required'));
    }
    if (dto.kind !== 'itinerant' && host.weeklyPeriods !== undefined) {
      errors.push(fieldError(`hosts.${i}.weeklyPeriods`, 'exchange.placement.periods-not-allowed'));
    }
  });
  if (dto.kind === 'observation' && daysBetween(dto.startsOn, dto.endsOn) > 31) {
    errors.push(fieldError('endsOn', 'exchange.placement.observation-too-long'));
  }
  return errors;
}

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

export const KIND_ORDER: readonly PlacementKind[] = ['rotation', 'itinerant', 'support', 'shadowing', 'observation'];

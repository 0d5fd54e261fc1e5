import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { networkProblem, toApiProblem, unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';

type Schemas = components['schemas'];
export type PlanView = Schemas['PlanView'];
export type PlanDetailView = Schemas['PlanDetailView'];
export type TargetView = Schemas['TargetView'];
export type MilestoneView = Schemas['MilestoneView'];
export type MilestoneListItemView = Schemas['MilestoneListItemView'];
export type EvidenceView = Schemas['EvidenceView'];
export type CreatePlanDto = Schemas['CreatePlanDto'];
export type TargetInputDto = Schemas['TargetInputDto'];
export type MilestoneInputDto = Schemas['MilestoneInputDto'];
export type ProgressInputDto = Schemas['ProgressInputDto'];
export type PlanStatus = PlanView['status'];
export type PlanAction = Schemas['PlanTransitionDto']['action'];
export type MilestoneStatus = MilestoneView['status'];
export type TargetRating = Schemas['AssessTargetDto']['rating'];
export type AssigneeKind = Schemas['AssigneeDto']['kind'];
export type EvidenceLinkKind = Schemas['EvidenceLinkDto']['kind'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type PlanQuery = QueryOf<'/api/v1/plans'>;
export type MilestoneQuery = QueryOf<'/api/v1/plans/milestones'>;

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'green', closed: 'purple' };
export const RATING_COLORS: Record<TargetRating, string> = { met: 'green', partly: 'gold', not_met: 'red' };
export const ASSIGNEE_KINDS: AssigneeKind[] = ['working_group', 'subject_group', 'teacher'];
export const MILESTONE_STATUSES: MilestoneStatus[] = ['not_started', 'in_progress', 'done'];
export const TARGET_RATINGS: TargetRating[] = ['met', 'partly', 'not_met'];
export const EVIDENCE_LINK_KINDS: EvidenceLinkKind[] = ['activity', 'placement', 'resource', 'exam'];
/** The extensions the gateway accepts for evidence (see PLAN_EVIDENCE_EXTENSIONS in the contracts). */
export const EVIDENCE_EXTENSIONS = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.jpg,.jpeg,.png,.gif,.webp,.mp3,.mp4,.zip';

/** The term (学期) of a Beijing calendar day: August–January is the first term of a school year, February–July the second. */
export function termOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (month >= 8) return `${year}-${year + 1}-1`;
  if (month >= 2) return `${year - 1}-${year}-2`;
  return `${year - 1}-${year}-1`;
}

const previousTerm = (term: string): string => {
  const [first, second, half] = term.split('-');
  return half === '2' ? `${first}-${second}-1` : `${Number(first) - 1}-${first}-2`;
};

const todayInShanghai = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const nextTerm = (term: string): string => {
  const [first, second, half] = term.split('-');
  return half === '1' ? `${first}-${second}-2` : `${second}-${Number(second) + 1}-1`;
};

/** The current term first, then the four before it: what a term filter offers. */
export function recentTerms(count = 5): string[] {
  const terms = [termOf(todayInShanghai())];
  while (terms.length < count) terms.push(previousTerm(terms[terms.length - 1]!));
  return terms;
}

/** What a new plan may be written for: the coming term (plans are written before a term starts), then the recent ones. */
export function planningTerms(): string[] {
  const recent = recentTerms();
  return [nextTerm(recent[0]!), ...recent];
}

export const planKeys = {
  all: ['plans'] as const,
  list: (query: PlanQuery) => ['plans', 'list', query] as const,
  one: (id: string) => ['plans', 'one', id] as const,
  milestones: (query: MilestoneQuery) => ['plans', 'milestones', query] as const,
};

export const usePlans = (query: PlanQuery) =>
  useQuery({ queryKey: planKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/plans', { params: { query } })), placeholderData: keepPreviousData });

export const usePlan = (id: string | undefined) =>
  useQuery({ queryKey: planKeys.one(id ?? ''), queryFn: () => unwrap(api.http.GET('/api/v1/plans/{id}', { params: { path: { id: id ?? '' } } })), enabled: Boolean(id) });

export const usePlanMilestones = (query: MilestoneQuery, enabled = true) =>
  useQuery({
    queryKey: planKeys.milestones(query), queryFn: () => unwrap(api.http.GET('/api/v1/plans/milestones', { params: { query } })), placeholderData: keepPreviousData, enabled,
  });

/** How many of the caller's own milestones are overdue: the badge of the menu and the plan list. */
export const useMyOverdueCount = (enabled = true): number => {
  const query = usePlanMilestones({ status: 'overdue', mine: true, pageSize: 1 }, enabled);
  return query.data?.total ?? 0;
};

const gatewayUrl = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';

/** Uploads an evidence file of a milestone as multipart/form-data (the note first, the file last). */
export async function uploadEvidence(milestoneId: string, file: File, note: string): Promise<MilestoneView> {
  const form = new FormData();
  if (note) form.append('note', note);
  form.append('file', file, file.name);
  const token = api.tokens.get()?.accessToken;
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl()}/api/v1/plans/milestones/${encodeURIComponent(milestoneId)}/evidence`, {
      method: 'POST', body: form, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': currentLanguage() },
    });
  } catch (error) {
    throw networkProblem(error);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiProblem(response, body);
  return body as MilestoneView;
}

/** Downloads an evidence file with the access token and hands it to the browser. */
export async function downloadEvidence(evidence: Pick<EvidenceView, 'id' | 'title'>): Promise<void> {
  const token = api.tokens.get()?.accessToken;
  const response = await fetch(`${gatewayUrl()}/api/v1/plans/evidence/${encodeURIComponent(evidence.id)}/download`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw toApiProblem(response, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = evidence.title ?? 'evidence';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

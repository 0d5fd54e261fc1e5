import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type BodyView = Schemas['BodyView'];
export type BodyDetailView = Schemas['BodyDetailView'];
export type BodyMemberView = Schemas['BodyMemberView'];
export type UserBodyMembershipView = Schemas['UserBodyMembershipView'];
export type BodyKind = BodyView['kind'];
export type BodyCategory = NonNullable<Schemas['CreateBodyDto']['category']>;
export type BodyRole = BodyMemberView['role'];

export const BODY_KINDS: BodyKind[] = ['council', 'secretariat', 'leadership_group', 'working_group', 'subject_centre', 'studio'];
export const CATEGORIES_OF: Partial<Record<BodyKind, BodyCategory[]>> = {
  working_group: ['teaching_research', 'teacher_training', 'student_activities', 'resource_sharing', 'other'],
  studio: ['master_teacher', 'subject', 'head_teacher'],
};
export const BODY_ROLES: BodyRole[] = ['leader', 'deputy', 'member'];
/** Mirrors the service's rule: a subject centre and a subject studio need a subject, a master teacher studio may have one. */
export const subjectRule = (kind: BodyKind | undefined, category: BodyCategory | undefined): 'required' | 'optional' | 'none' =>
  kind === 'subject_centre' || (kind === 'studio' && category === 'subject') ? 'required' : kind === 'studio' && category === 'master_teacher' ? 'optional' : 'none';

export const bodyKeys = {
  all: ['bodies'] as const,
  list: (allianceId: string, includeDissolved: boolean) => ['bodies', 'list', allianceId, includeDissolved] as const,
  one: (id: string) => ['bodies', 'one', id] as const,
  candidates: (allianceId: string, q: string) => ['bodies', 'candidates', allianceId, q] as const,
  ofUser: (userId: string) => ['bodies', 'user', userId] as const,
};

export const useBodies = (allianceId: string, includeDissolved = false) =>
  useQuery({
    queryKey: bodyKeys.list(allianceId, includeDissolved),
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{allianceId}/bodies', { params: { path: { allianceId }, query: { includeDissolved } } })),
    placeholderData: keepPreviousData,
    enabled: Boolean(allianceId),
  });

export const useBody = (id: string | undefined) =>
  useQuery({ queryKey: bodyKeys.one(id ?? ''), queryFn: () => unwrap(api.http.GET('/api/v1/bodies/{id}', { params: { path: { id: id ?? '' } } })), enabled: Boolean(id) });

export const useBodyCandidates = (allianceId: string, q: string, enabled = true) =>
  useQuery({
    queryKey: bodyKeys.candidates(allianceId, q),
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{allianceId}/body-candidates', { params: { path: { allianceId }, query: { q: q || undefined, pageSize: 50 } } })),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useUserBodyMemberships = (userId: string) =>
  useQuery({ queryKey: bodyKeys.ofUser(userId), queryFn: () => unwrap(api.http.GET('/api/v1/users/{id}/body-memberships', { params: { path: { id: userId } } })) });

/** The bodies as a forest: each body with the bodies under it (a body whose parent is not listed sits at the top). */
export interface BodyNode { body: BodyView; children: BodyNode[] }
export function bodyForest(bodies: BodyView[]): BodyNode[] {
  const nodes = new Map(bodies.map((b) => [b.id, { body: b, children: [] as BodyNode[] }]));
  const roots: BodyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.body.parentId ? nodes.get(node.body.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { api } from '../../api/client';

dayjs.extend(utc);

type Schemas = components['schemas'];
export type ActivityView = Schemas['ActivityView'];
export type OccurrenceView = Schemas['OccurrenceView'];
export type RegistrationView = Schemas['RegistrationView'];
export type AttendanceView = Schemas['AttendanceView'];
export type MinutesView = Schemas['MinutesView'];
export type ActionItemView = Schemas['ActionItemView'];
export type FeedTokenView = Schemas['FeedTokenView'];
export type CreateActivityDto = Schemas['CreateActivityDto'];
export type SaveMinutesDto = Schemas['SaveMinutesDto'];
export type ActivityKind = ActivityView['kind'];
export type ParticipantKind = RegistrationView['participantKind'];
export type ActionItemStatus = ActionItemView['status'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type ActivityQuery = QueryOf<'/api/v1/activities'>;
export type OccurrenceQuery = QueryOf<'/api/v1/activities/occurrences'>;
export type RegistrationQuery = QueryOf<'/api/v1/activities/{id}/registrations'>;
export type ActionItemQuery = QueryOf<'/api/v1/activities/action-items'>;

export const ACTIVITY_KINDS: ActivityKind[] = [
  'demo', 'discussion', 'competition', 'delivered', 'joint_meeting', 'festival', 'sports_meet', 'open_week', 'labour_practice', 'parent_lecture', 'online_session', 'training',
];
export const KIND_COLORS: Record<ActivityKind, string> = {
  demo: 'blue', discussion: 'geekblue', competition: 'purple', delivered: 'cyan', joint_meeting: 'gold', festival: 'magenta', sports_meet: 'volcano',
  open_week: 'lime', labour_practice: 'green', parent_lecture: 'orange', online_session: 'processing', training: 'default',
};
export const ITEM_COLORS: Record<ActionItemStatus, string> = { open: 'blue', overdue: 'red', done: 'green' };
export const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/** Activities are shown in Asia/Shanghai (UTC+8, no daylight saving), whatever the browser's zone. */
export const SHANGHAI_OFFSET_MINUTES = 480;
export const inShanghai = (iso: string): Dayjs => dayjs(iso).utcOffset(SHANGHAI_OFFSET_MINUTES);
export const shanghaiDateTime = (iso: string | null | undefined): string => (iso ? inShanghai(iso).format('YYYY-MM-DD HH:mm') : '—');
export const shanghaiTime = (iso: string): string => inShanghai(iso).format('HH:mm');
export const shanghaiDay = (iso: string): string => inShanghai(iso).format('YYYY-MM-DD');
/** A picker's wall-clock value read as Beijing time, as the ISO instant the API takes. */
export const fromShanghaiWallClock = (value: Dayjs): string => new Date(`${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`).toISOString();
/** An instant as a picker value showing its Beijing wall-clock time. */
export const toShanghaiWallClock = (iso: string): Dayjs => dayjs(inShanghai(iso).format('YYYY-MM-DDTHH:mm'));

export const activityKeys = {
  all: ['activities'] as const,
  list: (query: ActivityQuery) => ['activities', 'list', query] as const,
  occurrences: (query: OccurrenceQuery) => ['activities', 'occurrences', query] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  registrations: (id: string, query: RegistrationQuery) => ['activities', 'registrations', id, query] as const,
  attendance: (id: string, occurrenceStart?: string) => ['activities', 'attendance', id, occurrenceStart ?? 'all'] as const,
  minutes: (id: string) => ['activities', 'minutes', id] as const,
  items: (query: ActionItemQuery) => ['activities', 'items', query] as const,
  feedToken: ['activities', 'feed-token'] as const,
  directory: ['activities', 'directory'] as const,
};

export const useActivities = (query: ActivityQuery) =>
  useQuery({ queryKey: activityKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/activities', { params: { query } })), placeholderData: keepPreviousData });

export const useOccurrences = (query: OccurrenceQuery) =>
  useQuery({ queryKey: activityKeys.occurrences(query), queryFn: () => unwrap(api.http.GET('/api/v1/activities/occurrences', { params: { query } })), placeholderData: keepPreviousData });

export const useActivity = (id: string | undefined) =>
  useQuery({ queryKey: activityKeys.one(id ?? ''), queryFn: () => unwrap(api.http.GET('/api/v1/activities/{id}', { params: { path: { id: id ?? '' } } })), enabled: Boolean(id) });

export const useRegistrations = (id: string, query: RegistrationQuery) =>
  useQuery({
    queryKey: activityKeys.registrations(id, query),
    queryFn: () => unwrap(api.http.GET('/api/v1/activities/{id}/registrations', { params: { path: { id }, query } })),
    placeholderData: keepPreviousData,
  });

export const useAttendance = (id: string, occurrenceStart?: string) =>
  useQuery({
    queryKey: activityKeys.attendance(id, occurrenceStart),
    queryFn: () => unwrap(api.http.GET('/api/v1/activities/{id}/attendance', { params: { path: { id }, query: occurrenceStart ? { occurrenceStart } : {} } })),
  });

export const useMinutes = (id: string) =>
  useQuery({ queryKey: activityKeys.minutes(id), queryFn: () => unwrap(api.http.GET('/api/v1/activities/{id}/minutes', { params: { path: { id } } })) });

export const useActionItems = (query: ActionItemQuery) =>
  useQuery({ queryKey: activityKeys.items(query), queryFn: () => unwrap(api.http.GET('/api/v1/activities/action-items', { params: { query } })), placeholderData: keepPreviousData });

export const useFeedToken = (enabled: boolean) =>
  useQuery({ queryKey: activityKeys.feedToken, queryFn: () => unwrap(api.http.GET('/api/v1/activities/calendar/feed-token')), enabled });

/** The alliances the activities service knows the user belongs to or runs, with their member schools. */
export const useActivityAlliances = () =>
  useQuery({ queryKey: activityKeys.directory, queryFn: () => unwrap(api.http.GET('/api/v1/activities/directory')), staleTime: 60_000 });

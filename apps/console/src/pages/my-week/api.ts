import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';

export type MyWeekView = Schemas['MyWeekView'];
export type WeekEntryView = Schemas['WeekEntryView'];
export type WeekEntryKind = WeekEntryView['kind'];
export type WeekFeedTokenView = Schemas['WeekFeedTokenView'];
export type TeacherAccountView = Schemas['TeacherAccountView'];
export type TeacherAccountsResultView = Schemas['TeacherAccountsResultView'];

export const myWeekKeys = {
  week: (from: string | undefined) => ['my-week', from ?? 'today'] as const,
  feed: ['my-week-feed'] as const,
  accounts: (schoolId: string) => ['teacher-accounts', schoolId] as const,
};

export const useMyWeek = (from: string | undefined) =>
  useQuery({
    queryKey: myWeekKeys.week(from),
    queryFn: () => unwrap(api.http.GET('/api/v1/me/week', { params: { query: from ? { from } : {} } })),
    placeholderData: keepPreviousData,
  });

export const useWeekFeedToken = (enabled: boolean) =>
  useQuery({ queryKey: myWeekKeys.feed, queryFn: () => unwrap(api.http.GET('/api/v1/me/week/feed-token')), enabled });

export function useRotateWeekFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/me/week/feed-token')),
    onSuccess: (token) => queryClient.setQueryData(myWeekKeys.feed, token),
  });
}

/** The accounts of one school's roster teachers (teachers without one are absent). */
export const useTeacherAccounts = (schoolId: string | undefined) =>
  useQuery({
    queryKey: myWeekKeys.accounts(schoolId ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/teachers/accounts', { params: { query: { schoolId: schoolId! } } })),
    enabled: Boolean(schoolId),
  });

export function useCreateTeacherAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { schoolId: string; teacherIds: string[] }) => unwrap(api.http.POST('/api/v1/teacher-exchange/teachers/accounts', { body })),
    onSuccess: (_result, body) => void queryClient.invalidateQueries({ queryKey: myWeekKeys.accounts(body.schoolId) }),
  });
}

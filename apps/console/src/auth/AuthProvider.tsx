import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type MeView } from '@jiaolian/api-client';
import { api, sessionEvents } from '../api/client';
import { queryKeys } from '../api/queries';
import { isDistrictAdmin, ownDistrictId } from './roles';

export interface AuthContextValue {
  me: MeView | null;
  /** True while the stored session is being checked on start-up. */
  checking: boolean;
  /** Set when the session ran out (the login page says so). */
  expired: boolean;
  /**
   * Who was signed in when the session ran out. The login page sends only that user back to the
   * page they were on; after a deliberate sign-out nobody is sent back anywhere.
   */
  expiredUserId: string | undefined;
  /** True after the user signed out on purpose. */
  signedOut: boolean;
  /** The district the console works in: the user's own, or the one a platform admin chose. */
  districtId: string | undefined;
  setDistrictId(id: string): void;
  login(username: string, password: string): Promise<MeView>;
  logout(): Promise<void>;
  /** Replaces the signed-in user's password; the session goes on with the new tokens the answer carries. */
  changePassword(currentPassword: string, newPassword: string): Promise<MeView>;
}

const AuthContext = createContext<AuthContextValue | null>(null);
const DISTRICT_KEY = 'jiaolian.district';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [hasSession, setHasSession] = useState(() => api.tokens.get() !== null);
  const [expired, setExpired] = useState(false);
  const [expiredUserId, setExpiredUserId] = useState<string | undefined>();
  const [signedOut, setSignedOut] = useState(false);
  const [chosenDistrict, setChosenDistrict] = useState<string | undefined>(() => globalThis.localStorage?.getItem(DISTRICT_KEY) ?? undefined);

  const meQuery = useQuery({
    queryKey: queryKeys.me,
    queryFn: () => unwrap(api.http.GET('/api/v1/me')),
    enabled: hasSession,
    retry: false,
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    const onExpired = () => {
      setExpiredUserId(queryClient.getQueryData<MeView>(queryKeys.me)?.id);
      setHasSession(false);
      setExpired(true);
      queryClient.clear();
    };
    sessionEvents.addEventListener('expired', onExpired);
    return () => sessionEvents.removeEventListener('expired', onExpired);
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const pair = await api.login(username, password);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, pair.user);
      setExpired(false);
      setExpiredUserId(undefined);
      setSignedOut(false);
      setHasSession(true);
      return pair.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    await api.logout();
    setExpired(false);
    setExpiredUserId(undefined);
    setSignedOut(true);
    setHasSession(false);
    queryClient.clear();
  }, [queryClient]);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      const pair = await unwrap(api.http.POST('/api/v1/me/password', { body: { currentPassword, newPassword } }));
      api.tokens.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
      queryClient.setQueryData(queryKeys.me, pair.user);
      return pair.user;
    },
    [queryClient],
  );

  const setDistrictId = useCallback((id: string) => {
    globalThis.localStorage?.setItem(DISTRICT_KEY, id);
    setChosenDistrict(id);
  }, []);

  const me = hasSession ? (meQuery.data ?? null) : null;
  const districtId = me ? (ownDistrictId(me) ?? (isDistrictAdmin(me) ? chosenDistrict : undefined)) : undefined;

  const value = useMemo<AuthContextValue>(
    () => ({ me, checking: hasSession && meQuery.isPending, expired, expiredUserId, signedOut, districtId, setDistrictId, login, logout, changePassword }),
    [me, hasSession, meQuery.isPending, expired, expiredUserId, signedOut, districtId, setDistrictId, login, logout, changePassword],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for pages behind <RequireAuth>. */
export function useMe(): MeView {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside a signed-in page');
  return me;
}

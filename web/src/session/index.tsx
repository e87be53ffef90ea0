import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onUnauthorized } from '../api/client.ts';
import type { LoginStage, Me, Reach, RoleInfo } from '../api/types.ts';
import { queryClient } from '../lib/use-api.ts';

const REACH_ORDER: Reach[] = ['all', 'jurisdiction', 'department', 'self'];

interface Session {
  /** The signed-in user; null when signed out, undefined while it is being asked. */
  me: Me | null | undefined;
  /** A sign-in begun but not finished (e.g. the page was reloaded before the TOTP code was entered). */
  pendingStage: Exclude<LoginStage, 'done'> | undefined;
  signedIn(me: Me): void;
  refresh(): Promise<Me | null>;
  signOut(): Promise<void>;
  /** Holds any of these permissions somewhere. */
  can(...permissions: string[]): boolean;
  /** The role matrix has loaded, so `reach` answers. */
  ready: boolean;
  /** How far the user's widest role reaches for an action; undefined while roles load or when none. */
  reach(action: string): Reach | undefined;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [pendingStage, setPendingStage] = useState<Session['pendingStage']>();
  const [roles, setRoles] = useState<RoleInfo[]>();

  const refresh = useCallback(async () => {
    try {
      const state = await api('/auth/me', { expectUnauthorized: true });
      if (state.stage === 'done' && state.me) {
        setMe(state.me);
        setPendingStage(undefined);
        return state.me;
      }
      setPendingStage(state.stage === 'done' ? undefined : state.stage);
      setMe(null);
      return null;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setPendingStage(undefined);
        setMe(null);
        return null;
      }
      throw error;
    }
  }, []);

  // Answers cached for one user are never shown to the next one signing in on the same tab.
  const userId = me?.id;
  useEffect(() => {
    if (userId === undefined) queryClient.clear();
  }, [userId]);

  useEffect(() => {
    refresh().catch(() => setMe(null));
    return onUnauthorized(() => {
      setPendingStage(undefined);
      setMe(null);
    });
  }, [refresh]);

  // The role × permission matrix tells how far each permission reaches (the menu hides self-only ones).
  useEffect(() => {
    if (!me) return;
    api('/roles')
      .then((r) => setRoles(r.items))
      .catch(() => setRoles([]));
  }, [me]);

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST', expectUnauthorized: true });
    } finally {
      setPendingStage(undefined);
      setRoles(undefined);
      setMe(null);
    }
  }, []);

  const signedIn = useCallback((next: Me) => {
    setPendingStage(undefined);
    setMe(next);
  }, []);

  const value = useMemo<Session>(
    () => ({
      me,
      pendingStage,
      ready: roles !== undefined,
      signedIn,
      refresh,
      signOut,
      can: (...permissions) => permissions.some((p) => me?.permissions.includes(p) ?? false),
      reach: (action) => {
        if (!me || !roles) return undefined;
        const reaches = roles
          .filter((r) => me.roles.includes(r.role))
          .flatMap((r) => r.permissions.filter((p) => p.action === action).map((p) => p.reach));
        return REACH_ORDER.find((reach) => reaches.includes(reach));
      },
    }),
    [me, pendingStage, roles, signedIn, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user, for pages that only render inside the shell. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

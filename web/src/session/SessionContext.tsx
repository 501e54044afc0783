import { createContext, use, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { apiSend } from '../api/send.ts';
import { getSessionState, refreshSession, setSessionAccount, subscribeSession, type SessionState } from './store.ts';
import { activeMembership, type Account, type Membership } from './types.ts';

export interface Session extends SessionState {
  /** the membership the person acts with (role and organisation), or null */
  active: Membership | null;
  refresh: () => Promise<Account | null>;
  setAccount: (account: Account | null) => void;
  /** PUT /api/account/active-membership, then the account again */
  switchMembership: (membershipId: string) => Promise<void>;
  signOut: () => Promise<void>;
}

async function switchMembership(membershipId: string): Promise<void> {
  await apiSend('PUT', '/api/account/active-membership', { membershipId });
  await refreshSession();
}

async function signOut(): Promise<void> {
  try {
    await apiSend('POST', '/api/auth/sign-out');
  } finally {
    // signed out here whatever happened: the cookie is gone or the session had already ended
    setSessionAccount(null);
  }
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(subscribeSession, getSessionState);
  const value = useMemo<Session>(
    () => ({ ...state, active: activeMembership(state.account), refresh: refreshSession, setAccount: setSessionAccount, switchMembership, signOut }),
    [state],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The signed-in person (account null when signed out; status 'loading' while the server is asked). */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

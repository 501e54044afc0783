import { ApiError, getJson } from '../api/client.ts';
import type { Account } from './types.ts';

// The signed-in person, as the server sees them (GET /api/account). The session cookie is HttpOnly:
// the page cannot read it. A marker in localStorage only remembers that this browser signed in, so
// that a signed-out visit asks nothing (no 401 on every page); the server remains the truth.

export interface SessionState {
  /** 'loading' while the first GET /api/account runs */
  status: 'loading' | 'ready';
  account: Account | null;
}

const MARKER = 'fabriques:session';

/** '1': signed in; 'oidc': gone to an identity provider, a session may come back with the visitor */
type Marker = '1' | 'oidc' | null;

function readMarker(): Marker {
  try {
    const value = window.localStorage.getItem(MARKER);
    return value === '1' || value === 'oidc' ? value : null;
  } catch {
    return null;
  }
}

function writeMarker(value: Marker): void {
  try {
    if (value) window.localStorage.setItem(MARKER, value);
    else window.localStorage.removeItem(MARKER);
  } catch {
    /* storage disabled: every visit then starts signed out until a sign-in */
  }
}

/** Back from an identity provider without a session: cancelled, failed, or an account to link first. */
function backWithoutSession(): boolean {
  const { pathname, search } = window.location;
  return pathname === '/connexion' && /[?&](erreur=oidc|liaison=1)(&|$)/.test(search);
}

function initialState(): SessionState {
  const marker = readMarker();
  if (marker === 'oidc' && backWithoutSession()) writeMarker(null);
  else if (marker) return { status: 'loading', account: null };
  return { status: 'ready', account: null };
}

let state: SessionState = initialState();
const listeners = new Set<() => void>();
let pending: Promise<Account | null> | null = null;

function set(next: SessionState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The anti-CSRF token of the session, sent with every POST/PUT/DELETE. */
export function csrfToken(): string | null {
  return state.account?.csrfToken ?? null;
}

/** After a sign-in, a sign-out, an invitation accepted…: the account the server answered (or null). */
export function setSessionAccount(account: Account | null): void {
  writeMarker(account ? '1' : null);
  set({ status: 'ready', account });
}

/** Before leaving for an identity provider (FranceConnect, ProConnect): ask the server on the way back. */
export function expectSession(): void {
  if (!state.account) writeMarker('oidc');
}

/** Asks the server who is signed in (after a switch of organisation, or when another tab signed in or out). */
export function refreshSession(): Promise<Account | null> {
  pending ??= getJson<Account>('/api/account')
    .then(
      (account) => {
        setSessionAccount(account);
        return account;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          setSessionAccount(null);
          return null;
        }
        // the server is away: keep what we knew
        set({ status: 'ready', account: state.account });
        return state.account;
      },
    )
    .finally(() => {
      pending = null;
    });
  return pending;
}

if (state.status === 'loading') void refreshSession();

// another tab signed in or out
window.addEventListener('storage', (event) => {
  if (event.key !== MARKER) return;
  if (event.newValue === '1') void refreshSession();
  else if (event.newValue === 'oidc') return;
  else if (state.account) set({ status: 'ready', account: null });
});

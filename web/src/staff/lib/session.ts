/**
 * The signed-in staff member: a bearer token (the local HS256 token or Cognito's ID token),
 * its expiry (epoch milliseconds), `sub` and roles. Kept in sessionStorage (one tab, gone when
 * it closes). Every API call carries the token; a 401 from the API, or the expiry passing,
 * marks the session expired: the app then asks to sign in again over the page, which stays
 * mounted, so nothing typed is lost.
 */
import { api } from '../../shared/api/client';

export type Role = 'front_desk' | 'complaint_officer' | 'complaint_team' | 'supervisor' | 'admin';

export interface Session {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  sub: string;
  roles: Role[];
}

export interface SessionState {
  session: Session | null;
  expired: boolean;
}

const KEY = 'kesra.staff.session';
let state: SessionState = { session: read(), expired: false };
const listeners = new Set<(s: SessionState) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

function emit(next: SessionState): void {
  state = next;
  clearTimeout(timer);
  if (next.session && !next.expired) {
    // setTimeout holds at most ~24.8 days; tokens last hours.
    timer = setTimeout(expire, Math.max(0, Math.min(next.session.expiresAt - Date.now(), 2 ** 31 - 1)));
  }
  for (const l of listeners) l(state);
}

export function sessionState(): SessionState {
  return state;
}

export function onSession(listener: (s: SessionState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signedIn(session: Session): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    /* kept in memory only */
  }
  emit({ session, expired: false });
}

/** The token stopped working: ask again, keep the page. */
export function expire(): void {
  if (state.session) emit({ session: state.session, expired: true });
}

export function signedOut(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing kept */
  }
  emit({ session: null, expired: false });
}

export function hasRole(session: Session | null, ...roles: Role[]): boolean {
  return !!session && session.roles.some((r) => roles.includes(r));
}

/** The bearer header for calls made outside the typed client (file downloads). */
export function authHeader(): Record<string, string> {
  return state.session ? { Authorization: `Bearer ${state.session.token}` } : {};
}

api.use({
  onRequest({ request }) {
    if (state.session) request.headers.set('Authorization', `Bearer ${state.session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && state.session) expire();
    return response;
  },
});

if (state.session) emit(state);

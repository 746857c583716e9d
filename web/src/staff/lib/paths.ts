/**
 * The console's screens: path, who sees it in the menu, and its label key. A new screen (an
 * SKM report, say) is one line here and one lazy route in app.tsx.
 */
import type { Role } from './session';

export const BASE = '/staff';

export const PATHS = {
  dashboard: `${BASE}/`,
  complaints: `${BASE}/pengaduan`,
  complaintIntake: `${BASE}/pengaduan/baru`,
  inbox: `${BASE}/kotak-masuk`,
  audiences: `${BASE}/audiensi`,
  frontDesk: `${BASE}/meja-depan`,
  scheduling: `${BASE}/jadwal`,
  reports: `${BASE}/laporan`,
  skm: `${BASE}/skm`,
  admin: `${BASE}/admin`,
  callback: `${BASE}/callback`,
} as const;

export type NavKey = 'dashboard' | 'inbox' | 'complaints' | 'audiences' | 'frontDesk' | 'scheduling' | 'reports' | 'skm' | 'admin';

const ALL: Role[] = ['front_desk', 'complaint_officer', 'complaint_team', 'supervisor', 'admin'];

/** The menu, in order, with the roles that may use each screen (api.md's role table). */
export const NAV: { key: NavKey; path: string; roles: Role[] }[] = [
  { key: 'dashboard', path: PATHS.dashboard, roles: ALL },
  { key: 'frontDesk', path: PATHS.frontDesk, roles: ['front_desk', 'admin'] },
  { key: 'audiences', path: PATHS.audiences, roles: ['front_desk', 'supervisor', 'admin'] },
  { key: 'scheduling', path: PATHS.scheduling, roles: ['front_desk', 'supervisor', 'admin'] },
  { key: 'inbox', path: PATHS.inbox, roles: ['complaint_officer', 'supervisor', 'admin'] },
  { key: 'complaints', path: PATHS.complaints, roles: ['complaint_officer', 'complaint_team', 'supervisor', 'admin'] },
  { key: 'reports', path: PATHS.reports, roles: ['complaint_officer', 'supervisor', 'admin'] },
  { key: 'skm', path: PATHS.skm, roles: ['complaint_officer', 'supervisor', 'admin'] },
  { key: 'admin', path: PATHS.admin, roles: ['complaint_officer', 'supervisor', 'admin'] },
];

export function complaintPath(code: string): string {
  return `${PATHS.complaints}/${encodeURIComponent(code)}`;
}

export function audiencePath(code: string): string {
  return `${PATHS.audiences}/${encodeURIComponent(code)}`;
}

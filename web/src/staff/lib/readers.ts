/**
 * Who may open an attached file: the API's own rule (chalicelib/services/uploads.py, `READERS`
 * and `readers()`), mirrored so the console offers "Buka" only to a role the API lets open the
 * file (a supervisor shown "Buka" on complaint evidence got a 403). Change both together.
 */
import type { Role } from './session';

export type FilePurpose = 'identity' | 'request_letter' | 'evidence';

/** The roles that may open a used file of each purpose (uploads.py `READERS`). */
export const READERS: Record<FilePurpose, readonly Role[]> = {
  identity: ['complaint_officer'],
  request_letter: ['front_desk', 'supervisor', 'admin'],
  evidence: ['complaint_officer', 'complaint_team', 'admin'],
};

/** An audience's identity scan also opens for those who review and schedule audiences. */
export const AUDIENCE_IDENTITY_READERS: readonly Role[] = ['front_desk', 'admin'];

/** The roles that may open a file of `purpose` attached to `owner` ('audience' or 'complaint'),
 * as uploads.py `readers(purpose, owner)` ("AUD#…" / "CMP#…"). */
export function readers(purpose: FilePurpose, owner: 'audience' | 'complaint'): readonly Role[] {
  const allowed = READERS[purpose];
  return purpose === 'identity' && owner === 'audience' ? [...allowed, ...AUDIENCE_IDENTITY_READERS] : allowed;
}

/** Whether a person with `roles` may open the file (the API still decides, and audits it). */
export function mayOpen(roles: readonly Role[] | undefined, purpose: FilePurpose, owner: 'audience' | 'complaint'): boolean {
  const allowed = readers(purpose, owner);
  return !!roles && roles.some((r) => allowed.includes(r));
}

/**
 * The letter signer (issue 20 point 2): who signs the bureau's letters, as GET
 * /v1/admin/settings/letter-signer says it. While nobody is set (`source` "unset") letters are
 * previewed with a placeholder and issuing is refused; the screens that issue letters say so.
 */
import type { components } from '../../api/schema';
import { t } from '../i18n/t';
import type { Role, Session } from './session';
import { hasRole } from './session';

export type LetterSigner = components['schemas']['LetterSignerOut'];

/** The roles the API lets read the signer (api/letter_signer.py READ). */
export const SIGNER_READERS: Role[] = ['front_desk', 'complaint_officer', 'complaint_team', 'supervisor', 'admin'];

/** The notice a screen that issues letters shows, or null when a signer is set (or unknown). */
export function signerNotice(signer: LetterSigner | undefined, session: Session | null): string | null {
  if (!signer || signer.source !== 'unset') return null;
  return hasRole(session, 'admin') ? t('signer.missingAdmin') : t('signer.missingOthers');
}

/** The signature block in one line: "Jabatan · Nama · Pangkat · NIP …". */
export function signerLine(s: LetterSigner): string {
  return [s.position, s.name, s.rank, `NIP ${s.nip}`].filter((x) => x).join(' · ');
}

/** Where the signer comes from, in words. */
export function signerSource(s: LetterSigner): string {
  return t(`signer.source_${s.source}`);
}

/**
 * People in words: a staff member by the full name the API gives from the staff directory
 * ("Dewi Sartika (tim1)"), the non-staff actors of an audit trail as who they are ("pelapor"),
 * and a sub the directory does not name as itself.
 */
import { t } from '../i18n/t';

type Actor = 'public' | 'reporter' | 'requester' | 'system';

/** `sub` -> "Full Name (sub)" when `name` is known, else the actor in words or the sub. */
export function person(sub: string, name?: string | null): string {
  if (name) return `${name} (${sub})`;
  if (sub.startsWith('system:')) return t('audit.actor.system');
  if (['public', 'reporter', 'requester'].includes(sub)) return t(`audit.actor.${sub as Actor}`);
  return sub;
}

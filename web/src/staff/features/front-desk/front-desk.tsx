/**
 * The counter: the guestbook first (keyboard-first), then walk-in requests and complaint
 * intake. Today's guestbook is loaded once here: the guestbook lists it, and a walk-in
 * request may name the visitor it came with (`guestbook_id`).
 */
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { bureauToday } from '../../../shared/time/format';
import { t } from '../../i18n/t';
import { hasRole, sessionState } from '../../lib/session';
import { Guestbook } from './guestbook';
import { Intake } from './intake';
import { WalkIn } from './walk-in';

export function FrontDesk() {
  const session = sessionState().session;
  const desk = hasRole(session, 'front_desk', 'admin');
  const today = useLoad(
    () => (desk ? api.GET('/v1/admin/guestbook', { params: { query: { date: bureauToday(), limit: 100 } } }) : Promise.resolve({ data: undefined })),
    t('app.offline'),
  );
  return (
    <>
      <h1>{t('frontDesk.title')}</h1>
      {desk && <Guestbook today={today} />}
      <div class="grid">
        {desk && <WalkIn guests={today.data?.items ?? []} />}
        {hasRole(session, 'front_desk', 'complaint_officer', 'admin') && <Intake />}
      </div>
    </>
  );
}

/** The counter: the guestbook first (keyboard-first), then walk-in requests and complaint intake. */
import { t } from '../../i18n/t';
import { hasRole, sessionState } from '../../lib/session';
import { Guestbook } from './guestbook';
import { Intake } from './intake';
import { WalkIn } from './walk-in';

export function FrontDesk() {
  const session = sessionState().session;
  return (
    <>
      <h1>{t('frontDesk.title')}</h1>
      {hasRole(session, 'front_desk', 'admin') && <Guestbook />}
      <div class="grid">
        {hasRole(session, 'front_desk', 'admin') && <WalkIn />}
        {hasRole(session, 'front_desk', 'complaint_officer', 'admin') && <Intake />}
      </div>
    </>
  );
}

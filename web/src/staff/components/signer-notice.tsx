/**
 * "Penandatangan surat belum ditetapkan — atur di Admin": shown on the screens that issue
 * letters while nobody is set to sign them (issuing is refused then; the preview still opens).
 * The admin gets a link to the setting.
 */
import { api } from '../../shared/api/client';
import { useLoad } from '../../shared/api/use-load';
import { t } from '../i18n/t';
import { PATHS } from '../lib/paths';
import { hasRole, sessionState } from '../lib/session';
import { SIGNER_READERS, signerNotice } from '../lib/signer';

function Loaded() {
  const session = sessionState().session;
  const signer = useLoad(() => api.GET('/v1/admin/settings/letter-signer'), t('app.offline'));
  const line = signerNotice(signer.data, session);
  if (!line) return null;
  return (
    <div class="notice notice--error" role="status" data-testid="signer-notice">
      <p>
        {line}
        {hasRole(session, 'admin') && (
          <>
            {' '}
            <a href={`${PATHS.admin}#penandatangan`}>{t('signer.goToAdmin')}</a>
          </>
        )}
      </p>
    </div>
  );
}

export function SignerNotice() {
  if (!hasRole(sessionState().session, ...SIGNER_READERS)) return null;
  return <Loaded />;
}

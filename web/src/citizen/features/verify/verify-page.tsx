/**
 * /verifikasi#<letter id>: the page a letter's QR code opens. Reads GET /v1/letters/{id} and
 * shows what the bureau issued under that id (number, date, subject, signer, addressee's
 * institution, the PDF's SHA-256) and whether it stands or was superseded. The id travels in
 * the fragment, so it never reaches a server log as part of a page URL.
 */
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDate } from '../../../shared/time/format';
import { t } from '../../i18n/t';

type Letter = components['schemas']['LetterOut'];
type State = { kind: 'loading' } | { kind: 'unknown' } | { kind: 'failed' } | { kind: 'found'; letter: Letter };

function letterId(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}

export function VerifyPage() {
  const [id, setId] = useState(letterId());
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const onHash = () => setId(letterId());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!id) {
      setState({ kind: 'unknown' });
      return;
    }
    setState({ kind: 'loading' });
    void api
      .GET('/v1/letters/{letter_id}', { params: { path: { letter_id: id } } })
      .then(({ data, response }) => {
        if (data) setState({ kind: 'found', letter: data });
        else setState({ kind: response.status === 404 ? 'unknown' : 'failed' });
      })
      .catch(() => setState({ kind: 'failed' }));
  }, [id]);
  const lang = currentLanguage();
  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t('track.verifyTitle')}</h1>
      {state.kind === 'loading' && <p aria-busy="true">…</p>}
      {state.kind === 'unknown' && (
        <p role="alert" class="error-message" data-testid="verify-status">
          {t('track.verifyUnknown')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" class="error-message">
          {t('app.offline')}
        </p>
      )}
      {state.kind === 'found' && (
        <>
          <p data-testid="verify-status" class={state.letter.status === 'stands' ? 'notice notice--ok' : 'error-message'} role="status">
            <strong>
              {state.letter.status === 'stands'
                ? t('track.verifyStands')
                : t('track.verifySuperseded', { number: state.letter.superseded_by_number ?? '' })}
            </strong>
          </p>
          <p>{t('track.verifyIntro')}</p>
          <dl class="facts">
            <dt>{t('track.letterNumber')}</dt>
            <dd data-testid="verify-number">{state.letter.number}</dd>
            <dt>{t('track.letterDate')}</dt>
            <dd>{formatDate(state.letter.date, lang)}</dd>
            <dt>{t('track.verifySubject')}</dt>
            <dd>{state.letter.subject}</dd>
            <dt>{t('track.verifyAddressee')}</dt>
            <dd>{state.letter.addressee_institution}</dd>
            <dt>{t('track.verifySigner')}</dt>
            <dd>
              {state.letter.signer_name}, {state.letter.signer_position}
            </dd>
            <dt>{t('track.verifySha')}</dt>
            <dd>
              <code class="code" style="word-break: break-all">
                {state.letter.sha256 ?? '—'}
              </code>
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}

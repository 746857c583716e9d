/** A complaint's conversation with the citizen (issue 19): their messages and every notice
 * sent to them, in order, each notice with its outbox state and the channel's delivery report, in
 * the outbox's own words (Administrasi). */
import { api } from '../../shared/api/client';
import { useLoad } from '../../shared/api/use-load';
import { currentLanguage } from '../../shared/i18n/i18n';
import { formatDateTime } from '../../shared/time/format';
import { noticeLine } from '../lib/outbox';
import { t } from '../i18n/t';

export function Thread({ code }: { code: string }) {
  const lang = currentLanguage();
  const thread = useLoad(() => api.GET('/v1/admin/complaints/{code}/thread', { params: { path: { code } } }), t('app.offline'));
  if (!thread.data) return null;
  return (
    <section aria-labelledby="h-thread">
      <h2 id="h-thread">{t('thread.title')}</h2>
      {thread.data.items.length ? (
        <ol class="timeline">
          {thread.data.items.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> ·{' '}
              <strong>{e.direction === 'in' ? t('thread.in') : noticeLine(e.state, e.delivery)}</strong>
              {e.direction === 'out' && e.error && <span class="hint"> ({e.error})</span>}
              <p>{e.subject ?? e.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('app.none')}</p>
      )}
    </section>
  );
}

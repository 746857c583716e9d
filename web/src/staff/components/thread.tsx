/** A complaint's conversation with the citizen (issue 19): their messages and every notice
 * sent to them, in order, each notice with its delivery status (sent, delivered, read, failed). */
import { api } from '../../shared/api/client';
import { useLoad } from '../../shared/api/use-load';
import { currentLanguage } from '../../shared/i18n/i18n';
import { formatDateTime } from '../../shared/time/format';
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
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · <strong>{e.direction === 'in' ? t('thread.in') : t('thread.out')}</strong>
              {e.direction === 'out' && (
                <span class="hint">
                  {' '}
                  · {e.delivery ? t(`thread.delivery.${e.delivery as 'sent'}`) : e.state === 'failed' ? t('thread.delivery.failed') : t('thread.pending')}
                  {e.error ? ` (${e.error})` : ''}
                </span>
              )}
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

/** The audience queue: most urgent first (the API's order), status filter, paging, search by code. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDateTime } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Select } from '../../components/fields';
import { SlaBadge } from '../../components/sla';
import { t } from '../../i18n/t';
import { audiencePath } from '../../lib/paths';
import { Filters, Pager, SearchBox, usePaging } from './queue-table';

type Status = 'submitted' | 'in_review' | 'scheduled' | 'declined' | 'held' | 'cancelled';
const STATUSES: Status[] = ['submitted', 'in_review', 'scheduled', 'declined', 'held', 'cancelled'];

async function find(q: string): Promise<string | null> {
  const { data } = await api.GET('/v1/admin/audiences/{code}', { params: { path: { code: q.toUpperCase() } } });
  return data ? audiencePath(data.code) : null;
}

export function AudienceQueue() {
  const { route } = useLocation();
  const [status, setStatus] = useState('');
  const paging = usePaging();
  const lang = currentLanguage();
  const list = useLoad(
    () => api.GET('/v1/admin/audiences', { params: { query: { status: (status || undefined) as Status | undefined, cursor: paging.cursor, limit: 20 } } }),
    t('app.offline'),
    [status, paging.cursor],
  );
  return (
    <>
      <h1>{t('queue.audiencesTitle')}</h1>
      <p class="lead">{t('queue.lead')}</p>
      <div class="toolbar">
        <SearchBox find={find} go={route} label={t('queue.audienceSearchLabel')} hint={t('queue.audienceSearchHint')} />
        <Filters>
          <Select
            field="status"
            label={t('queue.status')}
            value={status}
            onValue={(v) => {
              setStatus(v);
              paging.reset();
            }}
            options={[['', t('queue.allOpen')], ...STATUSES.map((s): [string, string] => [s, t(`status.${s}`)])]}
          />
        </Filters>
      </div>
      {list.errors && <LoadError errors={list.errors} retry={list.reload} retryLabel={t('app.retry')} />}
      {list.data && (
        <>
          <table class="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t('queue.code')}</th>
                <th scope="col">{t('queue.institution')}</th>
                <th scope="col">{t('queue.topic')}</th>
                <th scope="col">{t('queue.status')}</th>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('queue.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.code}>
                  <td data-label={t('queue.code')}>
                    <a href={audiencePath(a.code)}>{a.code}</a>
                  </td>
                  <td data-label={t('queue.institution')}>{a.institution_name}</td>
                  <td data-label={t('queue.topic')}>{a.topic}</td>
                  <td data-label={t('queue.status')}>{t(`status.${a.status as Status}`)}</td>
                  <td data-label={t('queue.due')}>{formatDateTime(a.due_at, lang)}</td>
                  <td data-label={t('queue.sla')}>
                    <SlaBadge sla={a.sla} status={a.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.items.length === 0 && <p>{t('queue.empty')}</p>}
          <Pager next={list.data.next_cursor} page={paging.page} onNext={paging.next} onFirst={paging.reset} />
        </>
      )}
      {list.loading && <p aria-live="polite">{t('app.loading')}</p>}
    </>
  );
}

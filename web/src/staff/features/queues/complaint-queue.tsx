/** The complaint queue: most urgent first (the API's order), filters, paging, search. */
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
import { PATHS, complaintPath } from '../../lib/paths';
import { hasRole, sessionState } from '../../lib/session';
import { Filters, Pager, SearchBox, usePaging } from './queue-table';

type Status = 'received' | 'classified' | 'in_progress' | 'awaiting_reporter' | 'answered' | 'closed' | 'rejected' | 'forwarded';
type Klass = 'ringan' | 'normatif' | 'non_pengawasan' | 'pengawasan';
type SlaState = 'on_track' | 'warning' | 'breached';
const STATUSES: Status[] = ['received', 'classified', 'in_progress', 'awaiting_reporter', 'answered', 'closed', 'rejected', 'forwarded'];
const CLASSES: Klass[] = ['ringan', 'normatif', 'non_pengawasan', 'pengawasan'];
const SLAS: SlaState[] = ['breached', 'warning', 'on_track'];

/** A tracking code as the API issues them (PGD-2026-X7K2M9); anything else is a LAPOR id. */
const CODE = /^PGD-\d{4}-[A-Z0-9]+$/i;

async function find(q: string): Promise<string | null> {
  if (CODE.test(q)) {
    const byCode = await api.GET('/v1/admin/complaints/{code}', { params: { path: { code: q.toUpperCase() } } });
    return byCode.data ? complaintPath(byCode.data.code) : null;
  }
  if (!/^[A-Za-z0-9-]{3,40}$/.test(q)) return null;
  const byLapor = await api.GET('/v1/admin/complaints', { params: { query: { lapor_id: q } } });
  const hit = byLapor.data?.items[0];
  return hit ? complaintPath(hit.code) : null;
}

export function ComplaintQueue() {
  const { route } = useLocation();
  const [status, setStatus] = useState('');
  const [klass, setKlass] = useState('');
  const [sla, setSla] = useState('');
  const paging = usePaging();
  const lang = currentLanguage();
  const list = useLoad(
    () =>
      api.GET('/v1/admin/complaints', {
        params: {
          query: {
            status: (status || undefined) as Status | undefined,
            class: (klass || undefined) as Klass | undefined,
            sla: (sla || undefined) as SlaState | undefined,
            cursor: paging.cursor,
            limit: 20,
          },
        },
      }),
    t('app.offline'),
    [status, klass, sla, paging.cursor],
  );
  const filter = (set: (v: string) => void) => (v: string) => {
    set(v);
    paging.reset();
  };
  return (
    <>
      <h1>{t('queue.complaintsTitle')}</h1>
      <p class="lead">{t('queue.lead')}</p>
      {hasRole(sessionState().session, 'complaint_officer', 'admin') && (
        <p>
          <a class="button" href={PATHS.complaintIntake}>
            {t('queue.intake')}
          </a>
        </p>
      )}
      <div class="toolbar">
        <SearchBox find={find} go={route} label={t('queue.searchLabel')} hint={t('queue.searchHint')} />
        <Filters>
          <Select field="status" label={t('queue.status')} value={status} onValue={filter(setStatus)} options={[['', t('queue.allOpen')], ...STATUSES.map((s): [string, string] => [s, t(`status.${s}`)])]} />
          <Select field="class" label={t('queue.class')} value={klass} onValue={filter(setKlass)} options={[['', t('app.all')], ...CLASSES.map((c): [string, string] => [c, t(`class.${c}`)])]} />
          <Select field="sla" label={t('queue.sla')} value={sla} onValue={filter(setSla)} options={[['', t('app.all')], ...SLAS.map((s): [string, string] => [s, t(`sla.${s}`)])]} />
        </Filters>
      </div>
      {list.errors && <LoadError errors={list.errors} retry={list.reload} retryLabel={t('app.retry')} />}
      {list.data && (
        <>
          <table class="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t('queue.code')}</th>
                <th scope="col">{t('queue.subject')}</th>
                <th scope="col">{t('queue.status')}</th>
                <th scope="col">{t('queue.class')}</th>
                <th scope="col">{t('queue.assignee')}</th>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('queue.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.code}>
                  <td data-label={t('queue.code')}>
                    <a href={complaintPath(c.code)}>{c.code}</a>
                  </td>
                  <td data-label={t('queue.subject')}>{c.subject}</td>
                  <td data-label={t('queue.status')}>{t(`status.${c.status as Status}`)}</td>
                  <td data-label={t('queue.class')}>{c.class ? t(`class.${c.class as Klass}`) : t('class.none')}</td>
                  <td data-label={t('queue.assignee')}>{c.assignee ? (c.assignee_name ?? c.assignee) : '—'}</td>
                  <td data-label={t('queue.due')}>{formatDateTime(c.due_at, lang)}</td>
                  <td data-label={t('queue.sla')}>
                    <SlaBadge sla={c.sla} status={c.status} />
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

/**
 * The monthly report: charts (by class, channel, state; on time against late; the median
 * time to answer), the open-and-overdue counts now, and the downloads (CSV and an Excel
 * workbook, both made by the API). Chart.js is loaded here only, on demand.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { bureauToday } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { download } from '../../lib/act';
import { authHeader } from '../../lib/session';

type Pairs = [string, number][];

function label(group: 'class' | 'channel' | 'status', key: string): string {
  return t(`${group}.${key}` as 'class.ringan');
}

function ChartBox({ id, title, values }: { id: string; title: string; values: Pairs }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let live = true;
    void import('./charts').then(({ barChart }) => {
      if (!live || !canvas.current) return;
      chart = barChart(canvas.current, title, values);
      setReady(true);
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [JSON.stringify(values), title]);
  return (
    <figure class="chart card" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <h2>{title}</h2>
      </figcaption>
      <div class="chart__canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${values.map(([l, v]) => `${l} ${v}`).join(', ')}`} />
      </div>
      {!ready && <p>{t('reports.chartsLoading')}</p>}
      <details>
        <summary>{t('reports.table')}</summary>
        <table class="table">
          <tbody>
            {values.map(([l, v]) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                <td class="num">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function OpenOverdue() {
  const open = useLoad(() => api.GET('/v1/admin/complaints', { params: { query: { limit: 100 } } }), t('app.offline'));
  const items = (open.data?.items ?? []).filter((c) => ['received', 'classified', 'in_progress', 'awaiting_reporter'].includes(c.status));
  return (
    <section class="card" aria-labelledby="h-open">
      <h2 id="h-open">{t('reports.openOverdue')}</h2>
      <ul class="counts">
        <li class="count">
          <strong>{items.length}</strong> {t('reports.open')}
        </li>
        <li class="count count--breached">
          <strong>{items.filter((c) => c.sla.state === 'breached').length}</strong> {t('reports.overdue')}
        </li>
      </ul>
    </section>
  );
}

export function Reports() {
  const [month, setMonth] = useState(bureauToday().slice(0, 7));
  const [failed, setFailed] = useState(false);
  const report = useLoad(() => api.GET('/v1/admin/reports/monthly', { params: { query: { month } } }), t('app.offline'), [month]);
  const get = async (format: 'csv' | 'xlsx') => {
    const ok = await download(`/v1/admin/reports/monthly?month=${month}&format=${format}`, authHeader(), `laporan-${month}.${format}`);
    setFailed(!ok);
  };
  const r = typeof report.data === 'object' ? report.data : undefined; // JSON (the downloads are fetched apart)
  const c = r?.complaints;
  const a = r?.audiences;
  const answered = Object.values(c?.answered_by_class ?? {});
  const onTime: Pairs = [
    [t('sla.onTime'), answered.reduce((n, x) => n + x.on_time, 0)],
    [t('sla.late'), answered.reduce((n, x) => n + x.late, 0)],
  ];
  const audienceOnTime: Pairs = a ? [[t('sla.onTime'), a.on_time], [t('sla.late'), a.late]] : [];
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <div class="toolbar">
        <Input field="month" type="month" label={t('reports.month')} value={month} onValue={(v) => v && setMonth(v)} />
        <button type="button" class="button" onClick={() => void get('csv')}>
          {t('reports.csv')}
        </button>
        <button type="button" class="button" onClick={() => void get('xlsx')}>
          {t('reports.xlsx')}
        </button>
      </div>
      <Notice kind="error" lines={failed ? [t('app.offline')] : []} />
      {report.errors && <LoadError errors={report.errors} retry={report.reload} retryLabel={t('app.retry')} />}
      <OpenOverdue />
      {r && r.unreadable.length > 0 && (
        <div class="notice notice--error" role="alert" id="report-unreadable">
          <p>{t('reports.unreadable', { n: r.unreadable.length, codes: r.unreadable.join(', ') })}</p>
        </div>
      )}
      {c && a && (
        <>
          <section class="card" aria-labelledby="h-figures">
            <h2 id="h-figures">{t('reports.median')}</h2>
            <ul class="counts">
              <li class="count">
                <strong>{c.received}</strong> {t('reports.received')}
              </li>
              <li class="count">{c.median_office_minutes_to_answer === null ? '—' : t('reports.medianMinutes', { n: c.median_office_minutes_to_answer ?? 0 })}</li>
              <li class="count">{c.median_working_days_to_answer === null ? '—' : t('reports.medianDays', { n: c.median_working_days_to_answer ?? 0 })}</li>
              <li class="count">
                {t('reports.rating')}: {c.average_rating ?? '—'}
              </li>
            </ul>
          </section>
          <div class="grid">
            <ChartBox id="by-class" title={t('reports.byClass')} values={Object.entries(c.by_class).map(([k, v]): [string, number] => [label('class', k), Number(v)])} />
            <ChartBox id="by-channel" title={t('reports.byChannel')} values={Object.entries(c.by_channel).map(([k, v]): [string, number] => [label('channel', k), Number(v)])} />
            <ChartBox id="by-state" title={t('reports.byState')} values={Object.entries(c.by_state).map(([k, v]): [string, number] => [label('status', k), Number(v)])} />
            <ChartBox id="on-time" title={`${t('reports.onTime')} (${t('nav.complaints')})`} values={onTime} />
            <ChartBox id="audience-on-time" title={`${t('reports.onTime')} (${t('reports.audiences')})`} values={audienceOnTime} />
          </div>
        </>
      )}
    </>
  );
}

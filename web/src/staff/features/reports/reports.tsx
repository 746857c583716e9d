/**
 * The monthly report: each figure in words (complaints and audience requests of the month,
 * the median time to answer), charts (by class, channel, state; on time against late), the
 * open-and-overdue counts of both services now, and the downloads (CSV in the separators of
 * the console's language and an Excel workbook, both made by the API). Chart.js is loaded
 * here only, on demand.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { bureauToday, formatMonth } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { download } from '../../lib/act';
import { ON_TIME_COLOURS, stateColour } from './colours';
import { authHeader } from '../../lib/session';

type Pairs = [string, number][];

function label(group: 'class' | 'channel' | 'status', key: string): string {
  return t(`${group}.${key}` as 'class.ringan');
}

function ChartBox({ id, title, values, colours }: { id: string; title: string; values: Pairs; colours?: readonly string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let live = true;
    void import('./charts').then(({ barChart }) => {
      if (!live || !canvas.current) return;
      chart = barChart(canvas.current, title, values, colours);
      setReady(true);
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [JSON.stringify(values), title, colours?.join()]);
  return (
    <figure class="chart card" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <h2>{title}</h2>
      </figcaption>
      <div class="chart__canvas">
        <canvas ref={canvas} role="img" data-colours={colours?.join(' ')} aria-label={`${title}: ${values.map(([l, v]) => `${l} ${v}`).join(', ')}`} />
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

/** A labelled figure: the words first, then the number (never a bare number). */
function Figure({ label: words, value, id }: { label: string; value: string | number; id?: string }) {
  return (
    <div class="figure" id={id}>
      <dt>{words}</dt>
      <dd class={typeof value === 'number' ? undefined : 'figure__words'}>{typeof value === 'number' ? formatNumber(value) : value}</dd>
    </div>
  );
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 }).format(value);
}

/** Open and overdue items of both services now (counted by the API, nothing paged here). */
function OpenOverdue() {
  const now = useLoad(() => api.GET('/v1/admin/reports/open'), t('app.offline'));
  const d = now.data;
  return (
    <section class="card" aria-labelledby="h-open" id="report-open-now">
      <h2 id="h-open">{t('reports.openOverdue')}</h2>
      {now.errors && <LoadError errors={now.errors} retry={now.reload} retryLabel={t('app.retry')} />}
      {d && (
        <div class="figure-groups">
          {(
            [
              ['complaints', t('nav.complaints'), t('reports.openComplaints'), d.complaints],
              ['audiences', t('reports.audiences'), t('reports.openAudiences'), d.audiences],
            ] as const
          ).map(([key, title, open, n]) => (
            <dl class="figures" key={key} aria-label={title} id={`open-${key}`}>
              {/* An open audience is one not yet answered or whose meeting lies ahead (the
                  API's open queue), more than the dashboard's "awaiting an answer". */}
              <Figure label={open} value={n.open} />
              <Figure label={t('reports.overdueOf', { service: title })} value={n.overdue} />
            </dl>
          ))}
        </div>
      )}
    </section>
  );
}

/** UNCLASSIFIED in the API's counts is the catalogue's `none`. */
function classLabel(key: string): string {
  return label('class', key === 'belum_diklasifikasi' ? 'none' : key);
}

export function Reports() {
  const [month, setMonth] = useState(bureauToday().slice(0, 7));
  const [failed, setFailed] = useState(false);
  const report = useLoad(() => api.GET('/v1/admin/reports/monthly', { params: { query: { month } } }), t('app.offline'), [month]);
  const get = async (format: 'csv' | 'xlsx') => {
    // the file's words and, for CSV, its separators follow the console's language
    const headers = { ...authHeader(), 'Accept-Language': currentLanguage() };
    const ok = await download(`/v1/admin/reports/monthly?month=${month}&format=${format}`, headers, `laporan-${month}.${format}`);
    setFailed(!ok);
  };
  // the chosen month in words: the headings name it (issue 17: "bulan ini" under November)
  const monthWords = formatMonth(month, currentLanguage());
  const r = typeof report.data === 'object' ? report.data : undefined; // JSON (the downloads are fetched apart)
  const c = r?.complaints;
  const a = r?.audiences;
  const answered = Object.values(c?.answered_by_class ?? {});
  const complaintOnTime = answered.reduce((n, x) => n + x.on_time, 0);
  const complaintLate = answered.reduce((n, x) => n + x.late, 0);
  const onTime: Pairs = [
    [t('sla.onTime'), complaintOnTime],
    [t('sla.late'), complaintLate],
  ];
  const audienceOnTime: Pairs = a ? [[t('sla.onTime'), a.on_time], [t('sla.late'), a.late]] : [];
  const rating = (average: number | null | undefined, n: number) =>
    average === null || average === undefined ? t('reports.noRatings') : t('reports.ratingOf', { avg: formatNumber(average), n });
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
      <p class="hint">{t('reports.csvHint')}</p>
      <Notice kind="error" lines={failed ? [t('app.offline')] : []} />
      {report.errors && <LoadError errors={report.errors} retry={report.reload} retryLabel={t('app.retry')} />}
      <OpenOverdue />
      {r && r.unreadable.length > 0 && (
        <div class="notice notice--error" role="alert" id="report-unreadable">
          <p>{t('reports.unreadable', { month: monthWords, n: r.unreadable.length, codes: r.unreadable.join(', ') })}</p>
        </div>
      )}
      {c && a && (
        <>
          <div class="grid">
            <section class="card" aria-labelledby="h-complaints" id="report-complaints">
              <h2 id="h-complaints">{t('reports.complaintsOfMonth', { month: monthWords })}</h2>
              <dl class="figures">
                <Figure label={t('reports.received')} value={c.received} />
                <Figure label={t('reports.answeredOnTime')} value={complaintOnTime} />
                <Figure label={t('reports.answeredLate')} value={complaintLate} />
                <Figure label={t('reports.rating')} value={rating(c.average_rating, c.ratings)} />
              </dl>
            </section>
            <section class="card" aria-labelledby="h-median" id="report-median">
              <h2 id="h-median">{t('reports.median')}</h2>
              <dl class="figures">
                <Figure
                  label={t('reports.medianMinutesLabel')}
                  value={c.median_office_minutes_to_answer === null ? t('reports.noAnswers') : t('reports.medianMinutes', { n: formatNumber(c.median_office_minutes_to_answer ?? 0) })}
                />
                <Figure
                  label={t('reports.medianDaysLabel')}
                  value={c.median_working_days_to_answer === null ? t('reports.noAnswers') : t('reports.medianDays', { n: formatNumber(c.median_working_days_to_answer ?? 0) })}
                />
              </dl>
              <p class="hint">{t('reports.medianPrecision')}</p>
            </section>
            <section class="card" aria-labelledby="h-audiences" id="report-audiences">
              <h2 id="h-audiences">{t('reports.audiencesOfMonth', { month: monthWords })}</h2>
              <dl class="figures">
                <Figure label={t('reports.audiencesReceived')} value={a.received} />
                <Figure label={t('reports.scheduled')} value={a.scheduled} />
                <Figure label={t('reports.declined')} value={a.declined} />
                <Figure label={t('reports.answeredOnTime')} value={a.on_time} />
                <Figure label={t('reports.answeredLate')} value={a.late} />
                <Figure label={t('reports.rating')} value={rating(a.average_rating, a.ratings)} />
              </dl>
            </section>
          </div>
          <div class="grid">
            <ChartBox id="by-class" title={`${t('reports.byClass')} (${t('nav.complaints')})`} values={Object.entries(c.by_class).map(([k, v]): [string, number] => [classLabel(k), Number(v)])} />
            <ChartBox id="by-channel" title={`${t('reports.byChannel')} (${t('nav.complaints')})`} values={Object.entries(c.by_channel).map(([k, v]): [string, number] => [label('channel', k), Number(v)])} />
            <ChartBox
              id="by-state"
              title={`${t('reports.byState')} (${t('nav.complaints')})`}
              values={Object.entries(c.by_state).map(([k, v]): [string, number] => [label('status', k), Number(v)])}
              colours={Object.keys(c.by_state).map(stateColour)}
            />
            <ChartBox id="on-time" title={`${t('reports.onTime')} (${t('nav.complaints')})`} values={onTime} colours={ON_TIME_COLOURS} />
            <ChartBox
              id="audience-by-state"
              title={`${t('reports.byState')} (${t('reports.audiences')})`}
              values={Object.entries(a.by_state).map(([k, v]): [string, number] => [label('status', k), Number(v)])}
              colours={Object.keys(a.by_state).map(stateColour)}
            />
            <ChartBox id="audience-on-time" title={`${t('reports.onTime')} (${t('reports.audiences')})`} values={audienceOnTime} colours={ON_TIME_COLOURS} />
          </div>
        </>
      )}
    </>
  );
}

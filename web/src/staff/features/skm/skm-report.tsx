/**
 * The satisfaction survey (SKM) report: the index (IKM) and quality of a period, a chart of
 * each element's NRR, the sample against the Krejcie-Morgan minimum, downloads (CSV, Excel,
 * made by the API), and for supervisors and admins the publication form with the follow-up
 * plan of each weak element. Chart.js is loaded on demand.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatNumber } from '../../../shared/number';
import { bureauToday } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Input, Notice, Select } from '../../components/fields';
import { t } from '../../i18n/t';
import { act, download } from '../../lib/act';
import { authHeader, hasRole, sessionState } from '../../lib/session';

type Report = components['schemas']['SkmReportOut'];
type Service = 'all' | 'audience' | 'complaint';

/** A quality letter with its words in the console's language ("D Tidak Baik", "D Very poor"). */
export function quality(mutu: string | null | undefined): string {
  return mutu ? `${mutu} ${t(`skm.band_${mutu}` as 'skm.band_A')}` : '—';
}

function NrrChart({ report }: { report: Report }) {
  const lang = currentLanguage();
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = report.per_unsur.map((u) => ({ label: u.unsur, nrr: u.nrr, mutu: u.mutu }));
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let live = true;
    void import('./chart').then(({ nrrChart }) => {
      if (live && canvas.current) chart = nrrChart(canvas.current, t('skm.chart'), rows);
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [JSON.stringify(rows)]);
  return (
    <figure class="chart card" aria-labelledby="skm-chart-cap">
      <figcaption id="skm-chart-cap">
        <h2>{t('skm.chart')}</h2>
      </figcaption>
      <div class="chart__canvas">
        <canvas ref={canvas} role="img" aria-label={rows.map((r) => `${r.label} ${formatNumber(r.nrr, lang, 2)}`).join(', ')} />
      </div>
      <table class="table table--cards" data-testid="skm-table">
        <thead>
          <tr>
            <th scope="col">{t('skm.unsur')}</th>
            <th scope="col">NRR</th>
            <th scope="col">{t('skm.weighted')}</th>
            <th scope="col">{t('skm.converted')}</th>
            <th scope="col">{t('skm.mutu')}</th>
          </tr>
        </thead>
        <tbody>
          {report.per_unsur.map((u) => (
            <tr key={u.unsur}>
              <th scope="row">
                {u.unsur} {u.name}
              </th>
              <td data-label="NRR" class="num">
                {formatNumber(u.nrr, lang, 2)}
              </td>
              <td data-label={t('skm.weighted')} class="num">
                {formatNumber(u.nrr_weighted, lang, 3)}
              </td>
              <td data-label={t('skm.converted')} class="num">
                {formatNumber(u.converted, lang, 2)}
              </td>
              <td data-label={t('skm.mutu')}>{quality(u.mutu)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

interface Plan {
  action: string;
  who: string;
  by: string;
}

function PublishForm({ report, onDone }: { report: Report; onDone: () => void }) {
  const [plans, setPlans] = useState<Record<string, Plan>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const plan = (u: string): Plan => plans[u] ?? { action: '', who: '', by: '' };
  const set = (u: string, change: Partial<Plan>) => setPlans({ ...plans, [u]: { ...plan(u), ...change } });
  return (
    <section class="card" aria-labelledby="h-publish">
      <h2 id="h-publish">{t('skm.publishTitle')}</h2>
      <p>{t('skm.publishLead')}</p>
      <Notice kind="error" lines={errors} />
      <Notice kind="ok" lines={done ? [t('skm.published')] : []} />
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const follow_up = report.weakest
            .map((u) => ({ unsur: u.unsur as 'U1', ...plan(u.unsur) }))
            .filter((f) => f.action || f.who || f.by);
          const out = await act(() =>
            api.POST('/v1/admin/skm/publications', {
              body: { from: report.from, to: report.to, service: report.service, follow_up },
            }),
          );
          setBusy(false);
          if (out.ok) {
            setErrors([]);
            setDone(true);
            onDone();
          } else if (!out.conflict) {
            setErrors([...Object.values(out.errors.fields), ...out.errors.general]);
          }
        }}
      >
        {report.weakest.map((u) => (
          <fieldset key={u.unsur} class="plan">
            <legend>
              {u.unsur} {u.name} (NRR {formatNumber(u.nrr, currentLanguage(), 2)})
            </legend>
            <Input field={`plan-${u.unsur}-action`} label={t('skm.action')} value={plan(u.unsur).action} onValue={(v) => set(u.unsur, { action: v })} />
            <Input field={`plan-${u.unsur}-who`} label={t('skm.who')} value={plan(u.unsur).who} onValue={(v) => set(u.unsur, { who: v })} />
            <Input field={`plan-${u.unsur}-by`} type="date" label={t('skm.by')} value={plan(u.unsur).by} onValue={(v) => set(u.unsur, { by: v })} />
          </fieldset>
        ))}
        <button type="submit" class="button" disabled={busy}>
          {t('skm.publish')}
        </button>
      </form>
    </section>
  );
}

export function SkmReport() {
  const lang = currentLanguage();
  const month = bureauToday().slice(0, 7);
  const [from, setFrom] = useState(`${month.slice(0, 4)}-01`);
  const [to, setTo] = useState(month);
  const [service, setService] = useState<Service>('all');
  const [failed, setFailed] = useState(false);
  const report = useLoad(
    () => api.GET('/v1/admin/reports/skm', { params: { query: { from, to, service } } }),
    t('app.offline'),
    [from, to, service],
  );
  const r = typeof report.data === 'object' ? report.data : undefined;
  const get = async (format: 'csv' | 'xlsx') => {
    const url = `/v1/admin/reports/skm?from=${from}&to=${to}&service=${service}&format=${format}`;
    // the file's words and, for CSV, its separators follow the console's language
    const headers = { ...authHeader(), 'Accept-Language': currentLanguage() };
    setFailed(!(await download(url, headers, `skm-${from}-${to}.${format}`)));
  };
  const canPublish = hasRole(sessionState().session, 'supervisor', 'admin');
  return (
    <>
      <h1>{t('skm.title')}</h1>
      <div class="toolbar">
        <Input field="from" type="month" label={t('skm.from')} value={from} onValue={(v) => v && setFrom(v)} />
        <Input field="to" type="month" label={t('skm.to')} value={to} onValue={(v) => v && setTo(v)} />
        <Select
          field="service"
          label={t('skm.service')}
          value={service}
          onValue={(v) => setService(v as Service)}
          options={[
            ['all', t('skm.all')],
            ['audience', t('nav.audiences')],
            ['complaint', t('nav.complaints')],
          ]}
        />
        <button type="button" class="button" onClick={() => void get('csv')}>
          {t('reports.csv')}
        </button>
        <button type="button" class="button" onClick={() => void get('xlsx')}>
          {t('reports.xlsx')}
        </button>
      </div>
      <Notice kind="error" lines={failed ? [t('app.offline')] : []} />
      {report.errors && <LoadError errors={report.errors} retry={report.reload} retryLabel={t('app.retry')} />}
      {r && (
        <>
          <section class="card" aria-labelledby="h-ikm">
            <h2 id="h-ikm">{t('skm.index')}</h2>
            <p data-testid="skm-note">{r.note}</p>
            <ul class="counts">
              <li class="count">
                <strong data-testid="skm-ikm">{r.converted_index === null ? '—' : formatNumber(r.converted_index, lang, 2)}</strong> IKM
              </li>
              <li class="count" data-testid="skm-quality">
                <strong>{r.mutu ?? '—'}</strong> {r.mutu ? t(`skm.band_${r.mutu}`) : ''}
              </li>
              <li class={`count${r.sample_sufficient ? '' : ' count--breached'}`} data-testid="skm-sample">
                {t('skm.sample', {
                  n: r.responses,
                  min: r.minimum_sample,
                  population: r.population,
                  verdict: t(r.sample_sufficient ? 'skm.sampleMet' : 'skm.sampleShort'),
                })}
              </li>
            </ul>
          </section>
          {r.per_unsur.length > 0 && <NrrChart report={r} />}
          {r.suggestions.length > 0 && (
            <section class="card" aria-labelledby="h-suggestions">
              <h2 id="h-suggestions">{t('skm.suggestions')}</h2>
              <ul>
                {r.suggestions.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </section>
          )}
          {canPublish && r.converted_index !== null && <PublishForm report={r} onDone={report.reload} />}
        </>
      )}
    </>
  );
}

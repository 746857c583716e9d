/**
 * The day at a glance: open complaints and audiences by SLA state, what is due today, what
 * breached, counted over the most urgent page of each queue (the API sorts by deadline).
 */
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { bureauToday } from '../../../shared/time/format';
import { formatTime } from '../../../shared/time/format';
import { SlaBadge } from '../../components/sla';
import type { Sla } from '../../components/sla';
import { t } from '../../i18n/t';
import { PATHS, audiencePath, complaintPath } from '../../lib/paths';
import { hasRole, sessionState } from '../../lib/session';

const PAGE = 100;
const OPEN_COMPLAINTS = ['received', 'classified', 'in_progress', 'awaiting_reporter'];
const OPEN_AUDIENCES = ['submitted', 'in_review'];

interface Row {
  code: string;
  title: string;
  status: string;
  due_at: string;
  sla: Sla;
}

function Summary({ title, rows, queue, link }: { title: string; rows: Row[]; queue: string; link: (code: string) => string }) {
  const today = bureauToday();
  const lang = currentLanguage();
  const counts = { on_track: 0, warning: 0, breached: 0 };
  for (const r of rows) counts[r.sla.state as keyof typeof counts] += 1;
  const dueToday = rows.filter((r) => bureauToday(new Date(r.due_at)) === today && r.sla.state !== 'breached');
  const breached = rows.filter((r) => r.sla.state === 'breached');
  return (
    <section class="card" aria-labelledby={`h-${queue}`}>
      <h2 id={`h-${queue}`}>{title}</h2>
      <ul class="counts">
        {(['breached', 'warning', 'on_track'] as const).map((s) => (
          <li key={s} class={`count count--${s}`}>
            <strong>{counts[s]}</strong> {t(`sla.${s}`)}
          </li>
        ))}
      </ul>
      <h3>{t('dashboard.dueToday')}</h3>
      {dueToday.length ? (
        <ul class="plain">
          {dueToday.map((r) => (
            <li key={r.code}>
              <a href={link(r.code)}>{r.code}</a> {r.title} · {formatTime(r.due_at, lang)} <SlaBadge sla={r.sla} status={r.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('app.none')}</p>
      )}
      <h3>{t('dashboard.breached')}</h3>
      {breached.length ? (
        <ul class="plain">
          {breached.map((r) => (
            <li key={r.code}>
              <a href={link(r.code)}>{r.code}</a> {r.title} <SlaBadge sla={r.sla} status={r.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('app.none')}</p>
      )}
      <p class="hint">{t('dashboard.sample', { n: PAGE })}</p>
      <a href={queue}>{t('dashboard.open')}</a>
    </section>
  );
}

export function Dashboard() {
  const session = sessionState().session;
  const seesComplaints = hasRole(session, 'complaint_officer', 'complaint_team', 'supervisor', 'admin');
  const seesAudiences = hasRole(session, 'front_desk', 'supervisor', 'admin');
  const complaints = useLoad(
    async () => {
      if (!seesComplaints) return { data: [] as Row[] };
      const { data, error } = await api.GET('/v1/admin/complaints', { params: { query: { limit: PAGE } } });
      return { data: data?.items.filter((c) => OPEN_COMPLAINTS.includes(c.status)).map((c) => ({ ...c, title: c.subject })), error };
    },
    t('app.offline'),
  );
  const audiences = useLoad(
    async () => {
      if (!seesAudiences) return { data: [] as Row[] };
      const { data, error } = await api.GET('/v1/admin/audiences', { params: { query: { limit: PAGE } } });
      return { data: data?.items.filter((a) => OPEN_AUDIENCES.includes(a.status)).map((a) => ({ ...a, title: a.institution_name })), error };
    },
    t('app.offline'),
  );
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div class="grid">
        {seesComplaints && complaints.data && (
          <Summary title={t('dashboard.complaints')} rows={complaints.data} queue={PATHS.complaints} link={complaintPath} />
        )}
        {seesAudiences && audiences.data && (
          <Summary title={t('dashboard.audiences')} rows={audiences.data} queue={PATHS.audiences} link={audiencePath} />
        )}
      </div>
      {(complaints.loading || audiences.loading) && <p aria-live="polite">{t('app.loading')}</p>}
    </>
  );
}

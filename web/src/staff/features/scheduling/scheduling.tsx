/**
 * Scheduling: the bureau's active rooms (`GET /v1/admin/rooms`, kept by the admin) as a row
 * of buttons, plus "another place" for a meeting outside them (the API takes any place's
 * name); the chosen room's week (Monday to Friday, office hours by the hour) with the
 * meetings booked in it (`GET /v1/admin/meetings`); picking a free hour fills the
 * schedule form. The requests waiting to be scheduled are listed beside it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { bureauToday, formatDate, formatTime } from '../../../shared/time/format';
import { Input } from '../../components/fields';
import { t } from '../../i18n/t';
import { audiencePath } from '../../lib/paths';
import type { Slot } from './schedule-form';
import { ScheduleForm } from './schedule-form';

const HOURS = [8, 9, 10, 11, 12, 13, 14, 15];
/** The place offered before the admin has listed any room. */
const DEFAULT_ROOM = 'Ruang Rapat Biro Kesra';

/** Monday of the week holding `date` (YYYY-MM-DD, a calendar date: computed in UTC). */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The week to open on: this week, or the coming one on a Saturday or Sunday (`today` is the
 * bureau's date, YYYY-MM-DD). */
export function firstWeek(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return mondayOf(weekday === 6 || weekday === 0 ? addDays(today, 2) : today);
}

export function Scheduling() {
  const { query } = useLocation();
  const lang = currentLanguage();
  const rooms = useLoad(() => api.GET('/v1/admin/rooms'), t('app.offline'));
  const active = (rooms.data?.items ?? []).filter((r) => r.active);
  const [room, setRoom] = useState('');
  const [elsewhere, setElsewhere] = useState(false);
  useEffect(() => {
    if (room || !rooms.data) return;
    setRoom(active[0]?.name ?? DEFAULT_ROOM);
    setElsewhere(active.length === 0);
  }, [rooms.data]);
  const listed = active.find((r) => r.name === room);
  const [week, setWeek] = useState(firstWeek(bureauToday()));
  const [code, setCode] = useState(query.kode ?? '');
  const [slot, setSlot] = useState<Slot>({ date: '', start: '', end: '' });
  const days = [0, 1, 2, 3, 4].map((n) => addDays(week, n));
  /** On a phone (below 40rem) the grid shows one day at a time, picked here. */
  const [shown, setShown] = useState(0);
  const other = (i: number) => (i === shown ? undefined : 'week__other');
  const booked = useLoad(
    () => (room.trim() ? api.GET('/v1/admin/meetings', { params: { query: { room, from: week, days: 5 } } }) : Promise.resolve({ data: undefined, error: undefined })),
    t('app.offline'),
    [room, week],
  );
  // The week's holidays (a library holiday, cuti bersama or one the admin added; a holiday the
  // bureau works is not one): such a day is closed, no free hour is offered on it.
  const years = [...new Set([days[0], days[4]].map((d) => Number((d ?? week).slice(0, 4))))];
  const calendars = useLoad(
    () =>
      Promise.all(years.map((year) => api.GET('/v1/admin/calendar/{year}', { params: { path: { year } } }))).then((all) =>
        all.every((r) => r.data) ? { data: all.flatMap((r) => r.data?.non_working_dates ?? []) } : { data: undefined, error: all.find((r) => r.error)?.error },
      ),
    t('app.offline'),
    [years.join()],
  );
  const holiday = (date: string) => calendars.data?.find((h) => h.date === date)?.name;
  const waiting = useLoad(() => api.GET('/v1/admin/audiences', { params: { query: { status: 'in_review', limit: 20 } } }), t('app.offline'));

  const meetingAt = (date: string, hour: number) => {
    const from = Date.parse(`${date}T${pad(hour)}:00+07:00`);
    const to = from + 3600_000;
    return booked.data?.meetings.find((m) => Date.parse(m.start) < to && Date.parse(m.end) > from);
  };

  return (
    <>
      <h1>{t('scheduling.title')}</h1>
      <div class="rooms" role="group" aria-label={t('scheduling.rooms')}>
        {active.map((r) => (
          <button
            type="button"
            key={r.id}
            class="button button--secondary room-pick room-pick--room"
            aria-pressed={!elsewhere && r.name === room}
            onClick={() => {
              setElsewhere(false);
              setRoom(r.name);
            }}
          >
            {r.name} <span class="room-pick__capacity">{t('scheduling.capacity', { n: r.capacity })}</span>
          </button>
        ))}
        <button
          type="button"
          class="button button--secondary room-pick"
          aria-pressed={elsewhere}
          onClick={() => {
            setElsewhere(true);
            setRoom('');
          }}
        >
          {t('scheduling.elsewhere')}
        </button>
      </div>
      <div class="toolbar">
        {elsewhere && <Input field="room" label={t('scheduling.place')} value={room} onValue={setRoom} />}
        <Input field="week" type="date" label={t('scheduling.week')} value={week} onValue={(v) => v && setWeek(mondayOf(v))} />
        <button type="button" class="button button--secondary" onClick={() => setWeek(addDays(week, -7))}>
          {t('scheduling.prev')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => setWeek(addDays(week, 7))}>
          {t('scheduling.nextWeek')}
        </button>
      </div>
      <p class="hint">{t('scheduling.pickHint')}</p>
      <div class="days" role="group" aria-label={t('scheduling.date')}>
        {days.map((d, i) => (
          <button type="button" key={d} class="button button--secondary room-pick" aria-pressed={i === shown} onClick={() => setShown(i)}>
            {formatDate(d, lang)}
          </button>
        ))}
      </div>
      <div class="schedule">
        <table class="table week" tabIndex={0} aria-label={`${t('scheduling.room')}: ${room}`}>
          <caption>
            {room || t('scheduling.noPlace')}
            {listed && ` · ${t('scheduling.capacity', { n: listed.capacity })}`}
          </caption>
          <thead>
            <tr>
              <td />
              {days.map((d, i) => (
                <th scope="col" key={d} class={other(i)}>
                  {formatDate(d, lang)}
                  {holiday(d) !== undefined && <span class="week__holiday">{t('scheduling.holiday', { name: holiday(d) ?? '' })}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {HOURS.map((h) => (
              <tr key={h}>
                <th scope="row">{formatTime(`${week}T${pad(h)}:00+07:00`, lang)}</th>
                {days.map((d, i) => {
                  const m = meetingAt(d, h);
                  const past = Date.parse(`${d}T${pad(h)}:00+07:00`) <= Date.now();
                  const picked = slot.date === d && slot.start === pad(h);
                  return (
                    <td key={d} class={`${m ? 'slot slot--booked' : 'slot'} ${other(i) ?? ''}`}>
                      {m ? (
                        <a href={audiencePath(m.code)}>
                          {t('scheduling.booked', { code: m.code })} ({formatTime(m.start, lang)}–{formatTime(m.end, lang)})
                        </a>
                      ) : holiday(d) !== undefined ? (
                        <span class="slot__past slot__closed">{t('scheduling.closed')}</span>
                      ) : past ? (
                        <span class="slot__past">{t('scheduling.past')}</span>
                      ) : (
                        <button
                          type="button"
                          class={`slot__free${picked ? ' slot__free--picked' : ''}`}
                          aria-pressed={picked}
                          data-slot={`${d}T${pad(h)}`}
                          onClick={() => setSlot({ date: d, start: pad(h), end: pad(h + 1) })}
                        >
                          {t('scheduling.free', { time: formatTime(`${d}T${pad(h)}:00+07:00`, lang) })}
                          <span class="visually-hidden"> {formatDate(d, lang)}</span>
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <ScheduleForm code={code} onCode={setCode} room={room} slot={slot} onSlot={setSlot} onScheduled={() => { booked.reload(); waiting.reload(); }} />
          <section class="card" aria-labelledby="h-waiting">
            <h2 id="h-waiting">{t('scheduling.waiting')}</h2>
            {waiting.data && waiting.data.items.length === 0 && <p class="hint">{t('app.none')}</p>}
            <ul class="plain">
              {(waiting.data?.items ?? []).map((a) => (
                <li key={a.code}>
                  <button type="button" class="link-button" onClick={() => setCode(a.code)}>
                    {a.code}
                  </button>{' '}
                  {a.institution_name} · {a.topic}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}

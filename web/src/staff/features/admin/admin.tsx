/**
 * Administration: who signs the bureau's letters (admin sets name, position, rank, NIP;
 * If-Match on its version; the staff who issue letters read it), the bureau's rooms (admin adds, renames, resizes, deactivates; each change
 * If-Match on the room's version), the working calendar of a year (library holidays and cuti bersama, the
 * bureau's own additions and the holidays it works; admin edits, If-Match), the outbox
 * (state, attempts, failures) and running the SLA sweep (admin).
 */
import { useState } from 'preact/hooks';
import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { bureauToday, formatDate, formatDateTime } from '../../../shared/time/format';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { act } from '../../lib/act';
import { hasRole, sessionState } from '../../lib/session';
import { outboxState } from '../../lib/outbox';
import { person } from '../../lib/people';
import type { LetterSigner } from '../../lib/signer';
import { SIGNER_READERS, signerLine, signerSource } from '../../lib/signer';

type CalendarOut = components['schemas']['CalendarOut'];
type RoomOut = components['schemas']['RoomOut'];
type Said = { kind: 'ok' | 'error'; lines: string[] } | null;

const SIGNER_FIELDS = ['name', 'position', 'rank', 'nip'] as const;

/** The form of the signer, filled with the one letters take now. */
function SignerForm({ current, onSaved, say }: { current: LetterSigner; onSaved: () => void; say: (s: Said) => void }) {
  const unset = current.source === 'unset';
  const [name, setName] = useState(unset ? '' : current.name);
  const [position, setPosition] = useState(current.position);
  const [rank, setRank] = useState(current.rank);
  const [nip, setNip] = useState(unset || current.nip === '-' ? '' : current.nip);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (e: Event) => {
    e.preventDefault();
    say(null);
    const header = current.version > 0 ? { 'If-Match': `"${current.version}"` } : {};
    const outcome = await act(
      () =>
        api.PUT('/v1/admin/settings/letter-signer', {
          params: { header },
          body: { name, position, rank: rank.trim() ? rank : null, nip },
        }),
      SIGNER_FIELDS,
    );
    if (outcome.ok) {
      setErrors({});
      say({ kind: 'ok', lines: [t('signer.saved', { name: outcome.data.name })] });
      onSaved();
    } else if (outcome.conflict) {
      say({ kind: 'error', lines: [t('signer.conflict')] });
      onSaved();
    } else {
      setErrors(outcome.errors.fields);
      say(outcome.errors.general.length ? { kind: 'error', lines: outcome.errors.general } : null);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} aria-labelledby="h-signer" data-testid="signer-form">
      <Input field="signer-name" label={t('signer.name')} value={name} onValue={setName} error={errors.name} />
      <Input field="signer-position" label={t('signer.position')} value={position} onValue={setPosition} error={errors.position} />
      <Input field="signer-rank" label={t('signer.rank')} value={rank} onValue={setRank} error={errors.rank} />
      <Input field="signer-nip" label={t('signer.nip')} value={nip} onValue={setNip} error={errors.nip} />
      <button type="submit" class="button">
        {t('signer.save')}
      </button>
    </form>
  );
}

function LetterSignerSection({ canEdit }: { canEdit: boolean }) {
  const lang = currentLanguage();
  const signer = useLoad(() => api.GET('/v1/admin/settings/letter-signer'), t('app.offline'));
  const [said, say] = useState<Said>(null);
  const s = signer.data;
  return (
    <section class="card" aria-labelledby="h-signer" id="penandatangan">
      <h2 id="h-signer">{t('signer.title')}</h2>
      <p class="hint">{t('signer.hint')}</p>
      {signer.errors && <Notice kind="error" lines={signer.errors.general} />}
      {s && (
        <p data-testid="signer-current">
          <strong>{t('signer.current')}:</strong> {s.source === 'unset' ? t('signer.missingAdmin') : signerLine(s)} ({signerSource(s)})
          {s.updated_at && s.updated_by && <> · {t('signer.updated', { at: formatDateTime(s.updated_at, lang), by: person(s.updated_by, s.updated_by_name) })}</>}
        </p>
      )}
      {said && <Notice kind={said.kind} lines={said.lines} />}
      {s && canEdit && <SignerForm key={s.version} current={s} onSaved={signer.reload} say={say} />}
    </section>
  );
}

const ROOM_FIELDS = ['name', 'capacity', 'active'] as const;

/** One room's row: its name, capacity and active flag, saved with If-Match on its version. */
function RoomRow({ room, onSaved, say }: { room: RoomOut; onSaved: () => void; say: (s: Said) => void }) {
  const [name, setName] = useState(room.name);
  const [capacity, setCapacity] = useState(String(room.capacity));
  const [active, setActive] = useState(room.active);
  const save = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(
      () =>
        api.PUT('/v1/admin/rooms/{room_id}', {
          params: { path: { room_id: room.id }, header: { 'If-Match': `"${room.version}"` } },
          body: { name, capacity: Number(capacity), active },
        }),
      ROOM_FIELDS,
    );
    if (outcome.ok) say({ kind: 'ok', lines: [t('admin.roomSaved', { name: outcome.data.name })] });
    else if (outcome.conflict) say({ kind: 'error', lines: [t('admin.roomConflict', { name: room.name })] });
    else say({ kind: 'error', lines: [...outcome.errors.general, ...Object.entries(outcome.errors.fields).map(([k, v]) => `${t(`admin.room_${k as 'name'}`)}: ${v}`)] });
    onSaved();
  };
  return (
    <form class="inline-form room-row" onSubmit={(e) => void save(e)} aria-label={room.name}>
      <Input field={`room-${room.id}-name`} label={t('admin.room_name')} value={name} onValue={setName} />
      <Input field={`room-${room.id}-capacity`} type="number" label={t('admin.room_capacity')} value={capacity} onValue={setCapacity} />
      <label class="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive((e.target as HTMLInputElement).checked)} /> {t('admin.room_active')}
      </label>
      <button type="submit" class="button button--secondary">
        {t('admin.roomSave')}
      </button>
    </form>
  );
}

function Rooms({ canEdit }: { canEdit: boolean }) {
  const rooms = useLoad(() => api.GET('/v1/admin/rooms'), t('app.offline'));
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [said, say] = useState<Said>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/rooms', { body: { name, capacity: Number(capacity), active: true } }), ROOM_FIELDS);
    if (outcome.ok) {
      say({ kind: 'ok', lines: [t('admin.roomAdded', { name: outcome.data.name })] });
      setName('');
      setCapacity('');
    } else if (!outcome.conflict) say({ kind: 'error', lines: [...outcome.errors.general, ...Object.entries(outcome.errors.fields).map(([k, v]) => `${t(`admin.room_${k as 'name'}`)}: ${v}`)] });
    rooms.reload();
  };
  const items = rooms.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="h-rooms">
      <h2 id="h-rooms">{t('admin.rooms')}</h2>
      <p class="hint">{t('admin.roomsHint')}</p>
      {said && <Notice kind={said.kind} lines={said.lines} />}
      {items.length === 0 && rooms.data && <p>{t('admin.noRooms')}</p>}
      {canEdit ? (
        items.map((r) => <RoomRow key={`${r.id}-${r.version}`} room={r} onSaved={rooms.reload} say={say} />)
      ) : (
        <ul class="plain">
          {items.map((r) => (
            <li key={r.id}>
              {r.name} · {t('scheduling.capacity', { n: r.capacity })}
              {!r.active && ` · ${t('admin.inactive')}`}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form class="inline-form" onSubmit={(e) => void add(e)} aria-labelledby="h-room-new">
          <h3 id="h-room-new" class="visually-hidden">
            {t('admin.roomAdd')}
          </h3>
          <Input field="new-room-name" label={t('admin.room_name')} value={name} onValue={setName} />
          <Input field="new-room-capacity" type="number" label={t('admin.room_capacity')} value={capacity} onValue={setCapacity} />
          <button type="submit" class="button">
            {t('admin.roomAdd')}
          </button>
        </form>
      )}
    </section>
  );
}

function Calendar({ canEdit }: { canEdit: boolean }) {
  const lang = currentLanguage();
  const [year, setYear] = useState(Number(bureauToday().slice(0, 4)));
  const cal = useLoad(() => api.GET('/v1/admin/calendar/{year}', { params: { path: { year } } }), t('app.offline'), [year]);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);

  const save = async (current: CalendarOut, added: { date: string; name: string }[], removed: string[]) => {
    const outcome = await act(
      () => api.PUT('/v1/admin/calendar/{year}', { params: { path: { year }, header: { 'If-Match': `"${current.version}"` } }, body: { added, removed } }),
      ['added', 'removed'],
    );
    if (outcome.ok) {
      setNotice({ kind: 'ok', lines: [t('admin.moved', { n: outcome.data.recomputed?.moved ?? 0 })] });
      setDate('');
      setName('');
    } else if (outcome.conflict) setNotice({ kind: 'error', lines: [t('detail.conflict')] });
    else setNotice({ kind: 'error', lines: [...outcome.errors.general, ...Object.values(outcome.errors.fields)] });
    cal.reload();
  };

  const c = cal.data;
  const added = c ? c.non_working_dates.filter((d) => d.source === 'bureau').map((d) => ({ date: d.date, name: d.name })) : [];
  const removed = c ? c.removed.map((d) => d.date) : [];
  return (
    <section class="card" aria-labelledby="h-calendar">
      <h2 id="h-calendar">{t('admin.calendar', { year })}</h2>
      <Input field="year" type="number" label={t('admin.year')} value={String(year)} onValue={(v) => Number(v) > 2000 && setYear(Number(v))} />
      {notice && <Notice kind={notice.kind} lines={notice.lines} />}
      {c && canEdit && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(c, [...added, { date, name }], removed);
          }}
        >
          <Input field="holiday-date" type="date" label={t('admin.date')} value={date} onValue={setDate} />
          <Input field="holiday-name" label={t('admin.name')} value={name} onValue={setName} />
          <button type="submit" class="button">
            {t('admin.add')}
          </button>
        </form>
      )}
      {c && (
        <table class="table table--cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.date')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.source')}</th>
              {canEdit && <th scope="col">{t('admin.change')}</th>}
            </tr>
          </thead>
          <tbody>
            {c.non_working_dates.map((d) => (
              <tr key={d.date}>
                <td data-label={t('admin.date')}>{formatDate(d.date, lang)}</td>
                <td data-label={t('admin.name')}>{d.name}</td>
                <td data-label={t('admin.source')}>{d.source === 'bureau' ? t('admin.bureau') : t('admin.library')}</td>
                {canEdit && (
                  <td class="table__action">
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-label={`${t('admin.remove')}: ${formatDate(d.date, lang)}`}
                      onClick={() =>
                        void (d.source === 'bureau' ? save(c, added.filter((x) => x.date !== d.date), removed) : save(c, added, [...removed, d.date]))
                      }
                    >
                      {t('admin.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c && c.removed.length > 0 && (
        <>
          <h3>{t('admin.worked')}</h3>
          <ul class="plain">
            {c.removed.map((d) => (
              <li key={d.date}>
                {formatDate(d.date, lang)} · {d.name}{' '}
                {canEdit && (
                  <button type="button" class="link-button" onClick={() => void save(c, added, removed.filter((x) => x !== d.date))}>
                    {t('admin.restore')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Outbox() {
  const lang = currentLanguage();
  const outbox = useLoad(() => api.GET('/v1/admin/notifications', { params: { query: { limit: 50 } } }), t('app.offline'));
  return (
    <section class="card" aria-labelledby="h-outbox">
      <h2 id="h-outbox">{t('admin.outbox')}</h2>
      {outbox.data && outbox.data.items.length === 0 && <p>{t('admin.noNotifications')}</p>}
      {outbox.data && outbox.data.items.length > 0 && (
        <table class="table table--cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.created')}</th>
              <th scope="col">{t('admin.subject')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.attempts')}</th>
              <th scope="col">{t('admin.error')}</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.items.map((n) => (
              <tr key={n.id}>
                <td data-label={t('admin.created')}>{formatDateTime(n.created_at, lang)}</td>
                <td data-label={t('admin.subject')}>
                  {n.item_code} · {n.subject}
                </td>
                <td data-label={t('admin.state')}>{outboxState(n.state, n.delivery)}</td>
                <td data-label={t('admin.attempts')} class="num">
                  {n.attempts}
                </td>
                <td data-label={t('admin.error')}>{n.last_error ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Sweep() {
  const [lines, setLines] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const run = async () => {
    const outcome = await act(() => api.POST('/v1/admin/jobs/sla-sweep', { body: { now: null } }));
    if (outcome.ok) setLines({ kind: 'ok', lines: [t('admin.swept', { checked: outcome.data.checked, fired: outcome.data.fired, failed: outcome.data.failed })] });
    else if (!outcome.conflict) setLines({ kind: 'error', lines: outcome.errors.general });
  };
  return (
    <section class="card" aria-labelledby="h-sweep">
      <h2 id="h-sweep">{t('admin.sweep')}</h2>
      {lines && <Notice kind={lines.kind} lines={lines.lines} />}
      <button type="button" class="button" onClick={() => void run()}>
        {t('admin.runSweep')}
      </button>
    </section>
  );
}

export function Admin() {
  const session = sessionState().session;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      {hasRole(session, ...SIGNER_READERS) && <LetterSignerSection canEdit={hasRole(session, 'admin')} />}
      {hasRole(session, 'front_desk', 'supervisor', 'admin') && <Rooms canEdit={hasRole(session, 'admin')} />}
      <Calendar canEdit={hasRole(session, 'admin')} />
      {hasRole(session, 'complaint_officer', 'supervisor', 'admin') && <Outbox />}
      {hasRole(session, 'admin') && <Sweep />}
    </>
  );
}

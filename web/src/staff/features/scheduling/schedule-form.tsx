/**
 * The schedule form with its reply letter: start/end in WIB on the quarter hour, room, attendees.
 * A request still submitted (not yet reviewed) is said so before anything is typed, with the
 * review at hand; the letter preview's refusals show beside their inputs.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import { bureauToday } from '../../../shared/time/format';
import { Area, Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { SignerNotice } from '../../components/signer-notice';
import { useLoad } from '../../../shared/api/use-load';
import { act, download, letterBody, previewPdf } from '../../lib/act';
import { authHeader } from '../../lib/session';
import { audiencePath } from '../../lib/paths';

export interface Slot {
  date: string;
  start: string;
  end: string;
}

const FIELDS = ['start', 'end', 'room', 'bureau_attendees', 'reply_letter.number', 'reply_letter.date', 'reply_letter.body'] as const;
/** A whole audience tracking code (AUD-2611-7KQ3MX): only then is the request looked up. */
const AUDIENCE_CODE = /^AUD-\d{4}-[A-Z0-9]{6}$/;

/**
 * What a schedule is for the desk: the request, its start and end, its room (as the API compares
 * rooms). Once scheduled, the same key is not offered again: a second press would only move the
 * meeting onto itself (the API refuses it, 409 schedule_unchanged; issue 17).
 */
export function meetingKey(code: string, slot: Slot, room: string): string {
  return [code.trim().toUpperCase(), slot.date, slot.start, slot.end, room.trim().replace(/\s+/g, ' ').toLowerCase()].join('|');
}

/** "Diajukan": the request must be reviewed before it can be scheduled; the review is one press away. */
function SubmittedWarning({ code, version, onReviewed }: { code: string; version: number; onReviewed: () => void }) {
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const review = async () => {
    const outcome = await act(() => api.POST('/v1/admin/audiences/{code}/review', { params: { path: { code }, header: { 'If-Match': `"${version}"` } } }));
    if (outcome.ok || outcome.conflict) setErrors(null);
    else setErrors(outcome.errors);
    onReviewed();
  };
  return (
    <div class="notice notice--error" role="alert" data-testid="schedule-submitted">
      <p>{t('scheduling.submittedWarning', { code })}</p>
      {errors && errors.general.map((l) => <p key={l}>{l}</p>)}
      <p>
        <button type="button" class="button" onClick={() => void review()}>
          {t('scheduling.submittedReview')}
        </button>{' '}
        <a href={audiencePath(code)}>{t('scheduling.submittedOpen')}</a>
      </p>
    </div>
  );
}

/** The form; `slot` (picked in the week view) fills date and times, the room comes from the view. */
export function ScheduleForm({ code, onCode, room, slot, onSlot, onScheduled }: { code: string; onCode: (c: string) => void; room: string; slot: Slot; onSlot: (s: Slot) => void; onScheduled: () => void }) {
  const [attendees, setAttendees] = useState('');
  const [number, setNumber] = useState('');
  const [letterDate, setLetterDate] = useState(bureauToday());
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [ok, setOk] = useState('');
  const [issued, setIssued] = useState<{ number: string; pdfUrl: string; code: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  // The meeting just scheduled here (meetingKey): while the form still names it, no submit.
  const [done, setDone] = useState('');
  const wanted = code.trim().toUpperCase();
  const current = useLoad(
    () => (AUDIENCE_CODE.test(wanted) ? api.GET('/v1/admin/audiences/{code}', { params: { path: { code: wanted } } }) : Promise.resolve({ data: undefined, error: undefined })),
    t('app.offline'),
    [wanted],
  );
  const submitted = current.data && current.data.code === wanted && current.data.status === 'submitted' ? current.data : null;
  const requestBody = () => ({
    start: `${slot.date}T${slot.start}:00+07:00`,
    end: `${slot.date}T${slot.end}:00+07:00`,
    room,
    bureau_attendees: attendees.split('\n').map((s) => s.trim()).filter(Boolean),
    reply_letter: letterBody(number, letterDate, body),
  });
  const showPreview = async () => {
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
    const out = await previewPdf(`/v1/admin/audiences/${encodeURIComponent(wanted)}/schedule/preview`, requestBody(), authHeader(), FIELDS);
    if (out.ok) {
      setErrors(null);
      setPreview(out.url);
    } else setErrors(out.errors);
  };
  const unchanged = done !== '' && done === meetingKey(code, slot, room);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (unchanged) return;
    setOk('');
    const item = await api.GET('/v1/admin/audiences/{code}', { params: { path: { code: code.trim().toUpperCase() } } });
    if (!item.data) {
      setErrors({ fields: {}, general: [t('queue.notFound', { q: code })], status: 404, code: 'not_found' });
      return;
    }
    const a = item.data;
    const outcome = await act(
      () =>
        api.POST('/v1/admin/audiences/{code}/schedule', {
          params: { path: { code: a.code }, header: { 'If-Match': `"${a.version}"` } },
          body: requestBody(),
        }),
      FIELDS,
    );
    if (outcome.ok) {
      setErrors(null);
      setOk(t('scheduling.scheduled', { code: a.code }));
      const letter = outcome.data.reply_letter;
      setIssued(letter?.pdf_url ? { number: letter.number, pdfUrl: letter.pdf_url, code: a.code } : null);
      setDone(meetingKey(a.code, slot, room));
    } else if (outcome.conflict) {
      setErrors({ fields: {}, general: [t('detail.conflict')], status: 412, code: 'version_conflict' });
    } else setErrors(outcome.errors);
    onScheduled(); // the week view shows what is booked now, whatever the outcome
  };
  const e = (k: string) => errors?.fields[k];
  return (
    <form class="card form-grid" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="h-schedule">
      <h2 id="h-schedule">{t('action.schedule')}</h2>
      <SignerNotice />
      {submitted && <SubmittedWarning code={submitted.code} version={submitted.version} onReviewed={current.reload} />}
      {errors && <Notice kind="error" lines={[...errors.general, ...(e('room') ? [`${t('scheduling.room')}: ${e('room')}`] : [])]} />}
      {ok && (
        <div class="notice notice--ok" role="status">
          <p>{ok}</p>
          {issued && (
            <p data-testid="letter-issued">
              {t('scheduling.letterIssued', { number: issued.number })}{' '}
              <button
                type="button"
                class="button button--secondary"
                onClick={() => void download(issued.pdfUrl, { ...authHeader(), Accept: 'application/pdf' }, `surat-${issued.code}.pdf`)}
              >
                {t('scheduling.letterDownload')}
              </button>
            </p>
          )}
          <a href={audiencePath(code.trim().toUpperCase())}>{t('frontDesk.openItem')}</a>
        </div>
      )}
      <Input field="code" label={t('scheduling.audience')} value={code} onValue={onCode} />
      <Input field="date" type="date" label={t('scheduling.date')} value={slot.date} onValue={(v) => onSlot({ ...slot, date: v })} />
      <Input field="start" type="time" label={t('scheduling.start')} value={slot.start} onValue={(v) => onSlot({ ...slot, start: v })} error={e('start')} />
      <Input field="end" type="time" label={t('scheduling.end')} value={slot.end} onValue={(v) => onSlot({ ...slot, end: v })} error={e('end')} />
      <Area field="bureau_attendees" label={t('scheduling.attendees')} value={attendees} onValue={setAttendees} rows={2} required error={e('bureau_attendees')} />
      <Input field="reply_letter.number" label={t('scheduling.letterNumber')} hint={t('scheduling.letterNumberHint')} value={number} onValue={setNumber} error={e('reply_letter.number')} />
      <Input field="reply_letter.date" type="date" label={t('scheduling.letterDate')} value={letterDate} onValue={setLetterDate} error={e('reply_letter.date')} />
      <Area field="reply_letter.body" label={t('scheduling.letterBody')} value={body} onValue={setBody} rows={3} error={e('reply_letter.body')} />
      <p>
        <button type="button" class="button button--secondary" data-testid="letter-preview-button" onClick={() => void showPreview()}>
          {t('scheduling.letterPreview')}
        </button>{' '}
        {preview && (
          <a href={preview} target="_blank" rel="noopener" data-testid="letter-preview">
            {t('scheduling.letterPreviewOpen')}
          </a>
        )}
      </p>
      {unchanged ? (
        <p class="hint" data-testid="schedule-done">
          {t('scheduling.done')}
        </p>
      ) : (
        <button type="submit" class="button">
          {t('scheduling.submit')}
        </button>
      )}
    </form>
  );
}

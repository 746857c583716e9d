/** The schedule form with its reply letter: start/end in WIB on the quarter hour, room, attendees. */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import { bureauToday } from '../../../shared/time/format';
import { Area, Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { act, download, letterBody, previewPdf } from '../../lib/act';
import { authHeader } from '../../lib/session';
import { audiencePath } from '../../lib/paths';

export interface Slot {
  date: string;
  start: string;
  end: string;
}

const FIELDS = ['start', 'end', 'room', 'bureau_attendees', 'reply_letter.number', 'reply_letter.date', 'reply_letter.body'] as const;

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
  const [previewFailed, setPreviewFailed] = useState(false);
  const requestBody = () => ({
    start: `${slot.date}T${slot.start}:00+07:00`,
    end: `${slot.date}T${slot.end}:00+07:00`,
    room,
    bureau_attendees: attendees.split('\n').map((s) => s.trim()).filter(Boolean),
    reply_letter: letterBody(number, letterDate, body),
  });
  const showPreview = async () => {
    setPreviewFailed(false);
    if (preview) URL.revokeObjectURL(preview);
    const url = await previewPdf(`/v1/admin/audiences/${encodeURIComponent(code.trim().toUpperCase())}/schedule/preview`, requestBody(), authHeader());
    setPreview(url);
    setPreviewFailed(url === null);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
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
      onScheduled();
    } else if (outcome.conflict) {
      setErrors({ fields: {}, general: [t('detail.conflict')], status: 412, code: 'version_conflict' });
    } else setErrors(outcome.errors);
    onScheduled(); // the week view shows what is booked now, whatever the outcome
  };
  const e = (k: string) => errors?.fields[k];
  return (
    <form class="card form-grid" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="h-schedule">
      <h2 id="h-schedule">{t('action.schedule')}</h2>
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
      <Area field="bureau_attendees" label={t('scheduling.attendees')} value={attendees} onValue={setAttendees} rows={2} error={e('bureau_attendees')} />
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
      {previewFailed && <Notice kind="error" lines={[t('scheduling.letterPreviewFailed')]} />}
      <button type="submit" class="button">
        {t('scheduling.submit')}
      </button>
    </form>
  );
}

/**
 * A complaint taken by staff: channel, the true time of receipt (WIB), LAPOR id, privacy. On
 * the front desk screen, and on its own page from the complaint queue: the complaint officer,
 * who receives complaints by phone, WhatsApp, fax, e-mail and LAPOR!, does not use the front desk.
 * After success the form clears and a receipt (code, QR code of the tracking link, due date,
 * the once-shown token) is left to print or read out to the reporter.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import { Area, Input, Notice, Select } from '../../components/fields';
import { t } from '../../i18n/t';
import { act } from '../../lib/act';
import { PATHS, complaintPath } from '../../lib/paths';
import type { DeskReceipt } from './slip';
import { ReceiptSlip } from './slip';

type Channel = 'tatap_muka' | 'kotak_pengaduan' | 'whatsapp' | 'telepon' | 'faksimile' | 'email' | 'lapor';
type Privacy = 'named' | 'confidential' | 'anonymous';
const CHANNELS: Channel[] = ['tatap_muka', 'kotak_pengaduan', 'whatsapp', 'telepon', 'faksimile', 'email', 'lapor'];
const FIELDS = ['subject', 'description', 'channel', 'received_at', 'lapor_tracking_id', 'privacy', 'reporter.name', 'reporter.phone', 'reporter.email'] as const;

/** `2026-11-30T09:15` typed in WIB -> RFC 3339 with the bureau's +07:00 offset. */
export function wibToRfc3339(local: string): string {
  return local ? `${local.length === 16 ? `${local}:00` : local}+07:00` : '';
}

/** An instant as the `datetime-local` value of the bureau's clock (WIB), to the minute. */
export function nowWib(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Pontianak', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (k: string) => parts.find((p) => p.type === k)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * The `received_at` to send: what the staff member typed if they touched the field, else the
 * moment of submit. The field is pre-filled when the form opens; a desk that leaves the page
 * open must not record that load time as the receipt (nor count the deadline from it, issue 17).
 */
export function receivedAtToSend(typed: string, edited: boolean, now: Date): string {
  return edited ? wibToRfc3339(typed) : now.toISOString();
}

const empty = () => ({ subject: '', description: '', channel: 'tatap_muka', received: nowWib(), lapor: '', privacy: 'named', name: '', phone: '', email: '' });

export function Intake() {
  const [f, setF] = useState(empty);
  // Whether the staff member set the received time; if not, the submit time is sent.
  const [receivedEdited, setReceivedEdited] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [created, setCreated] = useState<DeskReceipt | null>(null);
  // "Tercatat dengan kode …" goes once the form is used for the next one (the receipt stays
  // until closed: its token is shown only once).
  const [said, setSaid] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => {
    setSaid(false);
    setF({ ...f, [k]: v });
  };
  const e = (k: string) => errors?.fields[k];
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const reporter = f.privacy === 'anonymous' ? null : { name: f.name, phone: f.phone || null, email: f.email || null };
    const outcome = await act(
      () =>
        api.POST('/v1/admin/complaints', {
          body: {
            subject: f.subject,
            description: f.description,
            channel: f.channel as Channel,
            received_at: receivedAtToSend(f.received, receivedEdited, new Date()),
            lapor_tracking_id: f.channel === 'lapor' ? f.lapor || null : null,
            privacy: f.privacy as Privacy,
            reporter,
          },
        }),
      FIELDS,
    );
    if (outcome.ok) {
      const c = outcome.data;
      setErrors(null);
      setSaid(true);
      setCreated({ kind: 'complaint', tracking_code: c.code, access_token: c.access_token ?? '', received_at: c.received_at, due_at: c.due_at });
      setF({ ...empty(), channel: f.channel }); // the next one often comes the same way
      setReceivedEdited(false);
    } else if (!outcome.conflict) setErrors(outcome.errors);
  };
  const p = 'c-';
  return (
    <section aria-labelledby="h-intake" class="card">
      <h2 id="h-intake">{t('frontDesk.intake')}</h2>
      {created && (
        <>
          {said && (
            <div class="notice notice--ok" role="status">
              <p>{t('frontDesk.created', { code: created.tracking_code })}</p>
              <a href={complaintPath(created.tracking_code)}>{t('frontDesk.openItem')}</a>
            </div>
          )}
          <ReceiptSlip key={created.tracking_code} receipt={created} onClose={() => setCreated(null)} />
        </>
      )}
      <form onSubmit={(ev) => void submit(ev)} noValidate class="form-grid">
        {errors && <Notice kind="error" lines={errors.general} />}
        <Select idPrefix={p} field="channel" label={t('complaintForm.channel')} value={f.channel} onValue={set('channel')} options={CHANNELS.map((c): [string, string] => [c, t(`channel.${c}`)])} />
        <Input idPrefix={p} field="received_at" type="datetime-local" label={t('complaintForm.receivedAt')} hint={t('complaintForm.receivedHint')} value={f.received} onValue={(v) => {
            setReceivedEdited(true);
            set('received')(v);
          }} error={e('received_at')} />
        {/* the SP4N-LAPOR! id only for that channel: its "required" hint under any other misleads (issue 17) */}
        {f.channel === 'lapor' && <Input idPrefix={p} field="lapor_tracking_id" label={t('complaintForm.lapor')} hint={t('complaintForm.laporHint')} value={f.lapor} onValue={set('lapor')} error={e('lapor_tracking_id')} />}
        <Input idPrefix={p} field="subject" label={t('complaintForm.subject')} value={f.subject} onValue={set('subject')} error={e('subject')} />
        <Area idPrefix={p} field="description" label={t('complaintForm.description')} value={f.description} onValue={set('description')} error={e('description')} rows={3} />
        <Select idPrefix={p} field="privacy" label={t('complaintForm.privacy')} value={f.privacy} onValue={set('privacy')} options={(['named', 'confidential', 'anonymous'] as const).map((k): [string, string] => [k, t(`privacy.${k}`)])} />
        {f.privacy !== 'anonymous' && (
          <>
            <Input idPrefix={p} field="reporter.name" label={t('complaintForm.reporterName')} value={f.name} onValue={set('name')} error={e('reporter.name')} />
            <Input idPrefix={p} field="reporter.phone" type="tel" label={t('complaintForm.reporterPhone')} value={f.phone} onValue={set('phone')} error={e('reporter.phone')} />
            <Input idPrefix={p} field="reporter.email" type="email" label={t('complaintForm.reporterEmail')} value={f.email} onValue={set('email')} error={e('reporter.email')} />
          </>
        )}
        <button type="submit" class="button">
          {t('complaintForm.submit')}
        </button>
      </form>
    </section>
  );
}

/** The intake on its own page (`/staff/pengaduan/baru`), reached from the complaint queue. */
export function IntakePage() {
  return (
    <>
      <p>
        <a href={PATHS.complaints}>{t('detail.back')}</a>
      </p>
      <h1>{t('queue.intakeTitle')}</h1>
      <Intake />
    </>
  );
}

/**
 * A walk-in audience request, entered by the front desk with the visitor's letter and identity.
 * It may name today's guestbook entry of the visitor who brought it (`guestbook_id`): picking
 * one of the visitors still in (not yet checked out) fills the contact's name and institution
 * where still empty. The phone is required and the e-mail is not (most visitors give a phone
 * only). After success the form clears (its files too: they belong to the request now) and a
 * receipt is left to print and hand over.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import { FileUpload } from '../../../shared/upload/file-upload';
import type { UploadedFile } from '../../../shared/upload/upload';
import { Area, Input, Notice, Select } from '../../components/fields';
import { t } from '../../i18n/t';
import { act } from '../../lib/act';
import { audiencePath } from '../../lib/paths';
import type { GuestbookPage } from './guestbook';
import type { DeskReceipt } from './slip';
import { ReceiptSlip } from './slip';

type Guest = GuestbookPage['items'][number];

type InstitutionType = 'instansi_pemerintah' | 'pemerintah_daerah' | 'lembaga_lain';
const FIELDS = [
  'institution_name',
  'institution_type',
  'contact.name',
  'contact.position',
  'contact.phone',
  'contact.email',
  'topic',
  'purpose',
  'attendees',
  'preferred_dates',
  'request_letter_upload_id',
  'identity_upload_id',
  'guestbook_id',
] as const;

const EMPTY = {
  guest: '',
  institution_name: '',
  institution_type: '', // chosen by staff: a default would file an NGO as a government body
  name: '',
  position: '',
  phone: '',
  email: '',
  topic: '',
  purpose: '',
  attendees: '1',
  date: '', // chosen: today may be a Sunday or a holiday
};

export function WalkIn({ guests }: { guests: Guest[] }) {
  const [f, setF] = useState(EMPTY);
  const [letter, setLetter] = useState<UploadedFile[]>([]);
  const [identity, setIdentity] = useState<UploadedFile[]>([]);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [created, setCreated] = useState<DeskReceipt | null>(null);
  // "Tercatat dengan kode …" goes once the form is used for the next one (the receipt stays
  // until closed: its token is shown only once).
  const [said, setSaid] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => {
    setSaid(false);
    setF({ ...f, [k]: v });
  };
  const pickGuest = (id: string) => {
    const g = guests.find((x) => x.id === id);
    setSaid(false);
    setF({ ...f, guest: id, name: f.name || (g?.name ?? ''), institution_name: f.institution_name || (g?.institution ?? '') });
  };
  // Only visitors still in the building (no check-out time): one who has left did not just
  // hand over a letter at the counter (the picked one stays listed while picked).
  const inside = guests.filter((g) => !g.time_out || g.id === f.guest);
  const e = (k: string) => errors?.fields[k];
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const outcome = await act(
      () =>
        api.POST('/v1/admin/audiences', {
          body: {
            institution_name: f.institution_name,
            institution_type: f.institution_type as InstitutionType,
            contact: { name: f.name, position: f.position, phone: f.phone, email: f.email || null },
            topic: f.topic,
            purpose: f.purpose,
            attendees: Number(f.attendees),
            preferred_dates: [f.date],
            request_letter_upload_id: letter[0]?.ref ?? '',
            identity_upload_id: identity[0]?.ref ?? '',
            guestbook_id: f.guest || null,
            received_at: null,
          },
        }),
      FIELDS,
    );
    if (outcome.ok) {
      const a = outcome.data;
      setErrors(null);
      setSaid(true);
      setCreated({ kind: 'audience', tracking_code: a.code, access_token: a.access_token ?? '', received_at: a.received_at, due_at: a.due_at });
      setF(EMPTY);
      setLetter([]);
      setIdentity([]);
    } else if (!outcome.conflict) setErrors(outcome.errors);
  };
  const p = 'w-';
  return (
    <section aria-labelledby="h-walkin" class="card">
      <h2 id="h-walkin">{t('frontDesk.walkIn')}</h2>
      {created && (
        <>
          {said && (
            <div class="notice notice--ok" role="status">
              <p>{t('frontDesk.created', { code: created.tracking_code })}</p>
              <a href={audiencePath(created.tracking_code)}>{t('frontDesk.openItem')}</a>
            </div>
          )}
          <ReceiptSlip key={created.tracking_code} receipt={created} onClose={() => setCreated(null)} />
        </>
      )}
      <form onSubmit={(ev) => void submit(ev)} noValidate class="form-grid">
        {errors && <Notice kind="error" lines={errors.general} />}
        <Select
          idPrefix={p}
          field="guestbook_id"
          label={t('frontDesk.fromGuestbook')}
          hint={t('frontDesk.fromGuestbookHint')}
          value={f.guest}
          onValue={pickGuest}
          error={e('guestbook_id')}
          options={[['', t('frontDesk.noGuest')], ...inside.map((g): [string, string] => [g.id, `${g.name} · ${g.institution}`])]}
        />
        <Input idPrefix={p} field="institution_name" label={t('audienceForm.institutionName')} value={f.institution_name} onValue={set('institution_name')} error={e('institution_name')} />
        <Select
          idPrefix={p}
          field="institution_type"
          label={t('audienceForm.institutionType')}
          error={e('institution_type')}
          value={f.institution_type}
          onValue={set('institution_type')}
          options={[['', t('frontDesk.choose')], ...(['instansi_pemerintah', 'pemerintah_daerah', 'lembaga_lain'] as const).map((k): [string, string] => [k, t(`audienceForm.${k}`)])]}
        />
        <Input idPrefix={p} field="contact.name" label={t('audienceForm.contactName')} value={f.name} onValue={set('name')} error={e('contact.name')} />
        <Input idPrefix={p} field="contact.position" label={t('audienceForm.position')} value={f.position} onValue={set('position')} error={e('contact.position')} />
        <Input idPrefix={p} field="contact.phone" type="tel" label={t('audienceForm.phoneRequired')} value={f.phone} onValue={set('phone')} error={e('contact.phone')} />
        <Input idPrefix={p} field="contact.email" type="email" label={t('audienceForm.emailOptional')} hint={t('audienceForm.emailOptionalHint')} value={f.email} onValue={set('email')} error={e('contact.email')} />
        <Input idPrefix={p} field="topic" label={t('audienceForm.topic')} value={f.topic} onValue={set('topic')} error={e('topic')} />
        <Area idPrefix={p} field="purpose" label={t('audienceForm.purpose')} value={f.purpose} onValue={set('purpose')} error={e('purpose')} rows={3} />
        <Input idPrefix={p} field="attendees" type="number" label={t('audienceForm.attendees')} value={f.attendees} onValue={set('attendees')} error={e('attendees')} />
        <Input idPrefix={p} field="preferred_dates" type="date" label={t('audienceForm.preferredDate')} value={f.date} onValue={set('date')} error={e('preferred_dates')} />
        <FileUpload field="request_letter_upload_id" label={t('audienceForm.requestLetter')} purpose="request_letter" max={1} files={letter} onFiles={setLetter} offlineMessage={t('app.offline')} error={e('request_letter_upload_id')} />
        <FileUpload field="identity_upload_id" label={t('audienceForm.identity')} purpose="identity" max={1} files={identity} onFiles={setIdentity} offlineMessage={t('app.offline')} error={e('identity_upload_id')} />
        <button type="submit" class="button">
          {t('audienceForm.submit')}
        </button>
      </form>
    </section>
  );
}

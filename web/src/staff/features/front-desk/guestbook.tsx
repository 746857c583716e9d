/**
 * The guestbook at the counter: name, institution, purpose, Enter records (the name field
 * takes focus again for the next visitor; Alt+G jumps back to it from anywhere). Today's
 * visitors below, each checked out with one button; the check-out shows the visitor's one-time
 * SKM survey code large, on a slip to print and hand over (the code is shown only this once).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import type { Loaded } from '../../../shared/api/use-load';
import type { components } from '../../../api/schema';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatTime } from '../../../shared/time/format';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import { act } from '../../lib/act';
import type { SurveySlipData } from './slip';
import { SurveySlip } from './slip';

const FIELDS = ['name', 'institution', 'purpose', 'phone'] as const;

export type GuestbookPage = components['schemas']['GuestbookPage'];

/** `today`: today's entries, loaded by the front desk screen (reloaded after each change). */
export function Guestbook({ today }: { today: Loaded<GuestbookPage> }) {
  const lang = currentLanguage();
  const [name, setName] = useState('');
  const [institution, setInstitution] = useState('');
  const [purpose, setPurpose] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [ok, setOk] = useState('');
  const [slip, setSlip] = useState<SurveySlipData | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'g') {
        e.preventDefault();
        nameInput.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // "<name> tercatat." says what the last press did: it goes as soon as the desk moves on
  // (typing the next visitor, a check-out), so it never stands beside another visitor's work.
  const typed = (set: (v: string) => void) => (v: string) => {
    setOk('');
    set(v);
  };

  const record = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/guestbook', { body: { name, institution, purpose, phone: phone || null, time_in: null } }), FIELDS);
    if (outcome.ok) {
      setOk(t('frontDesk.recorded', { name }));
      setErrors(null);
      setName('');
      setInstitution('');
      setPurpose('');
      setPhone('');
      today.reload();
      nameInput.current?.focus();
    } else if (!outcome.conflict) {
      setOk('');
      setErrors(outcome.errors);
    }
  };

  const checkout = async (id: string, version: number) => {
    setOk('');
    const outcome = await act(() =>
      api.POST('/v1/admin/guestbook/{entry_id}/checkout', { params: { path: { entry_id: id }, header: { 'If-Match': `"${version}"` } }, body: { time_out: null } }),
    );
    if (outcome.ok && outcome.data.survey_code) setSlip({ visitor: outcome.data.name, survey_code: outcome.data.survey_code });
    if (!outcome.ok && !outcome.conflict) setErrors(outcome.errors);
    today.reload();
  };

  return (
    <section aria-labelledby="h-guestbook" class="card">
      <h2 id="h-guestbook">{t('frontDesk.guestbook')}</h2>
      <p class="hint">{t('frontDesk.guestHint')}</p>
      {/* The notices above the row of fields, never inside it (a flex item there pushed the
          fields to the right). */}
      {errors && <Notice kind="error" lines={errors.general} />}
      <Notice kind="ok" lines={ok ? [ok] : []} />
      <form class="inline-form" onSubmit={(e) => void record(e)} noValidate>
        <Input field="name" label={t('frontDesk.name')} value={name} onValue={typed(setName)} inputRef={nameInput} error={errors?.fields.name} />
        <Input field="institution" label={t('frontDesk.institution')} value={institution} onValue={typed(setInstitution)} error={errors?.fields.institution} />
        <Input field="purpose" label={t('frontDesk.purpose')} value={purpose} onValue={typed(setPurpose)} error={errors?.fields.purpose} />
        <Input field="phone" type="tel" label={t('frontDesk.phone')} value={phone} onValue={typed(setPhone)} error={errors?.fields.phone} />
        <button type="submit" class="button">
          {t('frontDesk.record')}
        </button>
      </form>
      {slip && <SurveySlip key={slip.survey_code} slip={slip} onClose={() => setSlip(null)} />}
      <h3>{t('frontDesk.today')}</h3>
      {today.data && today.data.items.length === 0 && <p>{t('frontDesk.noGuests')}</p>}
      {today.data && today.data.items.length > 0 && (
        <table class="table table--cards">
          <thead>
            <tr>
              <th scope="col">{t('frontDesk.name')}</th>
              <th scope="col">{t('frontDesk.institution')}</th>
              <th scope="col">{t('frontDesk.purpose')}</th>
              <th scope="col">{t('frontDesk.timeIn')}</th>
              <th scope="col">{t('frontDesk.timeOut')}</th>
            </tr>
          </thead>
          <tbody>
            {today.data.items.map((g) => (
              <tr key={g.id}>
                <td data-label={t('frontDesk.name')}>{g.name}</td>
                <td data-label={t('frontDesk.institution')}>{g.institution}</td>
                <td data-label={t('frontDesk.purpose')}>{g.purpose}</td>
                <td data-label={t('frontDesk.timeIn')}>{formatTime(g.time_in, lang)}</td>
                <td data-label={t('frontDesk.timeOut')}>
                  {g.time_out ? (
                    formatTime(g.time_out, lang)
                  ) : (
                    <button type="button" class="button button--secondary" onClick={() => void checkout(g.id, g.version)} aria-label={`${t('frontDesk.checkout')}: ${g.name}`}>
                      {t('frontDesk.checkout')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

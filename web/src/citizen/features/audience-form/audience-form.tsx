/**
 * The audience request (fasilitasi audiensi): four short question pages, a check-your-answers
 * page, then the receipt. The draft lives in sessionStorage, so going back loses nothing.
 */
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useSubmission } from '../../../shared/api/submission';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { useDraft } from '../../../shared/storage/draft';
import { bureauToday, formatDate } from '../../../shared/time/format';
import type { SummaryItem } from '../../../shared/ui/form';
import { Choices, ErrorSummary, TextArea, TextField, fieldId } from '../../../shared/ui/form';
import { CheckAnswers, StepHeader } from '../../../shared/ui/wizard';
import { FileUpload } from '../../../shared/upload/file-upload';
import type { UploadedFile } from '../../../shared/upload/upload';
import { t } from '../../i18n/t';
import { PATHS } from '../../paths';
import { keepReceipt } from '../../receipts';
import type { AudienceCreate } from './api';
import { checkPreferredDate, fetchWorkingDays, submitAudience } from './api';
import { isProblem, problemToErrors } from '../../../shared/api/problem';
import { inSentence } from '../../../shared/text/words';
import { contactProblems } from '../../../shared/api/contact';

interface Draft {
  institution_name: string;
  institution_type: string;
  contact_name: string;
  contact_position: string;
  contact_phone: string;
  contact_email: string;
  topic: string;
  purpose: string;
  attendees: string;
  dates: string[];
  other_date: string;
  request_letter: UploadedFile[];
  identity: UploadedFile[];
  /** The API's field messages from the last attempt, by API path. */
  server: Record<string, string>;
}

const EMPTY: Draft = {
  institution_name: '',
  institution_type: '',
  contact_name: '',
  contact_position: '',
  contact_phone: '',
  contact_email: '',
  topic: '',
  purpose: '',
  attendees: '',
  dates: [],
  other_date: '',
  request_letter: [],
  identity: [],
  server: {},
};

/** Steps in order, with the API fields each asks. */
const STEPS = [
  { slug: 'instansi', fields: ['institution_name', 'institution_type'] },
  { slug: 'narahubung', fields: ['contact.name', 'contact.position', 'contact.phone', 'contact.email'] },
  { slug: 'audiensi', fields: ['topic', 'purpose', 'attendees', 'preferred_dates'] },
  { slug: 'dokumen', fields: ['request_letter_upload_id', 'identity_upload_id'] },
  { slug: 'periksa', fields: [] },
] as const;
const KNOWN = STEPS.flatMap((s) => s.fields as readonly string[]);
const href = (slug: string) => `${PATHS.audience}/${slug}`;
const stepOfField = (field: string) => STEPS.find((s) => (s.fields as readonly string[]).includes(field))?.slug ?? 'periksa';

function labels(): Record<string, string> {
  return {
    institution_name: t('audience.institutionName'),
    institution_type: t('audience.institutionType'),
    'contact.name': t('audience.contactName'),
    'contact.position': t('audience.contactPosition'),
    'contact.phone': t('audience.contactPhone'),
    'contact.email': t('audience.contactEmail'),
    topic: t('audience.topic'),
    purpose: t('audience.purpose'),
    attendees: t('audience.attendees'),
    preferred_dates: t('audience.dates'),
    other_date: t('audience.otherDate'),
    request_letter_upload_id: t('audience.requestLetter'),
    identity_upload_id: t('audience.identity'),
  };
}

function preferredDates(d: Draft): string[] {
  return [...new Set([...d.dates, ...(d.other_date ? [d.other_date] : [])])].sort();
}

/** What this page can check before sending (the API checks everything again). */
function check(slug: string, d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  const need = (field: string, value: string | unknown[]) => {
    if (typeof value === 'string' ? !value.trim() : !value.length) {
      e[field] = t('form.required', { field: inSentence(labels()[field] ?? field) });
    }
  };
  if (slug === 'instansi') {
    need('institution_name', d.institution_name);
    need('institution_type', d.institution_type);
  } else if (slug === 'narahubung') {
    need('contact.name', d.contact_name);
    need('contact.position', d.contact_position);
    need('contact.phone', d.contact_phone);
    need('contact.email', d.contact_email);
  } else if (slug === 'audiensi') {
    need('topic', d.topic);
    need('purpose', d.purpose);
    need('attendees', d.attendees);
    const dates = preferredDates(d);
    need('preferred_dates', dates);
    if (dates.length > 3) e.preferred_dates = t('audience.tooManyDates');
  } else if (slug === 'dokumen') {
    need('request_letter_upload_id', d.request_letter);
    need('identity_upload_id', d.identity);
  }
  return e;
}

function body(d: Draft): AudienceCreate {
  return {
    institution_name: d.institution_name.trim(),
    institution_type: d.institution_type as AudienceCreate['institution_type'],
    contact: {
      name: d.contact_name.trim(),
      position: d.contact_position.trim(),
      phone: d.contact_phone.trim(),
      email: d.contact_email.trim(),
    },
    topic: d.topic.trim(),
    purpose: d.purpose.trim(),
    attendees: Number(d.attendees),
    preferred_dates: preferredDates(d),
    request_letter_upload_id: d.request_letter[0]?.ref ?? '',
    identity_upload_id: d.identity[0]?.ref ?? '',
  };
}

export function AudienceForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const slug = STEPS.some((s) => s.slug === params.step) ? (params.step as string) : 'instansi';
  const index = STEPS.findIndex((s) => s.slug === slug);
  const [draft, update, clear] = useDraft<Draft>('kesra.draft.audience', EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busyUploads, setBusyUploads] = useState(false);
  const submission = useSubmission('kesra.submit.audience', submitAudience, KNOWN, {
    offline: t('app.offline'),
    inProgress: t('form.inProgress'),
  });
  const L = labels();
  const err = (field: string) => local[field] ?? draft.server[field];
  const set = (change: Partial<Draft>, fields: string[]) => {
    const server = Object.fromEntries(Object.entries(draft.server).filter(([k]) => !fields.includes(k)));
    update({ ...change, server });
    if (fields.some((f) => f in local)) setLocal((l) => Object.fromEntries(Object.entries(l).filter(([k]) => !fields.includes(k))));
  };

  /** The typed "other date" as the API judges it (a holiday, a weekend, a past day), on its
   * own step rather than at the final submit after the uploads; offline, the submit checks. */
  async function otherDateProblem(): Promise<string | undefined> {
    if (!draft.other_date) return undefined;
    try {
      const { error } = await checkPreferredDate(draft.other_date);
      return isProblem(error) ? problemToErrors(error, ['date']).fields.date : undefined;
    } catch {
      return undefined;
    }
  }

  async function next(e: Event) {
    e.preventDefault();
    if (busyUploads) {
      setLocal({ [STEPS[index]?.fields[0] ?? '']: t('common.upload.waitUploads') });
      return;
    }
    const found = check(slug, draft);
    if (slug === 'audiensi' && !found.preferred_dates) {
      const refused = await otherDateProblem();
      if (refused) found.other_date = refused;
    }
    if (slug === 'narahubung') {
      // the phone number and e-mail address by the API's own rules, here rather than at "Kirim"
      // after the uploads (issue 17); every bad one at once, a missing one keeps its message
      const typed = { phone: found['contact.phone'] ? '' : draft.contact_phone, email: found['contact.email'] ? '' : draft.contact_email };
      const refused = await contactProblems(typed, { phone: 'contact.phone', email: 'contact.email' });
      for (const [field, message] of Object.entries(refused)) found[field] = `${L[field] ?? field}: ${message}`;
    }
    setLocal(found);
    if (Object.keys(found).length === 0) route(href(STEPS[index + 1]?.slug ?? 'periksa'));
  }

  async function send(e: Event) {
    e.preventDefault();
    for (const s of STEPS) {
      const found = check(s.slug, draft);
      if (Object.keys(found).length) {
        update({ server: { ...draft.server, ...found } });
        route(href(s.slug));
        return;
      }
    }
    const { data, errors } = await submission.submit(body(draft));
    if (data) {
      keepReceipt({ kind: 'audience', ...data });
      clear();
      route(`${PATHS.receipt}/${encodeURIComponent(data.tracking_code)}`);
    } else if (errors) {
      update({ server: errors.fields });
    }
  }

  const summary: SummaryItem[] =
    slug === 'periksa'
      ? [
          ...Object.entries(draft.server).map(([field, message]) => ({
            href: `${href(stepOfField(field))}#${fieldId(field)}`,
            message: `${L[field] ?? field}: ${message}`,
          })),
          ...(submission.errors?.general.map((message) => ({ message })) ?? []),
        ]
      : [...(STEPS[index]?.fields as readonly string[]), ...(slug === 'audiensi' ? ['other_date'] : [])]
          .filter((field) => local[field] ?? draft.server[field])
          // This page's own messages name the field; the API's get its label in front.
          .map((field) => ({ field, message: local[field] ?? `${L[field] ?? field}: ${draft.server[field]}` }));

  const header = (
    <>
      <StepHeader back={index > 0 ? href(STEPS[index - 1]?.slug ?? '') : PATHS.home} n={index + 1} total={STEPS.length} stepOf={t('form.stepOf')} />
    </>
  );

  if (slug === 'periksa') {
    const d = draft;
    const lang = currentLanguage();
    return (
      <form onSubmit={send} noValidate>
        {header}
        <ErrorSummary items={summary} />
        <h1>{t('form.check')}</h1>
        <p>{t('form.checkLead')}</p>
        <CheckAnswers
          title={t('audience.stepInstitution')}
          answers={[
            { label: L.institution_name ?? '', value: d.institution_name, href: href('instansi'), what: L.institution_name ?? '' },
            { label: L.institution_type ?? '', value: d.institution_type ? t(`types.${d.institution_type}` as 'types.lembaga_lain') : '', href: href('instansi'), what: L.institution_type ?? '' },
          ]}
        />
        <CheckAnswers
          title={t('audience.stepContact')}
          answers={(['contact.name', 'contact.position', 'contact.phone', 'contact.email'] as const).map((f) => ({
            label: L[f] ?? f,
            value: d[f.replace('.', '_') as 'contact_name'],
            href: `${href('narahubung')}#${fieldId(f)}`,
            what: L[f] ?? f,
          }))}
        />
        <CheckAnswers
          title={t('audience.stepMeeting')}
          answers={[
            { label: L.topic ?? '', value: d.topic, href: href('audiensi'), what: L.topic ?? '' },
            { label: L.purpose ?? '', value: <span class="pre">{d.purpose}</span>, href: href('audiensi'), what: L.purpose ?? '' },
            { label: L.attendees ?? '', value: d.attendees, href: href('audiensi'), what: L.attendees ?? '' },
            {
              label: L.preferred_dates ?? '',
              value: (
                <ul>
                  {preferredDates(d).map((x) => (
                    <li key={x}>{formatDate(x, lang)}</li>
                  ))}
                </ul>
              ),
              href: href('audiensi'),
              what: L.preferred_dates ?? '',
            },
          ]}
        />
        <CheckAnswers
          title={t('audience.stepDocuments')}
          answers={[
            { label: L.request_letter_upload_id ?? '', value: d.request_letter[0]?.filename ?? t('form.noFiles'), href: href('dokumen'), what: L.request_letter_upload_id ?? '' },
            { label: L.identity_upload_id ?? '', value: d.identity[0]?.filename ?? t('form.noFiles'), href: href('dokumen'), what: L.identity_upload_id ?? '' },
          ]}
        />
        <button type="submit" class="button" disabled={submission.busy} aria-disabled={submission.busy}>
          {submission.busy ? t('form.submitting') : t('form.submit')}
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={(e) => void next(e)} noValidate>
      {header}
      <ErrorSummary items={summary} />
      {index === 0 && (
        <>
          <h1>{t('audience.title')}</h1>
          <p>{t('audience.lead')}</p>
        </>
      )}
      {slug === 'instansi' && (
        <>
          <h2>{t('audience.stepInstitution')}</h2>
          <TextField field="institution_name" label={L.institution_name ?? ''} error={err('institution_name')} value={draft.institution_name} autocomplete="organization" onValue={(v) => set({ institution_name: v }, ['institution_name'])} />
          <Choices
            field="institution_type"
            legend={L.institution_type ?? ''}
            error={err('institution_type')}
            value={draft.institution_type ? [draft.institution_type] : []}
            options={(['instansi_pemerintah', 'pemerintah_daerah', 'lembaga_lain'] as const).map((v) => ({ value: v, label: t(`types.${v}`) }))}
            onValue={([v]) => set({ institution_type: v ?? '' }, ['institution_type'])}
          />
        </>
      )}
      {slug === 'narahubung' && (
        <>
          <h1>{t('audience.stepContact')}</h1>
          <TextField field="contact.name" label={L['contact.name'] ?? ''} error={err('contact.name')} value={draft.contact_name} autocomplete="name" onValue={(v) => set({ contact_name: v }, ['contact.name'])} />
          <TextField field="contact.position" label={L['contact.position'] ?? ''} error={err('contact.position')} value={draft.contact_position} autocomplete="organization-title" onValue={(v) => set({ contact_position: v }, ['contact.position'])} />
          <TextField field="contact.phone" type="tel" label={L['contact.phone'] ?? ''} hint={t('audience.contactPhoneHint')} error={err('contact.phone')} value={draft.contact_phone} autocomplete="tel" onValue={(v) => set({ contact_phone: v }, ['contact.phone'])} />
          <TextField field="contact.email" type="email" label={L['contact.email'] ?? ''} hint={t('audience.contactEmailHint')} error={err('contact.email')} value={draft.contact_email} autocomplete="email" spellcheck={false} onValue={(v) => set({ contact_email: v }, ['contact.email'])} />
        </>
      )}
      {slug === 'audiensi' && <MeetingStep draft={draft} err={err} set={set} />}
      {slug === 'dokumen' && (
        <>
          <h1>{t('audience.stepDocuments')}</h1>
          <FileUpload field="request_letter_upload_id" purpose="request_letter" max={1} label={L.request_letter_upload_id ?? ''} error={err('request_letter_upload_id')} files={draft.request_letter} onFiles={(f) => set({ request_letter: f }, ['request_letter_upload_id'])} onBusy={setBusyUploads} offlineMessage={t('app.offline')} />
          <FileUpload field="identity_upload_id" purpose="identity" max={1} label={L.identity_upload_id ?? ''} error={err('identity_upload_id')} files={draft.identity} onFiles={(f) => set({ identity: f }, ['identity_upload_id'])} onBusy={setBusyUploads} offlineMessage={t('app.offline')} />
        </>
      )}
      <button type="submit" class="button">
        {t('common.continue')}
      </button>
    </form>
  );
}

function MeetingStep({
  draft,
  err,
  set,
}: {
  draft: Draft;
  err: (field: string) => string | undefined;
  set: (change: Partial<Draft>, fields: string[]) => void;
}) {
  const L = labels();
  const lang = currentLanguage();
  const days = useLoad(fetchWorkingDays, t('app.offline'));
  const offered = days.data?.working_days ?? [];
  const tomorrow = days.data ? undefined : bureauToday();
  return (
    <>
      <h1>{t('audience.stepMeeting')}</h1>
      <TextField field="topic" label={L.topic ?? ''} error={err('topic')} value={draft.topic} onValue={(v) => set({ topic: v }, ['topic'])} />
      <TextArea field="purpose" label={L.purpose ?? ''} error={err('purpose')} value={draft.purpose} onValue={(v) => set({ purpose: v }, ['purpose'])} />
      <TextField field="attendees" type="number" inputMode="numeric" min={1} max={200} label={L.attendees ?? ''} hint={t('audience.attendeesHint')} error={err('attendees')} value={draft.attendees} onValue={(v) => set({ attendees: v }, ['attendees'])} />
      <Choices
        field="preferred_dates"
        legend={L.preferred_dates ?? ''}
        hint={t('audience.datesHint')}
        error={err('preferred_dates')}
        multiple
        value={draft.dates}
        options={[...new Set([...offered, ...draft.dates])].sort().map((d) => ({ value: d, label: formatDate(d, lang) }))}
        onValue={(v) => set({ dates: v }, ['preferred_dates'])}
      >
        <TextField
          field="other_date"
          type="date"
          label={t('audience.otherDate')}
          hint={t('audience.otherDateHint')}
          optional
          error={err('other_date')}
          min={days.data?.today ?? tomorrow}
          value={draft.other_date}
          onValue={(v) => set({ other_date: v }, ['preferred_dates', 'other_date'])}
        />
      </Choices>
    </>
  );
}

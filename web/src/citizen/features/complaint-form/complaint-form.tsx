/**
 * A complaint (pengaduan): how the identity is handled (named / confidential / anonymous),
 * the reporter (skipped when anonymous), the complaint, up to 5 evidence files, check your
 * answers, then the receipt. The draft lives in sessionStorage: going back loses nothing.
 */
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useSubmission } from '../../../shared/api/submission';
import { useDraft } from '../../../shared/storage/draft';
import type { SummaryItem } from '../../../shared/ui/form';
import { Choices, ErrorSummary, TextArea, TextField, fieldId } from '../../../shared/ui/form';
import { CheckAnswers, StepHeader } from '../../../shared/ui/wizard';
import { FileUpload } from '../../../shared/upload/file-upload';
import type { UploadedFile } from '../../../shared/upload/upload';
import { t } from '../../i18n/t';
import { PATHS } from '../../paths';
import { keepReceipt } from '../../receipts';
import type { ComplaintCreate } from './api';
import { submitComplaint } from './api';
import { inSentence } from '../../../shared/text/words';
import { contactProblems } from '../../../shared/api/contact';

type Privacy = ComplaintCreate['privacy'];

interface Draft {
  privacy: Privacy | '';
  reporter_name: string;
  reporter_phone: string;
  reporter_email: string;
  subject: string;
  description: string;
  evidence: UploadedFile[];
  server: Record<string, string>;
}

const EMPTY: Draft = {
  privacy: '',
  reporter_name: '',
  reporter_phone: '',
  reporter_email: '',
  subject: '',
  description: '',
  evidence: [],
  server: {},
};

const ALL_STEPS = [
  { slug: 'identitas', fields: ['privacy'] },
  { slug: 'pelapor', fields: ['reporter', 'reporter.name', 'reporter.phone', 'reporter.email'] },
  { slug: 'aduan', fields: ['subject', 'description'] },
  { slug: 'bukti', fields: ['evidence_upload_ids'] },
  { slug: 'periksa', fields: [] },
] as const;
const KNOWN = ALL_STEPS.flatMap((s) => s.fields as readonly string[]);
const href = (slug: string) => `${PATHS.complaint}/${slug}`;

/** The anonymous skip the reporter step. */
function stepsFor(d: Draft) {
  return ALL_STEPS.filter((s) => s.slug !== 'pelapor' || d.privacy !== 'anonymous');
}

function labels(): Record<string, string> {
  return {
    privacy: t('complaint.privacy'),
    reporter: t('complaint.stepReporter'),
    'reporter.name': t('complaint.reporterName'),
    'reporter.phone': t('complaint.reporterPhone'),
    'reporter.email': t('complaint.reporterEmail'),
    subject: t('complaint.subject'),
    description: t('complaint.description'),
    evidence_upload_ids: t('complaint.evidence'),
  };
}

function check(slug: string, d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  const need = (field: string, value: string) => {
    if (!value.trim()) e[field] = t('form.required', { field: inSentence(labels()[field] ?? field) });
  };
  if (slug === 'identitas' && !d.privacy) e.privacy = t('complaint.privacyRequired');
  if (slug === 'pelapor' && d.privacy !== 'anonymous') {
    need('reporter.name', d.reporter_name);
    if (!d.reporter_phone.trim() && !d.reporter_email.trim()) e['reporter.phone'] = t('complaint.contactHint');
  }
  if (slug === 'aduan') {
    need('subject', d.subject);
    need('description', d.description);
  }
  return e;
}

function body(d: Draft): ComplaintCreate {
  const privacy = (d.privacy || 'named') as Privacy;
  return {
    privacy,
    reporter:
      privacy === 'anonymous'
        ? null
        : { name: d.reporter_name.trim(), phone: d.reporter_phone.trim() || null, email: d.reporter_email.trim() || null },
    subject: d.subject.trim(),
    description: d.description.trim(),
    evidence_upload_ids: d.evidence.map((f) => f.ref),
  };
}

export function ComplaintForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const [draft, update, clear] = useDraft<Draft>('kesra.draft.complaint', EMPTY);
  const steps = stepsFor(draft);
  const slug = steps.some((s) => s.slug === params.step) ? (params.step as string) : 'identitas';
  const index = steps.findIndex((s) => s.slug === slug);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busyUploads, setBusyUploads] = useState(false);
  const submission = useSubmission('kesra.submit.complaint', submitComplaint, KNOWN, {
    offline: t('app.offline'),
    inProgress: t('form.inProgress'),
  });
  const L = labels();
  const err = (field: string) => local[field] ?? draft.server[field];
  const stepOfField = (field: string) =>
    steps.find((s) => (s.fields as readonly string[]).includes(field))?.slug ?? 'periksa';
  const set = (change: Partial<Draft>, fields: string[]) => {
    update({ ...change, server: Object.fromEntries(Object.entries(draft.server).filter(([k]) => !fields.includes(k))) });
    setLocal((l) => Object.fromEntries(Object.entries(l).filter(([k]) => !fields.includes(k))));
  };

  async function next(e: Event) {
    e.preventDefault();
    if (busyUploads) {
      setLocal({ evidence_upload_ids: t('common.upload.waitUploads') });
      return;
    }
    const found = check(slug, draft);
    if (slug === 'pelapor' && draft.privacy !== 'anonymous') {
      // the phone number and e-mail address by the API's own rules, on this step (issue 17)
      const refused = await contactProblems({ phone: draft.reporter_phone, email: draft.reporter_email }, { phone: 'reporter.phone', email: 'reporter.email' });
      for (const [field, message] of Object.entries(refused)) found[field] = `${L[field] ?? field}: ${message}`;
    }
    setLocal(found);
    if (Object.keys(found).length === 0) route(href(steps[index + 1]?.slug ?? 'periksa'));
  }

  async function send(e: Event) {
    e.preventDefault();
    for (const s of steps) {
      const found = check(s.slug, draft);
      if (Object.keys(found).length) {
        update({ server: { ...draft.server, ...found } });
        route(href(s.slug));
        return;
      }
    }
    const { data, errors } = await submission.submit(body(draft));
    if (data) {
      keepReceipt({ kind: 'complaint', ...data });
      clear();
      route(`${PATHS.receipt}/${encodeURIComponent(data.tracking_code)}`);
    } else if (errors) {
      update({ server: errors.fields });
    }
  }

  const current = steps[index]?.fields as readonly string[] | undefined;
  const summary: SummaryItem[] =
    slug === 'periksa'
      ? [
          ...Object.entries(draft.server).map(([field, message]) => ({
            href: `${href(stepOfField(field))}#${fieldId(field)}`,
            message: `${L[field] ?? field}: ${message}`,
          })),
          ...(submission.errors?.general.map((message) => ({ message })) ?? []),
        ]
      : (current ?? [])
          .filter((field) => local[field] ?? draft.server[field])
          .map((field) => ({ field, message: local[field] ?? `${L[field] ?? field}: ${draft.server[field]}` }));
  const header = (
    <StepHeader back={index > 0 ? href(steps[index - 1]?.slug ?? '') : PATHS.home} n={index + 1} total={steps.length} stepOf={t('form.stepOf')} />
  );
  const privacyLabel = (p: string) => (p ? t(`complaint.${p}` as 'complaint.named') : t('form.notSet'));

  if (slug === 'periksa') {
    const d = draft;
    return (
      <form onSubmit={send} noValidate>
        {header}
        <ErrorSummary items={summary} />
        <h1>{t('form.check')}</h1>
        <p>{t('form.checkLead')}</p>
        <CheckAnswers
          answers={[
            { label: L.privacy ?? '', value: privacyLabel(d.privacy), href: href('identitas'), what: L.privacy ?? '' },
            ...(d.privacy === 'anonymous'
              ? []
              : (['reporter.name', 'reporter.phone', 'reporter.email'] as const).map((f) => ({
                  label: L[f] ?? f,
                  value: d[f.replace('.', '_') as 'reporter_name'] || t('form.notSet'),
                  href: `${href('pelapor')}#${fieldId(f)}`,
                  what: L[f] ?? f,
                }))),
            { label: L.subject ?? '', value: d.subject, href: href('aduan'), what: L.subject ?? '' },
            { label: L.description ?? '', value: <span class="pre">{d.description}</span>, href: href('aduan'), what: L.description ?? '' },
            {
              label: L.evidence_upload_ids ?? '',
              value: d.evidence.length ? (
                <ul>
                  {d.evidence.map((f) => (
                    <li key={f.ref}>{f.filename}</li>
                  ))}
                </ul>
              ) : (
                t('form.noFiles')
              ),
              href: href('bukti'),
              what: L.evidence_upload_ids ?? '',
            },
          ]}
        />
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? t('form.submitting') : t('form.submit')}
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={(e) => void next(e)} noValidate>
      {header}
      <ErrorSummary items={summary} />
      {slug === 'identitas' && (
        <>
          <h1>{t('complaint.title')}</h1>
          <p>{t('complaint.lead')}</p>
          <Choices
            field="privacy"
            legend={L.privacy ?? ''}
            error={err('privacy')}
            value={draft.privacy ? [draft.privacy] : []}
            options={(['named', 'confidential', 'anonymous'] as const).map((v) => ({
              value: v,
              label: t(`complaint.${v}`),
              hint: t(`complaint.${v}Hint`),
            }))}
            onValue={([v]) => set({ privacy: (v ?? '') as Privacy }, ['privacy', 'reporter'])}
          />
        </>
      )}
      {slug === 'pelapor' && (
        <>
          <h1>{t('complaint.stepReporter')}</h1>
          {err('reporter') && <p class="error-message">{err('reporter')}</p>}
          <TextField field="reporter.name" label={L['reporter.name'] ?? ''} error={err('reporter.name')} value={draft.reporter_name} autocomplete="name" onValue={(v) => set({ reporter_name: v }, ['reporter.name', 'reporter'])} />
          <TextField field="reporter.phone" type="tel" label={L['reporter.phone'] ?? ''} hint={t('complaint.contactHint')} error={err('reporter.phone')} value={draft.reporter_phone} autocomplete="tel" onValue={(v) => set({ reporter_phone: v }, ['reporter.phone', 'reporter'])} />
          <TextField field="reporter.email" type="email" label={L['reporter.email'] ?? ''} error={err('reporter.email')} value={draft.reporter_email} autocomplete="email" spellcheck={false} onValue={(v) => set({ reporter_email: v }, ['reporter.email', 'reporter'])} />
        </>
      )}
      {slug === 'aduan' && (
        <>
          <h1>{t('complaint.stepComplaint')}</h1>
          <TextField field="subject" label={L.subject ?? ''} hint={t('complaint.subjectHint')} error={err('subject')} value={draft.subject} onValue={(v) => set({ subject: v }, ['subject'])} />
          <TextArea field="description" label={L.description ?? ''} hint={t('complaint.descriptionHint')} error={err('description')} value={draft.description} onValue={(v) => set({ description: v }, ['description'])} />
        </>
      )}
      {slug === 'bukti' && (
        <>
          <h1>{t('complaint.stepEvidence')}</h1>
          <FileUpload
            field="evidence_upload_ids"
            purpose="evidence"
            max={5}
            optional
            label={L.evidence_upload_ids ?? ''}
            hint={t('complaint.evidenceHint')}
            error={err('evidence_upload_ids')}
            files={draft.evidence}
            onFiles={(f) => set({ evidence: f }, ['evidence_upload_ids'])}
            onBusy={setBusyUploads}
            offlineMessage={t('app.offline')}
          />
        </>
      )}
      <button type="submit" class="button">
        {t('common.continue')}
      </button>
    </form>
  );
}

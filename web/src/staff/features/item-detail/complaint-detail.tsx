/**
 * One complaint: every field the role may see (the API masks a confidential reporter), the
 * timeline, messages, escalations, audit trail, attachments through the audited link, and
 * only the actions the state and the role allow (domain.md's table, as the API enforces it).
 * Each action sends If-Match; a 412 reloads the item and keeps what was typed.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDate, formatDateTime } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Area, Input, Notice, Select } from '../../components/fields';
import { SlaBadge } from '../../components/sla';
import { Thread } from '../../components/thread';
import { t } from '../../i18n/t';
import { SignerNotice } from '../../components/signer-notice';
import { act, download, previewPdf } from '../../lib/act';
import { PATHS } from '../../lib/paths';
import { person } from '../../lib/people';
import { authHeader, hasRole, sessionState } from '../../lib/session';
import { mayOpen } from '../../lib/readers';
import { ActionForm, useActionOutcome, Attachment, Audit, Escalations, Facts, TimelineList, ifMatch } from './parts';

type Klass = 'ringan' | 'normatif' | 'non_pengawasan' | 'pengawasan';
type AnswerChannel = 'web' | 'email' | 'whatsapp' | 'telepon' | 'surat' | 'tatap_muka' | 'lapor';
const CLASSES: Klass[] = ['ringan', 'normatif', 'non_pengawasan', 'pengawasan'];
const ANSWER_CHANNELS: AnswerChannel[] = ['web', 'email', 'whatsapp', 'telepon', 'surat', 'tatap_muka', 'lapor'];
const ACTIVE = ['received', 'classified', 'in_progress'];
const OPEN = [...ACTIVE, 'awaiting_reporter'];

function TeamPicker({ value, onValue }: { value: string; onValue: (v: string) => void }) {
  const team = useLoad(() => api.GET('/v1/admin/staff', { params: { query: { role: 'complaint_team' } } }), t('app.offline'));
  const options: [string, string][] = [['', '—'], ...(team.data?.items ?? []).map((s): [string, string] => [s.sub, s.name ? `${s.name} (${s.sub})` : s.sub])];
  return <Select field="assignee" label={t('action.assignee')} value={value} onValue={onValue} options={options} />;
}

export function ComplaintDetail({ params }: { params: { code: string } }) {
  const code = decodeURIComponent(params.code);
  const lang = currentLanguage();
  const session = sessionState().session;
  const triage = hasRole(session, 'complaint_officer', 'admin');
  const handle = hasRole(session, 'complaint_officer', 'complaint_team', 'admin');
  const readsAudit = hasRole(session, 'complaint_officer', 'supervisor', 'admin');
  const item = useLoad(() => api.GET('/v1/admin/complaints/{code}', { params: { path: { code } } }), t('app.offline'), [code]);
  const { auditKey, notice, common } = useActionOutcome(item.reload);
  // What each form holds: kept here too, so nothing typed is lost on a reload.
  const [klass, setKlass] = useState<string>('');
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [infoMessage, setInfoMessage] = useState('');
  const [answer, setAnswer] = useState('');
  const [answerChannel, setAnswerChannel] = useState<string>('web');
  const [preview, setPreview] = useState<string | null>(null);
  const [previewErrors, setPreviewErrors] = useState<string[]>([]);
  const [rejectReason, setRejectReason] = useState('');
  const [agency, setAgency] = useState('');
  const [forwardNote, setForwardNote] = useState('');

  if (item.errors && !item.data) return <LoadError errors={item.errors} retry={item.reload} retryLabel={t('app.retry')} />;
  const c = item.data;
  if (!c) return <p aria-live="polite">{t('app.loading')}</p>;

  const header = { 'If-Match': ifMatch(c.version) };
  const path = { code: c.code };
  const s = c.status;
  const letter = c.reply_letter;
  // The answer letter as the answer would issue it: unsigned, PRATINJAU, no number taken.
  const showPreview = async () => {
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
    const out = await previewPdf(`/v1/admin/complaints/${encodeURIComponent(c.code)}/answer/preview`, { answer, channel: answerChannel }, authHeader());
    // A refusal as a list: the problem's title or detail, then each field's message.
    setPreviewErrors(out.ok ? [] : [...out.errors.general, ...Object.values(out.errors.fields)]);
    if (out.ok) setPreview(out.url);
  };

  return (
    <>
      <p>
        <a href={PATHS.complaints}>{t('detail.back')}</a>
      </p>
      <h1>
        {c.code} · {c.subject}
      </h1>
      <p>
        <span class="status">{t(`status.${s as 'received'}`)}</span> <SlaBadge sla={c.sla} status={s} />{' '}
        <span class="hint">{t('detail.version', { v: c.version })}</span>
      </p>
      {notice && <Notice kind={notice.kind} lines={[notice.text]} />}
      <div class="detail">
        <div>
          <section aria-labelledby="h-fields">
            <h2 id="h-fields">{t('detail.fields')}</h2>
            <Facts
              rows={[
                [t('detail.channel'), t(`channel.${c.channel as 'web'}`)],
                [t('detail.privacy'), t(`privacy.${c.privacy as 'named'}`)],
                [t('detail.reporter'), c.reporter ? (c.reporter.masked ? t('detail.masked') : [c.reporter.name, c.reporter.phone, c.reporter.email].filter(Boolean).join(' · ')) : '—'],
                [t('detail.lapor'), c.lapor_tracking_id ?? '—'],
                [t('detail.classLabel'), c.class ? t(`class.${c.class as Klass}`) : t('class.none')],
                [t('detail.assignee'), c.assignee ? person(c.assignee, c.assignee_name) : '—'],
                [t('detail.receivedAt'), formatDateTime(c.received_at, lang)],
                [t('detail.dueAt'), formatDateTime(c.due_at, lang)],
                [t('detail.description'), <p class="pre">{c.description}</p>],
                [t('detail.answer'), c.answer ? <p class="pre">{c.answer.text}</p> : '—'],
                ...(c.answer ? [[t('detail.answeredBy'), person(c.answer.by, c.answer.by_name)] as [string, string]] : []),
                ...(letter ? [[t('detail.answerLetter'), `${letter.number} · ${formatDate(letter.date, lang)}`] as [string, string]] : []),
              ]}
            />
          </section>
          <section aria-labelledby="h-messages">
            <h2 id="h-messages">{t('detail.messages')}</h2>
            {c.messages.length ? (
              <ol class="timeline">
                {c.messages.map((m, i) => (
                  <li key={i}>
                    <time dateTime={m.at}>{formatDateTime(m.at, lang)}</time> · <strong>{m.sender === 'bureau' ? t('audit.fromBureau') : t('audit.fromReporter')}</strong>: {m.text}
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('app.none')}</p>
            )}
          </section>
          <Thread code={c.code} />
          <section aria-labelledby="h-attachments">
            <h2 id="h-attachments">{t('detail.attachments')}</h2>
            {c.evidence_upload_ids.length ? (
              c.evidence_upload_ids.map((id, i) => <Attachment key={id} uploadId={id} label={t('detail.evidence', { n: i + 1 })} closed={!mayOpen(session?.roles, 'evidence', 'complaint')} />)
            ) : (
              <p>{t('app.none')}</p>
            )}
          </section>
          <section aria-labelledby="h-timeline">
            <h2 id="h-timeline">{t('detail.timeline')}</h2>
            <TimelineList timeline={c.timeline} />
          </section>
          <section aria-labelledby="h-escalations">
            <h2 id="h-escalations">{t('detail.escalations')}</h2>
            <Escalations items={c.escalations} {...(c.assignee ? { assignee: { sub: c.assignee, name: c.assignee_name } } : {})} />
          </section>
          {readsAudit && (
            <section aria-labelledby="h-audit">
              <h2 id="h-audit">{t('detail.audit')}</h2>
              <Audit key={auditKey} load={() => api.GET('/v1/admin/complaints/{code}/audit', { params: { path, query: { limit: 50 } } })} />
            </section>
          )}
        </div>
        <aside aria-labelledby="h-actions" class="actions">
          <h2 id="h-actions">{t('detail.actions')}</h2>
          {triage && ACTIVE.includes(s) && (
            <ActionForm
              id="classify"
              title={t('action.classify')}
              submit={t('action.classify')}
              {...common}
              run={() =>
                act(() => api.POST('/v1/admin/complaints/{code}/classify', { params: { path, header }, body: { class: (klass || c.class || '') as Klass, note: note || null } }))
              }
            >
              <Select field="class" label={t('queue.class')} value={klass || c.class || ''} onValue={setKlass} options={[['', '—'], ...CLASSES.map((k): [string, string] => [k, t(`class.${k}`)])]} />
              <Input field="note" label={t('action.note')} value={note} onValue={setNote} />
            </ActionForm>
          )}
          {triage && ['classified', 'in_progress', 'awaiting_reporter'].includes(s) && (
            <ActionForm
              id="assign"
              title={t('action.assign')}
              submit={t('action.assign')}
              {...common}
              run={() => act(() => api.POST('/v1/admin/complaints/{code}/assign', { params: { path, header }, body: { assignee } }))}
            >
              <TeamPicker value={assignee} onValue={setAssignee} />
            </ActionForm>
          )}
          {handle && ACTIVE.includes(s) && (
            <ActionForm
              id="request-info"
              title={t('action.requestInfo')}
              submit={t('action.requestInfo')}
              {...common}
              run={() => act(() => api.POST('/v1/admin/complaints/{code}/request-info', { params: { path, header }, body: { message: infoMessage } }))}
            >
              <Area field="message" label={t('action.message')} value={infoMessage} onValue={setInfoMessage} rows={3} />
            </ActionForm>
          )}
          {/* The team answers what it was assigned; the complaint officer may also answer a
              classified complaint directly (api.md), e.g. a "Ringan" one due in 3 office hours. */}
          {((handle && s === 'in_progress') || (triage && s === 'classified')) && (
            <ActionForm
              id="answer"
              title={t('action.answer')}
              submit={t('action.answer')}
              {...common}
              run={() =>
                act(() => api.POST('/v1/admin/complaints/{code}/answer', { params: { path, header }, body: { answer, channel: answerChannel as AnswerChannel } }))
              }
            >
              <SignerNotice />
              <Area field="answer" label={t('action.answerText')} value={answer} onValue={setAnswer} rows={5} />
              <Select field="answer-channel" label={t('action.answerChannel')} value={answerChannel} onValue={setAnswerChannel} options={ANSWER_CHANNELS.map((ch): [string, string] => [ch, t(`channel.${ch}`)])} />
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
              {previewErrors.length > 0 && (
                <div class="notice notice--error" role="alert" data-testid="letter-preview-errors">
                  <ul>
                    {previewErrors.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                </div>
              )}
            </ActionForm>
          )}
          {letter?.pdf_url && (
            <p>
              <button
                type="button"
                class="button"
                data-testid="letter-download"
                onClick={() => void download(letter.pdf_url ?? '', { ...authHeader(), Accept: 'application/pdf' }, `surat-${c.code}.pdf`)}
              >
                {t('detail.letterPdf', { number: letter.number })}
              </button>{' '}
              {letter.id && <a href={`/verifikasi#${letter.id}`}>{t('detail.letterVerify')}</a>}
            </p>
          )}
          {triage && s === 'answered' && (
            <ActionForm id="close" title={t('action.close')} submit={t('action.close')} {...common} run={() => act(() => api.POST('/v1/admin/complaints/{code}/close', { params: { path, header } }))} />
          )}
          {triage && OPEN.includes(s) && (
            <ActionForm
              id="reject"
              warning
              title={t('action.reject')}
              submit={t('action.reject')}
              {...common}
              run={() => act(() => api.POST('/v1/admin/complaints/{code}/reject', { params: { path, header }, body: { reason: rejectReason } }))}
            >
              <Input field="reject-reason" label={t('action.reason')} value={rejectReason} onValue={setRejectReason} />
            </ActionForm>
          )}
          {triage && OPEN.includes(s) && (
            <ActionForm
              id="forward"
              title={t('action.forward')}
              submit={t('action.forward')}
              {...common}
              run={() => act(() => api.POST('/v1/admin/complaints/{code}/forward', { params: { path, header }, body: { to_agency: agency, note: forwardNote || null } }))}
            >
              <Input field="to-agency" label={t('action.toAgency')} value={agency} onValue={setAgency} />
              <Input field="forward-note" label={t('action.note')} value={forwardNote} onValue={setForwardNote} />
            </ActionForm>
          )}
          {!(handle && OPEN.includes(s)) && !(triage && s === 'answered') && <p>{t('detail.noActions')}</p>}
        </aside>
      </div>
    </>
  );
}

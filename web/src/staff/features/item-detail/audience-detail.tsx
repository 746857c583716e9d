/**
 * One audience request: fields, reply letter, schedule, timeline, escalations, audit,
 * attachments, and the actions its state allows (review; schedule in the room calendar;
 * decline with a reply letter; held (once the meeting started: the API refuses it before);
 * cancel; the invite). If-Match on each; a 412 reloads. Decline and cancel issue a letter:
 * each previews its PRATINJAU draft and asks once more before issuing (LetterAction).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { bureauToday, formatDate, formatDateTime, formatTimeRange } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Area, Input, Notice } from '../../components/fields';
import { SlaBadge } from '../../components/sla';
import { t } from '../../i18n/t';
import { SignerNotice } from '../../components/signer-notice';
import { act, download, letterBody } from '../../lib/act';
import { PATHS } from '../../lib/paths';
import { authHeader, hasRole, sessionState } from '../../lib/session';
import { LetterAction } from './letter-action';
import { mayOpen } from '../../lib/readers';
import { ActionForm, useActionOutcome, Attachment, Audit, Escalations, Facts, TimelineList, ifMatch } from './parts';

const DECLINE_FIELDS = ['reason', 'reply_letter.number', 'reply_letter.date', 'reply_letter.body'] as const;
const CANCEL_FIELDS = ['reason'] as const;

export function AudienceDetail({ params }: { params: { code: string } }) {
  const code = decodeURIComponent(params.code);
  const lang = currentLanguage();
  const write = hasRole(sessionState().session, 'front_desk', 'admin');
  const roles = sessionState().session?.roles;
  const readsAudit = hasRole(sessionState().session, 'complaint_officer', 'supervisor', 'admin');
  const item = useLoad(() => api.GET('/v1/admin/audiences/{code}', { params: { path: { code } } }), t('app.offline'), [code]);
  const { auditKey, notice, common } = useActionOutcome(item.reload);
  const [reason, setReason] = useState('');
  const [letterNumber, setLetterNumber] = useState('');
  const [letterDate, setLetterDate] = useState(bureauToday());
  const [letterBodyText, setLetterBody] = useState('');
  const [cancelReason, setCancelReason] = useState('');

  if (item.errors && !item.data) return <LoadError errors={item.errors} retry={item.reload} retryLabel={t('app.retry')} />;
  const a = item.data;
  if (!a) return <p aria-live="polite">{t('app.loading')}</p>;
  const header = { 'If-Match': ifMatch(a.version) };
  const declineBody = () => ({ reason, reply_letter: letterBody(letterNumber, letterDate, letterBodyText) });
  const path = { code: a.code };
  const s = a.status;
  return (
    <>
      <p>
        <a href={PATHS.audiences}>{t('detail.back')}</a>
      </p>
      <h1>
        {a.code} · {a.institution_name}
      </h1>
      <p>
        <span class="status">{t(`status.${s as 'submitted'}`)}</span> <SlaBadge sla={a.sla} status={s} />{' '}
        <span class="hint">{t('detail.version', { v: a.version })}</span>
      </p>
      {notice && <Notice kind={notice.kind} lines={[notice.text]} />}
      <div class="detail">
        <div>
          <section aria-labelledby="h-fields">
            <h2 id="h-fields">{t('detail.fields')}</h2>
            <Facts
              rows={[
                [t('queue.topic'), a.topic],
                [t('detail.purpose'), <p class="pre">{a.purpose}</p>],
                [t('detail.contact'), [`${a.contact.name} (${a.contact.position})`, a.contact.phone, a.contact.email].filter(Boolean).join(' · ')],
                [t('detail.attendees'), String(a.attendees)],
                [t('detail.preferredDates'), a.preferred_dates.map((d) => formatDate(d, lang)).join('; ')],
                [t('detail.channel'), t(`channel.${a.channel as 'web'}`)],
                [t('detail.receivedAt'), formatDateTime(a.received_at, lang)],
                [t('detail.dueAt'), formatDateTime(a.due_at, lang)],
                [t('detail.schedule'), a.schedule ? `${formatTimeRange(a.schedule.start, a.schedule.end, lang)} · ${a.schedule.room}` : '—'],
                [t('detail.replyLetter'), a.reply_letter ? `${a.reply_letter.number} · ${formatDate(a.reply_letter.date, lang)}` : '—'],
                // Why it was declined or cancelled and the letter's own paragraph, for every
                // role that sees the item (front desk cannot read the audit trail).
                ...(a.decline_reason ? [[t('detail.declineReason'), <p class="pre">{a.decline_reason}</p>] as [string, ComponentChildren]] : []),
                ...(a.cancel_reason ? [[t('detail.cancelReason'), <p class="pre">{a.cancel_reason}</p>] as [string, ComponentChildren]] : []),
                ...(a.reply_letter?.body ? [[t('detail.letterBody'), <p class="pre">{a.reply_letter.body}</p>] as [string, ComponentChildren]] : []),
              ]}
            />
          </section>
          <section aria-labelledby="h-attachments">
            <h2 id="h-attachments">{t('detail.attachments')}</h2>
            {/* "Buka" only for the roles the API lets open each file (lib/readers.ts). */}
            <Attachment uploadId={a.request_letter_upload_id} label={t('detail.requestLetter')} closed={!mayOpen(roles, 'request_letter', 'audience')} />
            <Attachment uploadId={a.identity_upload_id} label={t('detail.identity')} closed={!mayOpen(roles, 'identity', 'audience')} />
          </section>
          <section aria-labelledby="h-timeline">
            <h2 id="h-timeline">{t('detail.timeline')}</h2>
            <TimelineList timeline={a.timeline} />
          </section>
          <section aria-labelledby="h-escalations">
            <h2 id="h-escalations">{t('detail.escalations')}</h2>
            <Escalations items={a.escalations} />
          </section>
          {readsAudit && (
            <section aria-labelledby="h-audit">
              <h2 id="h-audit">{t('detail.audit')}</h2>
              <Audit key={auditKey} load={() => api.GET('/v1/admin/audiences/{code}/audit', { params: { path, query: { limit: 50 } } })} />
            </section>
          )}
        </div>
        <aside aria-labelledby="h-actions" class="actions">
          <h2 id="h-actions">{t('detail.actions')}</h2>
          {write && (s === 'in_review' || s === 'scheduled') && <SignerNotice />}
          {write && s === 'submitted' && (
            <ActionForm id="review" title={t('action.review')} submit={t('action.review')} {...common} run={() => act(() => api.POST('/v1/admin/audiences/{code}/review', { params: { path, header } }))} />
          )}
          {write && (s === 'in_review' || s === 'scheduled') && (
            <p>
              <a class="button" href={`${PATHS.scheduling}?kode=${encodeURIComponent(a.code)}`}>
                {t('action.schedule')}
              </a>
            </p>
          )}
          {write && s === 'in_review' && (
            <LetterAction
              id="decline"
              texts={{ title: t('action.decline'), submit: t('letterAction.decline'), confirmLead: t('letterAction.declineLead'), confirm: t('letterAction.declineConfirm'), back: t('app.cancel') }}
              fields={DECLINE_FIELDS}
              previewUrl={`/v1/admin/audiences/${encodeURIComponent(a.code)}/decline/preview`}
              body={declineBody}
              {...common}
              run={() => act(() => api.POST('/v1/admin/audiences/{code}/decline', { params: { path, header }, body: declineBody() }), DECLINE_FIELDS)}
            >
              {(e) => (
                <>
                  <Input field="decline-reason" label={t('scheduling.declineReason')} value={reason} onValue={setReason} error={e('reason')} />
                  <Input field="decline-number" label={t('scheduling.letterNumber')} value={letterNumber} onValue={setLetterNumber} error={e('reply_letter.number')} />
                  <Input field="decline-date" type="date" label={t('scheduling.letterDate')} value={letterDate} onValue={setLetterDate} error={e('reply_letter.date')} />
                  <Area field="decline-body" label={t('scheduling.letterBody')} value={letterBodyText} onValue={setLetterBody} rows={3} error={e('reply_letter.body')} />
                </>
              )}
            </LetterAction>
          )}
          {write && s === 'scheduled' && (
            <>
              {a.schedule && Date.parse(a.schedule.start) > Date.now() ? (
                <p class="hint" id="held-after-start">
                  {t('action.heldAfterStart', { start: formatDateTime(a.schedule.start, lang) })}
                </p>
              ) : (
                <ActionForm id="held" title={t('action.held')} submit={t('action.held')} {...common} run={() => act(() => api.POST('/v1/admin/audiences/{code}/held', { params: { path, header } }))} />
              )}
              {a.reply_letter?.id ? (
                <LetterAction
                  id="cancel"
                  texts={{ title: t('action.cancel'), submit: t('letterAction.cancel'), confirmLead: t('letterAction.cancelLead'), confirm: t('letterAction.cancelConfirm'), back: t('letterAction.back') }}
                  fields={CANCEL_FIELDS}
                  previewUrl={`/v1/admin/audiences/${encodeURIComponent(a.code)}/cancel/preview`}
                  body={() => ({ reason: cancelReason })}
                  {...common}
                  run={() => act(() => api.POST('/v1/admin/audiences/{code}/cancel', { params: { path, header }, body: { reason: cancelReason } }), CANCEL_FIELDS)}
                >
                  {(e) => <Input field="cancel-reason" label={t('action.reason')} value={cancelReason} onValue={setCancelReason} error={e('reason')} />}
                </LetterAction>
              ) : (
                <ActionForm
                  id="cancel"
                  warning
                  title={t('action.cancel')}
                  submit={t('action.cancel')}
                  {...common}
                  run={() => act(() => api.POST('/v1/admin/audiences/{code}/cancel', { params: { path, header }, body: { reason: cancelReason } }))}
                >
                  <Input field="cancel-reason" label={t('action.reason')} value={cancelReason} onValue={setCancelReason} />
                </ActionForm>
              )}
            </>
          )}
          {a.reply_letter?.pdf_url && (
            <p>
              <button
                type="button"
                class="button"
                data-testid="letter-download"
                onClick={() => void download(a.reply_letter?.pdf_url ?? '', { ...authHeader(), Accept: 'application/pdf' }, `surat-${a.code}.pdf`)}
              >
                {t('detail.letterPdf', { number: a.reply_letter.number })}
              </button>{' '}
              {a.reply_letter.id && <a href={`/verifikasi#${a.reply_letter.id}`}>{t('detail.letterVerify')}</a>}
            </p>
          )}
          {a.schedule && (
            <p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => void download(`/v1/admin/audiences/${encodeURIComponent(a.code)}/invite.ics`, authHeader(), `${a.code}.ics`)}
              >
                {t('detail.invite')}
              </button>
            </p>
          )}
          {!write && <p>{t('detail.noActions')}</p>}
        </aside>
      </div>
    </>
  );
}

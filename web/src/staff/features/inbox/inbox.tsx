/**
 * Kotak masuk (issue 19): WhatsApp and e-mail conversations waiting for the complaint officer,
 * longest waiting first, each with its waiting time against the 3-office-hour clock, its
 * messages and files, the three actions (make a complaint, attach to a complaint, not a
 * complaint) and a reply box that answers on the conversation's own channel.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDateTime } from '../../../shared/time/format';
import { LoadError } from '../../../shared/ui/load-error';
import { Attachment } from '../../components/attachment';
import { Area, Input, Notice, Select } from '../../components/fields';
import { t } from '../../i18n/t';
import { act } from '../../lib/act';
import { complaintPath } from '../../lib/paths';
import { hasRole, sessionState } from '../../lib/session';

type Conversation = components['schemas']['ConversationOut'];
type Privacy = 'named' | 'confidential' | 'anonymous';

/** Minutes since the first message, and whether the 3-hour clock has run out. */
function waiting(c: Conversation, now: number): { minutes: number; late: boolean } {
  const minutes = Math.max(0, Math.round((now - Date.parse(c.first_received_at)) / 60000));
  return { minutes, late: now > Date.parse(c.due_at) };
}

function Waiting({ c }: { c: Conversation }) {
  const lang = currentLanguage();
  const { minutes, late } = waiting(c, Date.now());
  const hours = Math.floor(minutes / 60);
  const text = hours ? t('inbox.waitingHours', { h: hours, m: minutes % 60 }) : t('inbox.waitingMinutes', { m: minutes });
  return (
    <p>
      <span class={`sla ${late ? 'sla--breached' : 'sla--on_track'}`} data-sla={late ? 'breached' : 'on_track'}>
        {text}
      </span>{' '}
      {late ? t('inbox.overdue') : t('inbox.dueBy', { at: formatDateTime(c.due_at, lang) })}
    </p>
  );
}

function Actions({ c, done }: { c: Conversation; done: () => void }) {
  const { route } = useLocation();
  const [subject, setSubject] = useState('');
  const [privacy, setPrivacy] = useState<Privacy>('named');
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [reply, setReply] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const path = { conversation_id: c.id };
  const failed = (outcome: { ok: false; conflict: boolean; errors?: { general: string[]; fields: Record<string, string> } }) =>
    setNotice({ kind: 'error', lines: outcome.errors ? [...outcome.errors.general, ...Object.values(outcome.errors.fields)] : [t('detail.conflict')] });
  const toComplaint = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/inbox/{conversation_id}/complaint', { params: { path }, body: { subject, privacy, description: null } }), ['subject']);
    if (outcome.ok) route(complaintPath(outcome.data.code));
    else failed(outcome);
  };
  const attach = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/inbox/{conversation_id}/attach', { params: { path }, body: { code: code.trim().toUpperCase() } }), ['code']);
    if (outcome.ok) route(complaintPath(outcome.data.code));
    else failed(outcome);
  };
  const dismiss = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/inbox/{conversation_id}/dismiss', { params: { path }, body: { reason } }), ['reason']);
    if (outcome.ok) done();
    else failed(outcome);
  };
  const send = async (e: Event) => {
    e.preventDefault();
    const outcome = await act(() => api.POST('/v1/admin/inbox/{conversation_id}/reply', { params: { path }, body: { message: reply } }), ['message']);
    if (outcome.ok) {
      setReply('');
      setNotice({ kind: 'ok', lines: [t('inbox.replied', { channel: t(`channel.${outcome.data.channel}`) })] });
    } else failed(outcome);
  };
  return (
    <div class="inbox-actions">
      {notice && <Notice kind={notice.kind} lines={notice.lines} />}
      <form onSubmit={(e) => void toComplaint(e)} aria-label={t('inbox.toComplaint')}>
        <Input field={`subject-${c.id}`} label={t('inbox.subject')} value={subject} onValue={setSubject} />
        <Select
          field={`privacy-${c.id}`}
          label={t('inbox.privacy')}
          value={privacy}
          onValue={(v) => setPrivacy(v as Privacy)}
          options={(['named', 'confidential', 'anonymous'] as Privacy[]).map((p): [string, string] => [p, t(`privacy.${p}`)])}
        />
        <button type="submit" class="button">
          {t('inbox.toComplaint')}
        </button>
      </form>
      <form onSubmit={(e) => void attach(e)} aria-label={t('inbox.attach')}>
        <Input field={`code-${c.id}`} label={t('inbox.code')} hint={t('inbox.codeHint')} value={code} onValue={setCode} />
        <button type="submit" class="button button--secondary">
          {t('inbox.attach')}
        </button>
      </form>
      <form class="inbox-action--warning" onSubmit={(e) => void dismiss(e)} aria-label={t('inbox.dismiss')}>
        <Input field={`reason-dismiss-${c.id}`} label={t('inbox.reason')} value={reason} onValue={setReason} />
        <button type="submit" class="button button--warning">
          {t('inbox.dismiss')}
        </button>
      </form>
      <form onSubmit={(e) => void send(e)} aria-label={t('inbox.reply')}>
        <Area field={`reply-${c.id}`} label={t('inbox.replyLabel', { channel: t(`channel.${c.channel}`) })} value={reply} onValue={setReply} rows={3} />
        <button type="submit" class="button button--secondary">
          {t('inbox.reply')}
        </button>
      </form>
    </div>
  );
}

function ConversationCard({ c, reload, canAct }: { c: Conversation; reload: () => void; canAct: boolean }) {
  const lang = currentLanguage();
  const heading = `h-${c.id}`;
  return (
    <article class="card" aria-labelledby={heading}>
      <h2 id={heading}>
        {c.sender_name || c.sender} <span class="hint">{[c.sender_name ? c.sender : '', t(`channel.${c.channel}`)].filter(Boolean).map((part) => ` · ${part}`).join('')}</span>
      </h2>
      <Waiting c={c} />
      <ol class="messages">
        {c.messages.map((m) => (
          <li key={m.id}>
            <time dateTime={m.received_at}>{formatDateTime(m.received_at, lang)}</time>
            {m.subject && <strong> · {m.subject}</strong>}
            {m.text && <p>{m.text}</p>}
            {m.attachments.map((a, i) =>
              a.upload_id ? (
                <Attachment key={a.upload_id} uploadId={a.upload_id} label={a.filename} />
              ) : (
                <p key={i} class="error-message">
                  {t('inbox.refused', { name: a.filename, reason: a.refused ?? '' })}
                </p>
              ),
            )}
          </li>
        ))}
      </ol>
      {canAct && <Actions c={c} done={reload} />}
    </article>
  );
}

export function Inbox() {
  const list = useLoad(() => api.GET('/v1/admin/inbox', { params: { query: { limit: 50 } } }), t('app.offline'));
  const canAct = hasRole(sessionState().session, 'complaint_officer', 'admin');
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <p class="lead">{t('inbox.lead')}</p>
      {list.errors && <LoadError errors={list.errors} retry={list.reload} retryLabel={t('app.retry')} />}
      {list.data && list.data.items.length === 0 && <p>{t('inbox.empty')}</p>}
      {list.data?.items.map((c) => (
        <ConversationCard key={c.id} c={c} reload={list.reload} canAct={canAct} />
      ))}
      {list.loading && <p aria-live="polite">{t('app.loading')}</p>}
    </>
  );
}

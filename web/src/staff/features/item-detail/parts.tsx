/** Pieces of an item's page: the action form frame, timeline, escalations, audit, attachments. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';
import type { FormErrors } from '../../../shared/api/problem';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDateTime } from '../../../shared/time/format';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import type { Outcome } from '../../lib/act';
import { act } from '../../lib/act';

export type Timeline = components['schemas']['TimelineOut'][];
export type Escalation = components['schemas']['EscalationOut'];

/** `"3"`: the If-Match of an item at version 3 (the API's ETag). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

/**
 * One action: its own inputs (kept across a 412 reload: this component is not remounted),
 * the submit, and the outcome. `run` gets the current version; a 412 calls `onConflict`.
 */
/**
 * What every action of an item page does once answered: a notice (done, or a colleague's
 * change: 412), the item reloaded, the audit trail re-read (`auditKey` remounts it).
 * `common` goes to each ActionForm.
 */
export function useActionOutcome(reload: () => void) {
  const [auditKey, setAuditKey] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const after = (kind: 'ok' | 'error', text: string) => {
    setNotice({ kind, text });
    reload();
    setAuditKey((k) => k + 1);
  };
  const common = { onDone: () => after('ok', t('detail.done')), onConflict: () => after('error', t('detail.conflict')) };
  return { auditKey, notice, common };
}

export function ActionForm({
  id,
  title,
  submit,
  run,
  onDone,
  onConflict,
  children,
  fields = [],
  warning = false,
}: {
  id: string;
  title: string;
  submit: string;
  run: () => Promise<Outcome<unknown>>;
  onDone: () => void;
  onConflict: () => void;
  children?: ComponentChildren;
  fields?: readonly string[];
  /** An action that ends the item against the citizen (reject, decline, cancel): red. */
  warning?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      setErrors(null);
      onDone();
    } else if (outcome.conflict) {
      setErrors(null);
      onConflict();
    } else setErrors(outcome.errors);
  };
  void fields;
  return (
    <form class={warning ? 'action action--warning' : 'action'} aria-labelledby={`${id}-title`} onSubmit={(e) => void send(e)} noValidate data-action={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {errors && (
        <Notice
          kind="error"
          lines={[...errors.general, ...Object.values(errors.fields)]}
        />
      )}
      {children}
      <button type="submit" class={warning ? 'button button--warning' : 'button'} disabled={busy}>
        {busy ? t('action.sending') : submit}
      </button>
    </form>
  );
}

export function TimelineList({ timeline }: { timeline: Timeline }) {
  const lang = currentLanguage();
  return (
    <ol class="timeline">
      {timeline.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · {e.note}
        </li>
      ))}
    </ol>
  );
}

export function Escalations({ items }: { items: Escalation[] }) {
  const lang = currentLanguage();
  if (!items.length) return <p>{t('app.none')}</p>;
  return (
    <ul class="plain">
      {items.map((e, i) => (
        <li key={i}>
          {formatDateTime(e.at, lang)} · {e.level}
          {e.superseded ? ' (superseded)' : ''} · {e.notified.join(', ')}
        </li>
      ))}
    </ul>
  );
}

export function Audit({ load }: { load: () => Promise<{ data?: components['schemas']['AuditPage']; error?: unknown }> }) {
  const lang = currentLanguage();
  const audit = useLoad(load, t('app.offline'));
  if (!audit.data) return null;
  return (
    <ol class="timeline">
      {audit.data.items.map((a, i) => (
        <li key={i}>
          <time dateTime={a.at}>{formatDateTime(a.at, lang)}</time> · {t('detail.auditLine', { actor: a.actor, action: a.action })}
          {a.from || a.to ? ` (${a.from ?? '—'} → ${a.to ?? '—'})` : ''}
          {a.note ? ` · ${a.note}` : ''}
        </li>
      ))}
    </ol>
  );
}

/** An attachment opens through the audited 5-minute link, after the reader gives a reason. */
export function Attachment({ uploadId, label }: { uploadId: string; label: string }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const open = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await act(() => api.GET('/v1/admin/attachments/{upload_id}', { params: { path: { upload_id: uploadId }, query: { reason } } }));
    setBusy(false);
    if (outcome.ok) {
      setErrors([]);
      window.open(outcome.data.url, '_blank', 'noopener');
    } else if (!outcome.conflict) setErrors([...outcome.errors.general, ...Object.values(outcome.errors.fields)]);
  };
  return (
    <form class="attachment" onSubmit={(e) => void open(e)} aria-label={label}>
      <strong>{label}</strong>
      <Input field={`reason-${uploadId}`} label={t('detail.reason')} hint={t('detail.reasonHint')} value={reason} onValue={setReason} />
      <Notice kind="error" lines={errors} />
      <button type="submit" class="button button--secondary" disabled={busy}>
        {busy ? t('detail.opening') : t('detail.open')}
      </button>
    </form>
  );
}

export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Pieces of an item's page: the action form frame, timeline, escalations, audit, attachments. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { components } from '../../../api/schema';
import type { FormErrors } from '../../../shared/api/problem';
import { useLoad } from '../../../shared/api/use-load';
import type { Language } from '../../../shared/i18n/i18n';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDateTime, formatTimeRange } from '../../../shared/time/format';
import { Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import type { Outcome } from '../../lib/act';
import { person } from '../../lib/people';

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

type Level = 'warning' | 'breach' | 'breach_followup';

/** An escalation's recipient in words: "role:supervisor" -> "Pimpinan", "staff:tim1" -> the
 * person (named when it is the item's assignee, whose full name the item carries). */
function recipient(who: string, assignee?: { sub: string; name?: string | null }): string {
  const [kind, id = ''] = who.split(':');
  if (kind === 'role') return id === 'head_of_bureau' ? t('escalation.headOfBureau') : t(`role.${id as 'admin'}`);
  if (kind === 'staff') return person(id, assignee?.sub === id ? assignee.name : null);
  return who;
}

export function Escalations({ items, assignee }: { items: Escalation[]; assignee?: { sub: string; name?: string | null } }) {
  const lang = currentLanguage();
  if (!items.length) return <p>{t('app.none')}</p>;
  return (
    <ul class="plain">
      {items.map((e, i) => (
        <li key={i}>
          {formatDateTime(e.at, lang)} · {t(`escalation.${e.level as Level}`)}
          {e.superseded ? ` (${t('escalation.superseded')})` : ''}
          {e.notified.length ? ` · ${t('escalation.notified', { who: e.notified.map((w) => recipient(w, assignee)).join(', ') })}` : ''}
        </li>
      ))}
    </ul>
  );
}

type AuditItem = components['schemas']['AuditOut'];
type Facts = Record<string, string>;

/** The facts each action's sentence needs; a line written before facts were kept (none) is
 * told as a change of status instead, with its note. */
const NEEDS: Record<string, string[]> = {
  'complaint.received': ['channel'],
  'complaint.classified': ['class'],
  'complaint.reclassified': ['class', 'previous'],
  'complaint.assigned': ['assignee'],
  'complaint.answered': ['channel'],
  'complaint.rejected': ['reason'],
  'complaint.forwarded': ['agency'],
  'complaint.rated': ['score'],
  'audience.submitted': ['channel'],
  'audience.scheduled': ['start', 'room', 'letter'],
  'audience.rescheduled': ['start', 'room', 'letter'],
  'audience.declined': ['reason', 'letter'],
  'audience.cancelled': ['reason'],
  'audience.rated': ['score'],
};
const PLAIN = new Set(['complaint.paused', 'complaint.message', 'complaint.resumed', 'complaint.closed', 'audience.in_review', 'audience.held']);

/** Actions whose sentence names the one who did it: the line does not repeat them. */
const NAMES_ITS_ACTOR: Record<string, string> = { 'complaint.resumed': 'reporter', 'complaint.message': 'reporter' };

/** Lines of an item arriving: sent by a citizen they read "…, dari warga", taken in by staff
 * "… oleh <staff>". */
const SENT_IN = new Set(['complaint.received', 'audience.submitted']);

/** A channel with its preposition, for a sentence: "lewat situs web", "secara tatap muka". */
function via(channel: string): string {
  return t(`audit.via.${channel as 'web'}`);
}

type Kind = 'request_letter' | 'identity' | 'evidence' | 'other';
/** "attachment.view.identity" -> "identity": the kind of file (an unknown kind: "other"). */
function attachmentKind(action: string): Kind {
  const kind = action.split('.')[2];
  return kind === 'request_letter' || kind === 'identity' || kind === 'evidence' ? kind : 'other';
}

function statusName(s: string | null | undefined): string {
  return s ? t(`status.${s as 'received'}`) : '—';
}

/**
 * One audit line as a sentence in the reader's language: "Diklasifikasikan sebagai Normatif
 * oleh Dewi Sartika (tim1) · batas waktu …". Codes (classes, channels, statuses) are
 * translated, people named through `names` (the API's page of full names), times in WIB.
 */
export function auditSentence(a: AuditItem, names: Record<string, string>, lang: Language): string {
  // The issued letter's number as the raw note carries it ("Ruang Melati; letter 400.9/…"):
  // lines written before the number was a fact held an empty one (issue 17).
  const noted = a.note?.match(/^(?:(.*?);\s*)?letter (\S+)$/);
  const f: Facts = { ...(a.facts ?? {}) };
  let rawNote = a.note;
  if (noted) {
    if (!f.letter) f.letter = noted[2] ?? '';
    rawNote = [noted[1], t('audit.letter', { letter: noted[2] ?? '' })].filter(Boolean).join('; ');
  }
  const who = person(a.actor, names[a.actor]);
  const values: Facts = { ...f };
  // a meeting's time as the detail page writes it: "Senin, 7 Desember 2026, 10.00–11.00 WIB"
  if (f.start) values.when = f.end ? formatTimeRange(f.start, f.end, lang) : formatDateTime(f.start, lang);
  // a reason ends the clause before "; surat …": its own full stop would read ".;"
  if (f.reason) values.reason = f.reason.replace(/[.\s]+$/, '');
  if (f.class) values.class = t(`class.${f.class as 'ringan'}`);
  if (f.previous) values.previous = t(`class.${f.previous as 'ringan'}`);
  if (f.channel) values.via = via(f.channel);
  if (f.assignee) values.assignee = person(f.assignee, names[f.assignee]);
  if (f.previous_assignee) values.previous_assignee = person(f.previous_assignee, names[f.previous_assignee]);
  if (f.start) values.start = formatDateTime(f.start, lang);
  const [service, action] = a.action.split('.') as [string, string];
  const needs = NEEDS[a.action];
  let what: string;
  let note: string | null | undefined;
  if ((needs && needs.every((k) => f[k])) || PLAIN.has(a.action)) {
    const key = a.action === 'complaint.assigned' && f.previous_assignee ? 'reassigned' : a.action === 'complaint.answered' && f.letter ? 'answeredLetter' : action;
    what = t(`audit.${service as 'complaint'}.${key as 'received'}`, values);
    note = f.note;
  } else {
    if (service === 'sla') what = t('audit.sla');
    else if (service === 'escalation') what = t('audit.escalation', { level: t(`escalation.${action as Level}`) });
    else if (service === 'attachment') what = t(`audit.attachment.${attachmentKind(a.action)}`);
    else if (a.from || a.to) what = t('audit.statusChange', { from: statusName(a.from), to: statusName(a.to) });
    else what = t('audit.other', { action: a.action });
    // The sweep's own notes (deadline, recipients as codes) are for the raw trail; the page's
    // escalation list says them in words. A file's line gives the reason, never the file's id
    // (the raw note of a line written before the reason was a fact: "<id>: <reason>").
    if (service === 'sla' || service === 'escalation') note = null;
    else if (service === 'attachment') note = f.reason ?? a.note?.replace(/^[^\s:]+: /, '');
    else note = rawNote;
  }
  // A sentence that already names its actor ("Pelapor menjawab; ...") takes no "oleh pelapor";
  // what a citizen sent in on the portal is "…, dari warga".
  let line: string;
  if (NAMES_ITS_ACTOR[a.action] === a.actor) line = what;
  else if (SENT_IN.has(a.action) && a.actor === 'public') line = t('audit.lineFrom', { what, who });
  else line = t('audit.line', { what, who });
  if (f.due) line += ` · ${t('audit.due', { due: formatDateTime(f.due, lang) })}`;
  if (note) line += ` · “${note}”`;
  return line;
}

export function Audit({ load }: { load: () => Promise<{ data?: components['schemas']['AuditPage']; error?: unknown }> }) {
  const lang = currentLanguage();
  const audit = useLoad(load, t('app.offline'));
  if (!audit.data) return null;
  const names = audit.data.names;
  return (
    <ol class="timeline">
      {audit.data.items.map((a, i) => (
        <li key={i}>
          <time dateTime={a.at}>{formatDateTime(a.at, lang)}</time> · {auditSentence(a, names, lang)}
        </li>
      ))}
    </ol>
  );
}

/** An attachment opens through the audited 5-minute link, after the reader gives a reason. */
export { Attachment } from '../../components/attachment';

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

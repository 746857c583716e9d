/**
 * An action that issues a numbered, signed letter to the requester (decline, cancel): its
 * inputs, "Pratinjau surat" (the unsigned PRATINJAU draft from the API's `/preview` route,
 * nothing stored), and a two-step submit: the first press only names what will happen, the
 * second issues the letter; "Batal" goes back to the form. Errors from the preview or the
 * action show beside their inputs (the API's field names), the rest above the form.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FormErrors } from '../../../shared/api/problem';
import { Notice } from '../../components/fields';
import { t } from '../../i18n/t';
import type { Outcome } from '../../lib/act';
import { previewPdf } from '../../lib/act';
import { authHeader } from '../../lib/session';

export interface LetterActionTexts {
  title: string;
  /** The first press: "Tolak dan terbitkan surat". */
  submit: string;
  /** What the second press does, said before it (letter numbered, signed, sent). */
  confirmLead: string;
  /** The second press, which issues the letter. */
  confirm: string;
  /** Back to the form, nothing sent. */
  back: string;
}

export function LetterAction({
  id,
  texts,
  fields,
  previewUrl,
  body,
  run,
  onDone,
  onConflict,
  children,
}: {
  id: string;
  texts: LetterActionTexts;
  /** The API's field paths the inputs show errors for (`reason`, `reply_letter.body`). */
  fields: readonly string[];
  /** The API's preview route for this action. */
  previewUrl: string;
  /** The body both the preview and the action send. */
  body: () => unknown;
  run: () => Promise<Outcome<unknown>>;
  onDone: () => void;
  onConflict: () => void;
  /** The inputs, given the error message for an API field (or undefined). */
  children: (error: (field: string) => string | undefined) => ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    const url = preview;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [preview]);

  const showPreview = async () => {
    setPreview(null);
    const out = await previewPdf(previewUrl, body(), authHeader(), fields);
    if (out.ok) {
      setErrors(null);
      setPreview(out.url);
    } else setErrors(out.errors);
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    const outcome = await run();
    setBusy(false);
    setConfirming(false);
    if (outcome.ok) {
      setErrors(null);
      onDone();
    } else if (outcome.conflict) {
      setErrors(null);
      onConflict();
    } else setErrors(outcome.errors);
  };
  const fieldError = (k: string) => errors?.fields[k];
  return (
    <form class="action action--warning" aria-labelledby={`${id}-title`} onSubmit={(e) => void send(e)} noValidate data-action={id}>
      <h3 id={`${id}-title`}>{texts.title}</h3>
      {errors && <Notice kind="error" lines={errors.general} />}
      {children(fieldError)}
      <p>
        <button type="button" class="button button--secondary" data-testid={`${id}-preview-button`} onClick={() => void showPreview()}>
          {t('scheduling.letterPreview')}
        </button>{' '}
        {preview && (
          <a href={preview} target="_blank" rel="noopener" data-testid={`${id}-preview`}>
            {t('scheduling.letterPreviewOpen')}
          </a>
        )}
      </p>
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby={`${id}-confirm-lead`} tabIndex={-1} ref={confirmRef} data-testid={`${id}-confirm`}>
          <p id={`${id}-confirm-lead`}>{texts.confirmLead}</p>
          <button type="submit" class="button button--warning" disabled={busy}>
            {busy ? t('action.sending') : texts.confirm}
          </button>{' '}
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {texts.back}
          </button>
        </div>
      ) : (
        <button type="submit" class="button button--warning">
          {texts.submit}
        </button>
      )}
    </form>
  );
}

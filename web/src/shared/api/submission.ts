/**
 * One submission of a form: an Idempotency-Key per body (the same body retried, after a
 * double tap or a dropped connection, sends the same key, so the API answers the first
 * response instead of making a second item), and problem+json mapped onto the form's fields.
 */
import { useState } from 'preact/hooks';
import { newIdempotencyKey } from './client';
import type { FormErrors } from './problem';
import { isProblem, offlineErrors, problemToErrors } from './problem';

interface Pending {
  key: string;
  body: string;
}

/** The key for this body: kept in sessionStorage under `storageKey` until a new body comes. */
export function keyFor(storageKey: string, body: unknown): string {
  const text = JSON.stringify(body);
  try {
    const kept = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Pending | null;
    if (kept && kept.body === text) return kept.key;
  } catch {
    /* start a new one */
  }
  const key = newIdempotencyKey();
  try {
    sessionStorage.setItem(storageKey, JSON.stringify({ key, body: text }));
  } catch {
    /* not kept: a reload makes a new key, still one per attempt */
  }
  return key;
}

export interface Messages {
  offline: string;
  inProgress: string;
}

export function useSubmission<B, R>(
  storageKey: string,
  send: (body: B, key: string) => Promise<{ data?: R; error?: unknown }>,
  known: readonly string[],
  messages: Messages,
) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors | undefined>();
  /** Send once: `{data}` on success, else `{errors}` (also kept in state for rendering). */
  async function submit(body: B): Promise<{ data?: R; errors?: FormErrors }> {
    if (busy) return {}; // a double tap while the first is in flight
    setBusy(true);
    setErrors(undefined);
    let found: FormErrors;
    try {
      const { data, error } = await send(body, keyFor(storageKey, body));
      if (data !== undefined) {
        sessionStorage.removeItem(storageKey);
        return { data };
      }
      if (isProblem(error) && error.code === 'idempotency_in_progress') found = offlineErrors(messages.inProgress);
      else found = isProblem(error) ? problemToErrors(error, known) : offlineErrors(messages.offline);
    } catch {
      found = offlineErrors(messages.offline); // the same key goes with the retry
    } finally {
      setBusy(false);
    }
    setErrors(found);
    return { errors: found };
  }
  return { submit, busy, errors, setErrors };
}

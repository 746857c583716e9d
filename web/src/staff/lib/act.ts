/**
 * One staff action against the API: the typed call's `{data, error, response}` as
 * {ok, data} | {conflict} (412: someone else changed the item; the caller reloads it and
 * keeps what was typed) | {errors} (problem+json -> field messages). A thrown call is offline.
 */
import type { FormErrors } from '../../shared/api/problem';
import { isProblem, offlineErrors, problemToErrors } from '../../shared/api/problem';
import { t } from '../i18n/t';

export type Outcome<T> = { ok: true; data: T } | { ok: false; conflict: true } | { ok: false; conflict: false; errors: FormErrors };

export async function act<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  fields: readonly string[] = [],
): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call();
    if (data !== undefined && response.ok) return { ok: true, data };
    if (response.status === 412) return { ok: false, conflict: true };
    if (response.status === 401) return { ok: false, conflict: false, errors: offlineErrors(t('signIn.expiredLead')) };
    if (isProblem(error)) return { ok: false, conflict: false, errors: problemToErrors(error, fields) };
    return { ok: false, conflict: false, errors: offlineErrors(t('app.offline')) };
  } catch {
    return { ok: false, conflict: false, errors: offlineErrors(t('app.offline')) };
  }
}

/** A file the API serves only with the bearer token (CSV, xlsx, invite): fetched, then saved. */
export async function download(url: string, headers: Record<string, string>, fallbackName: string): Promise<boolean> {
  const res = await fetch(url, { headers });
  if (!res.ok) return false;
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
  return true;
}

/** The reply letter as the forms send it: null for what is left empty (no number: the year's
 * next one; no date: today). */
export function letterBody(number: string, date: string, body: string): { number: string | null; date: string | null; body: string | null } {
  return { number: number.trim() || null, date: date || null, body: body.trim() || null };
}

/** A draft PDF the API makes from a POST body (the letter preview): an object URL, or null. */
export async function previewPdf(url: string, body: unknown, headers: Record<string, string>): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/pdf' },
      body: JSON.stringify(body),
    });
    if (!res.ok) return null;
    return URL.createObjectURL(await res.blob());
  } catch {
    return null;
  }
}

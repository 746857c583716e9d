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

/** What a letter preview gives: the draft as an object URL, or what the API refused. */
export type Preview = { ok: true; url: string } | { ok: false; errors: FormErrors };

/**
 * A draft PDF the API makes from a POST body (the letter preview): an object URL, or the
 * errors to show. A problem+json answer gives its title/detail as the first general line and
 * its field errors (under the form's `fields`, the rest as general lines); anything else
 * (offline, a proxy's page) the generic "cannot be made".
 */
export async function previewPdf(url: string, body: unknown, headers: Record<string, string>, fields: readonly string[] = []): Promise<Preview> {
  const failed = (): Preview => ({ ok: false, errors: offlineErrors(t('scheduling.letterPreviewFailed')) });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/pdf, application/problem+json' },
      body: JSON.stringify(body),
    });
    if (res.ok) return { ok: true, url: URL.createObjectURL(await res.blob()) };
    if (res.status === 401) return { ok: false, errors: offlineErrors(t('signIn.expiredLead')) };
    if (!(res.headers.get('Content-Type') ?? '').includes('json')) return failed();
    const problem: unknown = await res.json();
    if (!isProblem(problem)) return failed();
    const errors = problemToErrors(problem, fields);
    const lead = problem.detail || problem.title;
    if (lead && !errors.general.includes(lead)) errors.general.unshift(lead);
    return { ok: false, errors };
  } catch {
    return failed();
  }
}

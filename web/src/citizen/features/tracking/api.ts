import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';

export type TrackView = components['schemas']['TrackOut'];

/** GET /v1/track/{code}: the token goes in a header, never in the URL. */
export function fetchTrack(code: string, token: string) {
  return api.GET('/v1/track/{tracking_code}', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token } },
  });
}

export function sendMessage(code: string, token: string, message: string, key: string) {
  return api.POST('/v1/track/{tracking_code}/messages', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token, 'Idempotency-Key': key } },
    body: { message },
  });
}

export function sendRating(code: string, token: string, score: number, comment: string | null, key: string) {
  return api.POST('/v1/track/{tracking_code}/rating', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token, 'Idempotency-Key': key } },
    body: { score, comment },
  });
}

/** The meeting's invite as a file to save (a plain link cannot carry the token header). */
export async function downloadInvite(code: string, token: string): Promise<boolean> {
  const { data, response } = await api.GET('/v1/track/{tracking_code}/invite.ics', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) return false;
  const url = URL.createObjectURL(new Blob([data as Blob], { type: 'text/calendar' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${code}.ics`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** The signed reply letter (PDF) as a file to save, with the token in its header. */
export async function downloadLetter(code: string, token: string): Promise<boolean> {
  const { data, response } = await api.GET('/v1/track/{tracking_code}/letter.pdf', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token } },
    headers: { Accept: 'application/pdf' },
    parseAs: 'blob',
  });
  if (!response.ok || !data) return false;
  const url = URL.createObjectURL(new Blob([data as Blob], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `surat-${code}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

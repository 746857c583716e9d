/**
 * The one typed client of the API (same origin: no CORS, no base URL). Types come from
 * src/api/schema.d.ts, generated from the app's /openapi.json; never edit that file.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../api/schema';
import { currentLanguage } from '../i18n/i18n';

// fetch is looked up per call (not captured once), so tests and polyfills can stand in.
export const api = createClient<paths>({ baseUrl: '', fetch: (request) => globalThis.fetch(request) });

api.use({
  onRequest({ request }) {
    // Problem details come back in the reader's language (Indonesian unless switched).
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
});

/**
 * A fresh Idempotency-Key (1-64 chars, api.md): a retry of the same submission sends the same
 * key, so a double tap or a flaky network never makes two requests.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

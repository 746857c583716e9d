import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';

export type AudienceCreate = components['schemas']['AudienceCreate'];

/** POST /v1/audiences with the submission's Idempotency-Key. */
export function submitAudience(body: AudienceCreate, key: string) {
  return api.POST('/v1/audiences', { body, params: { header: { 'Idempotency-Key': key } } });
}

/**
 * Whether a typed date can be a meeting date: the API answers 400 naming `date` with the rule's
 * own sentence (weekend, which holiday, past, too far ahead), as the final submit would.
 */
export function checkPreferredDate(date: string) {
  return api.GET('/v1/working-days', { params: { query: { count: 1, date } } });
}

/** The next working days in the bureau's calendar (holidays and cuti bersama excluded). */
export function fetchWorkingDays() {
  return api.GET('/v1/working-days', { params: { query: { count: 10 } } });
}

import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';

export type ComplaintCreate = components['schemas']['ComplaintCreate'];

/** POST /v1/complaints with the submission's Idempotency-Key. */
export function submitComplaint(body: ComplaintCreate, key: string) {
  return api.POST('/v1/complaints', { body, params: { header: { 'Idempotency-Key': key } } });
}
